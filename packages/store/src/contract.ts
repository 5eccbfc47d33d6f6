/**
 * The store's public contract. Everything outside packages/store talks to the database through
 * these interfaces only; nothing outside knows whether PostgreSQL or PGlite runs underneath.
 *
 * Expected failures come back as `{ ok: false, issues }` with stable codes (see
 * docs/reference/errors.md); the server maps codes to HTTP statuses in one place.
 */
import type { App, Entity, Field, Issue, ResolvedPermission, Result } from '@stagecraft/schema';
import type { Expression, SqlBool } from 'kysely';

export type { Issue, Result };

/** Who is acting. Every repository call takes one; record scope is enforced from it. */
export interface Actor {
  workspaceId: string;
  userId: string;
  /** Role ids: built-in (admin, manager, member) and app roles. */
  roles: string[];
  /** The user's org unit; `subtree` scope means this unit and everything below it. */
  orgUnitId: string | null;
}

/** A record as the API sees it: system fields plus field values, flat. */
export interface RecordData {
  id: string;
  version: number;
  owner: string | null;
  orgUnit: string | null;
  stage: string | null;
  stageEnteredAt: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  deletedAt: string | null;
  [field: string]: unknown;
}

export interface ListQuery {
  /** JSON Logic over field ids and system fields, translated to SQL by @stagecraft/rules. */
  filter?: unknown;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  /** Free-text search over text-like fields. */
  search?: string;
  limit?: number;
  offset?: number;
  includeDeleted?: boolean;
  /**
   * Only records that reached this stage of the entity's machine: the initial stage, a move into
   * it in the stage history, or the stage they are in now (what a funnel step counts).
   */
  reachedStage?: string;
  /** Clock and time zone for date operators (`now`, `today`) in the filter; the server passes its clock on every read (without one they are null). */
  ruleContext?: { now?: Date | string; timeZone?: string };
}

export interface ListResult {
  records: RecordData[];
  total: number;
}

export interface Workspace {
  id: string;
  name: string;
  timeZone: string;
}
export interface User {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  roles: string[];
  orgUnitId: string | null;
  managerId: string | null;
  locale: 'zh-CN' | 'en';
  disabled: boolean;
  /** Skills (an industry, a product line…) the `assign` action's `skillTags` pick reps by. */
  skillTags: string[];
  /**
   * Signed in with a one-time password that is not yet changed: the server lets such a user only
   * change the password, read `me` and sign out. Always set by the store; optional for fixtures.
   */
  mustChangePassword?: boolean;
  /** Whether notifications also reach this user by email (when SMTP is set up). Default on. */
  emailNotifications?: boolean;
}
export interface OrgUnit {
  id: string;
  workspaceId: string;
  parentId: string | null;
  name: string;
  /** Materialised path of ids from the root, e.g. `/root/east/east-1/`. */
  path: string;
  level: number;
}

export interface AppSummary {
  id: string;
  workspaceId: string;
  label: App['label'];
  draftRevision: number;
  publishedVersion: number | null;
  updatedAt: string;
}
export interface AppVersion {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  definition: App;
  note: string | null;
}

