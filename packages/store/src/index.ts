/** @stagecraft/store: the only package that talks to a database. */

/** Resolves an actor's rights on an entity from an app's roles (the UI shows what the store enforces). */
export { resolvePermission } from '@stagecraft/schema';
/** Approval instances and their append-only decisions. */
export type {
  ApprovalInstance,
  ApprovalRepository,
  StoredApprovalState,
} from './approvals/approval-repository.js';
/** Uploaded files and their checked, streamed upload, for the attachment routes. */
export type {
  Attachment,
  AttachmentRepository,
  FileRecordKey,
  UploadInput,
} from './attachments/attachment-repository.js';
/** Where file bytes live; an S3-compatible store implements the same interface. */
export type { BlobStorage, PutResult } from './attachments/blob-storage.js';
/** What a blob storage throws when a stream passes its size limit (the store maps it to UPLOAD_TOO_LARGE). */
export { BlobTooLargeError } from './attachments/blob-storage.js';
/** The embedded default blob storage (files under DATA_DIR/files). */
export { DiskBlobStorage } from './attachments/disk-blob-storage.js';
export {
  /** The content route every file value of a record read carries as `url`. */
  fileContentUrl,
  /** Rewrites each file item of record values, with its JSON path; one walker for every file rule. */
  mapFileValues,
} from './attachments/record-files.js';
/** A record write read from the audit trail, the outbox of record events, and a reader's place in it. */
export type { OutboxCursor, OutboxEntry } from './automation/audit-outbox.js';
/** The outbox cursor's start and order, so readers sharing one cursor only ever move it forward. */
export { laterCursor, OUTBOX_START } from './automation/audit-outbox.js';
/** Run log, cursors, webhook deliveries and automation-made tasks. */
export type {
  AutomationRepository,
  AutomationRunEntry,
  AutomationTask,
  WebhookDelivery,
} from './automation/automation-repository.js';
/** The automation side of the store, as one object the runner and routes receive. */
export type { AutomationStore } from './automation/automation-store.js';
/** The contract the server codes against. */
export type {
  Actor,
  ApiTokenGrant,
  ApiTokenInput,
  ApiTokenScope,
  ApiTokenView,
  AppRepository,
  AppSummary,
  AppVersion,
  AuditEntry,
  IdentityRepository,
  Issue,
  ListQuery,
  ListResult,
  OrgUnit,
  RecordData,
  RecordRepository,
  ResolvedPermission,
  Result,
  TableChange,
  User,
  Workspace,
} from './contract.js';
/** The table name of an entity (`t<appNo>_<entityId>`), for store-internal modules and tests. */
export { entityTableName } from './ddl/names.js';
/** What publishing would do, for callers that hold a transaction of their own (stage, templates). */
export { describePlan, planPublish } from './ddl/publish-plan.js';
/** Which engine runs underneath (for logs and the start banner only). */
export type { DialectName } from './dialect/dialect.js';
/** What one request's statements came to (statement budgets, `pnpm bench http`). */
export type { StatementTally } from './dialect/statement-counter.js';
/** Counts the statements each request sends through the store's connection; opt-in via openStore. */
export { StatementCounter } from './dialect/statement-counter.js';
/** Identity operations beyond the contract (role changes, token revocation). */
export type { IdentityRepositoryExt } from './identity/identity-repository.js';
/** Browser sessions: created at sign-in, listed and ended by their owner, idle and absolute timeouts. */
export type {
  NewSession,
  SessionInfo,
  SessionLookup,
  SessionRepository,
} from './identity/session-repository.js';
/** Sign-in limits kept in the database: the thresholds, their defaults and the repository. */
export type { SignInLimits, SignInRepository } from './identity/sign-in-limits.js';
/** The documented sign-in thresholds and the account lock they give after n failures. */
export { accountLockMs, DEFAULT_SIGN_IN_LIMITS } from './identity/sign-in-limits.js';
/** In-app notifications, delivered once per job and user. */
export type { InboxRepository, Notification, NotificationInput } from './inbox/inbox-repository.js';
/** The durable job queue (SKIP LOCKED, leases, backoff, dead letters, idempotency keys). */
export type { ClaimOptions, Job, JobInput, JobQueue } from './jobs/job-queue.js';
/** Default retry delays of the queue, for the runner and docs. */
export { DEFAULT_BACKOFF } from './jobs/job-queue.js';
/** Stored forecast snapshots, read back for accuracy per rep. */
export type {
  ForecastSnapshotInput,
  ForecastSnapshotRow,
  SnapshotQuery,
} from './metrics/forecast-snapshots.js';
/** Runs metrics plans (dashboards, goals, forecast) under the actor's record scope. */
export type { MetricsRepository } from './metrics/metrics-repository.js';
/** Runs pending system migrations (`stagecraft migrate`); openStore already does it on open. */
export { migrate } from './migrations/runner.js';
/** Bulk import of historic rows with their system fields (demo data, migrations, benchmarks). */
/** An entity resolved once per request (app version, table, permission, scope) and how to build it without a read. */
export type { EntityContext, PublishedRef } from './record/entity-context.js';
/** Builds an entity context from a published app the caller holds (the server's cache). */
export { entityContextOf } from './record/entity-context.js';
/** Record operations bound to one entity context (`store.records.in(ctx)`). */
export type { EntityRecords, WriteOptions } from './record/entity-records.js';
/** Import jobs: stored file, leased job row, progress, staging and the one-transaction commit. */
export type {
  ImportJobRepository,
  ImportJobRow,
  ImportJobStateName,
  ImportProgress,
  NewImportJob,
} from './record/import-jobs.js';
/** A job's staged rows, their key clashes and matches, and the commit. */
export type { KeyClash, KeyMatch, StagingSession } from './record/import-staging.js';
export type { CreateManyRow, ImportRow, ImportStageMove, RecordImporter } from './record/record-import.js';
/** One checked row of an import's file, as the runner hands it to the staging. */
export type { StagedRow } from './record/stage-rows.js';
/** Tags the database work of a call (interactive, heavy, background) so the embedded engine serves short requests first. */
export type { WorkPriority, WorkTag } from './scheduling/work-priority.js';
/** Sets the priority at the edge (route, worker); repositories below inherit it; a pool ignores it. */
export { currentWork, withWorkPriority } from './scheduling/work-priority.js';
/** Stage transitions applied in one transaction, and stage history, for the transition routes. */
export type { ApplyTransitionInput, StageRepository } from './stage/stage-repository.js';
/** One stage-history entry as the API returns it. */
export type { StageHistoryEntry } from './stage/stage-rows.js';
/** The opened store and how to open it. */
export type { OpenStoreOptions, Store } from './store.js';
/** Opens PostgreSQL or embedded PGlite behind one interface and migrates the system tables. */
export { openStore } from './store.js';
/** Runs work in one transaction, committing only on `{ ok: true }`. */
export { inTransaction } from './transaction.js';
/** Saved views of lists (personal and shared) and their repository. */
export type { SavedViewRepository, SavedViewRow } from './views/saved-view-repository.js';