export interface AuditEntry {
  id: string;
  entity: string;
  recordId: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'transition';
  actor: string | null;
  at: string;
  definitionVersion: number;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** What a publish did to the tables, for the designer's diff and the closing report. */
export interface TableChange {
  entity: string;
  kind: 'create_table' | 'add_column' | 'archive_column' | 'convert_column' | 'restore_column';
  field?: string;
  /** For archive: how many non-null values were archived. */
  values?: number;
}

/** One per-entity permission as resolved for an actor. */
/** Resolved by `resolvePermission` of @stagecraft/schema (the UI resolves it the same way). */
export type { ResolvedPermission } from '@stagecraft/schema';

export type { Entity };

/** Apps, drafts and published versions of one workspace. */
export interface AppRepository {
  list(actor: Actor): Promise<AppSummary[]>;
  /**
   * The latest published version of an app with its number and the zone its rules use (the app's
   * setting, else the workspace's), in one statement: what a request's context is built from.
   */
  published(
    actor: Actor,
    appId: string,
  ): Promise<Result<PublishedRef & { workspaceTimeZone: string | null }>>;
  /**
   * How many publishes this store has committed: a cache of published apps compares it on each use
   * and starts afresh when it moved (a publish in this process is seen by the next request).
   */
  readonly publishes: number;
  create(actor: Actor, definition: App): Promise<Result<AppSummary>>;
  getDraft(actor: Actor, appId: string): Promise<Result<{ revision: number; definition: unknown }>>;
  /** Saves the draft; `baseRevision` must match the stored one or the result is a DRAFT_CONFLICT issue. */
  saveDraft(
    actor: Actor,
    appId: string,
    definition: unknown,
    baseRevision?: number,
  ): Promise<Result<{ revision: number }>>;
  /**
   * Publishes an already validated app in one transaction: migrates entity tables (nothing lost),
   * stores the immutable numbered version, and returns what changed in the tables.
   */
  publish(
    actor: Actor,
    appId: string,
    definition: App,
    note?: string,
  ): Promise<Result<{ version: number; changes: TableChange[] }>>;
  /** Reports what publishing `definition` would do, without doing it (data impact for the designer). */
  planPublish(actor: Actor, appId: string, definition: App): Promise<Result<TableChange[]>>;
  versions(actor: Actor, appId: string): Promise<Result<Omit<AppVersion, 'definition'>[]>>;
  getVersion(actor: Actor, appId: string, version?: number): Promise<Result<AppVersion>>;
}

/** Records of one app's entities; scope and field permissions are applied inside every method. */
export interface RecordRepository {
  /**
   * The operations on one entity whose context the caller resolved once (the server, from its
   * cached published app): no app lookup per call, and each write one statement with its audit row.
   */
  in(ctx: EntityContext): EntityRecords;
  list(actor: Actor, appId: string, entityId: string, query: ListQuery): Promise<Result<ListResult>>;
  get(actor: Actor, appId: string, entityId: string, id: string): Promise<Result<RecordData>>;
  /**
   * The ids of every record a list query matches, in its order, with no limit (for exports: the
   * set is fixed by one query, then read in pages with `getMany`). Same scope and checks as list.
   */
  matchingIds(
    actor: Actor,
    appId: string,
    entityId: string,
    query: Omit<ListQuery, 'limit' | 'offset'>,
  ): Promise<Result<string[]>>;
  /** The records of these ids the actor may still read, in the order of `ids` (missing ones left out). */
  getMany(
    actor: Actor,
    appId: string,
    entityId: string,
    ids: readonly string[],
  ): Promise<Result<RecordData[]>>;
  /** Values must be validated by the caller (engine) against the published version first. */
  create(
    actor: Actor,
    appId: string,
    entityId: string,
    values: Record<string, unknown>,
  ): Promise<Result<RecordData>>;
  /** Optimistic concurrency: `expectedVersion` must equal the stored version, else VERSION_CONFLICT. */
  update(
    actor: Actor,
    appId: string,
    entityId: string,
    id: string,
    expectedVersion: number,
    values: Record<string, unknown>,
  ): Promise<Result<RecordData>>;
  softDelete(
    actor: Actor,
    appId: string,
    entityId: string,
    id: string,
    expectedVersion?: number,
  ): Promise<Result<RecordData>>;
  /** Brings a soft-deleted record back (audit action `restore`); needs delete rights and the same scope. */
  undelete(
    actor: Actor,
    appId: string,
    entityId: string,
    id: string,
    expectedVersion?: number,
  ): Promise<Result<RecordData>>;
  /** Aggregates under the same scope as list (count, sum…), for dashboards and board column headers. */
  aggregate(
    actor: Actor,
    appId: string,
    entityId: string,
    query: {
      filter?: unknown;
      groupBy?: string;
      measures: { op: 'count' | 'sum' | 'avg' | 'min' | 'max'; field?: string }[];
      ruleContext?: ListQuery['ruleContext'];
    },
  ): Promise<Result<{ group: unknown; values: (number | null)[] }[]>>;
  audit(actor: Actor, appId: string, entityId: string, id: string): Promise<Result<AuditEntry[]>>;
  archivedFields(
    actor: Actor,
    appId: string,
    entityId: string,
  ): Promise<
    Result<
      { archiveId: string; field: string; archivedAt: string; values: number; restoredAt: string | null }[]
    >
  >;
  restoreArchivedField(
    actor: Actor,
    appId: string,
    entityId: string,
    archiveId: string,
  ): Promise<Result<{ restored: number }>>;
}

/** Workspaces, users, org tree and API tokens (sessions: `SessionRepository`). */
export interface IdentityRepository {
  createWorkspace(name: string, timeZone?: string): Promise<Workspace>;
  createOrgUnit(workspaceId: string, name: string, parentId: string | null, id?: string): Promise<OrgUnit>;
  orgUnits(workspaceId: string): Promise<OrgUnit[]>;
  createUser(
    input: Omit<User, 'id' | 'disabled' | 'skillTags'> & {
      passwordHash: string;
      id?: string;
      skillTags?: string[];
    },
  ): Promise<Result<User>>;
  findUserByEmail(email: string): Promise<(User & { passwordHash: string }) | null>;
  getUser(workspaceId: string, id: string): Promise<User | null>;
  users(workspaceId: string): Promise<User[]>;
  countUsers(): Promise<number>;
  createApiToken(
    userId: string,
    name: string,
    tokenHash: string,
    input?: ApiTokenInput,
  ): Promise<{ id: string }>;
  /** The enabled user behind an unrevoked token and what it allows (expired ones included). */
  findApiToken(tokenHash: string, now: Date): Promise<{ user: User; token: ApiTokenGrant } | null>;
}

/** What an API token may reach: only reads, reads and writes, or one app (reads and writes). */
export type ApiTokenScope = 'read-only' | 'read-write' | 'app';

/** A new token's scope and expiry (defaults: read-write, never expires). */
export interface ApiTokenInput {
  scope?: ApiTokenScope;
  /** The app an `app` token is limited to. */
  appId?: string;
  expiresAt?: Date | null;
  /** Creation time (the server's clock). */
  now?: Date;
}

/** What a found token allows. */
export interface ApiTokenGrant {
  id: string;
  scope: ApiTokenScope;
  appId: string | null;
  expiresAt: string | null;
}

/** A token as its owner's list shows it (never the secret or its hash). */
export interface ApiTokenView extends ApiTokenGrant {
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Everything a record operation needs about the entity, resolved once per call. */
export interface EntityContext {
  /** Whose request this is: scope, permission and the audit's actor follow from it. */
  actor: Actor;
  workspaceId: string;
  appNo: number;
  appId: string;
  /** The published version records are validated and audited against. */
  version: number;
  definition: App;
  entity: Entity;
  table: string;
  permission: ResolvedPermission;
  /** Fields the actor may see (access read or write), by id. */
  visible: Map<string, Field>;
  /** The record-scope predicate for this actor (`true` for scope all). */
  scope: Expression<SqlBool>;
}

/** A published app version as a caller already holds it (the server caches it per publish). */
export interface PublishedRef {
  workspaceId: string;
  appNo: number;
  appId: string;
  version: number;
  definition: App;
}

/** Options of a write: the request's clock reading, used for the audit row's time. */
export interface WriteOptions {
  at?: string;
}

/** What one entity's records offer once the context is resolved. */
export interface EntityRecords {
  list(query: ListQuery): Promise<Result<ListResult>>;
  get(id: string): Promise<Result<RecordData>>;
  create(values: Record<string, unknown>, options?: WriteOptions): Promise<Result<RecordData>>;
  update(
    id: string,
    expectedVersion: number,
    values: Record<string, unknown>,
    options?: WriteOptions,
  ): Promise<Result<RecordData>>;
  /** Soft delete (`deleted`) or bring back: same rights (delete), same scope, audited. */
  setDeleted(
    deleted: boolean,
    id: string,
    expectedVersion?: number,
    options?: WriteOptions,
  ): Promise<Result<RecordData>>;
}
