import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { createAppRepository } from './app/app-repository.js';
import {
  type AttachmentRepository,
  createAttachmentRepository,
} from './attachments/attachment-repository.js';
import type { BlobStorage } from './attachments/blob-storage.js';
import { DiskBlobStorage } from './attachments/disk-blob-storage.js';
import { filesDirOf } from './attachments/files-dir.js';
import { type AutomationStore, createAutomationStore } from './automation/automation-store.js';
import type { AppRepository, RecordRepository } from './contract.js';
import { countingDialect } from './dialect/counting-dialect.js';
import type { DialectName, StoreDialect } from './dialect/dialect.js';
import { createPGliteDialect } from './dialect/pglite/pglite-dialect.js';
import { createPostgresDialect } from './dialect/postgres/postgres-dialect.js';
import type { StatementCounter } from './dialect/statement-counter.js';
import { createIdentityRepository, type IdentityRepositoryExt } from './identity/identity-repository.js';
import { DEFAULT_SESSION_CACHE_MS, SessionCache } from './identity/session-cache.js';
import { createSessionRepository, type SessionRepository } from './identity/session-repository.js';
import { createSignInRepository, type SignInRepository } from './identity/sign-in-limits.js';
import { createMetricsRepository, type MetricsRepository } from './metrics/metrics-repository.js';
import { migrate } from './migrations/runner.js';
import { createImportJobRepository, type ImportJobRepository } from './record/import-jobs.js';
import { createRecordImporter, type RecordImporter } from './record/record-import.js';
import { createRecordRepository } from './record/record-repository.js';
import { createStageRepository, type StageRepository } from './stage/stage-repository.js';
import { createSavedViewRepository, type SavedViewRepository } from './views/saved-view-repository.js';

/** How to open the store. Everything is optional: the defaults follow DATABASE_URL and DATA_DIR. */
export interface OpenStoreOptions {
  /** PostgreSQL URL; defaults to `DATABASE_URL`. When neither is set, PGlite runs embedded. */
  databaseUrl?: string;
  /** Data folder (`DATA_DIR`, default `./data`); PGlite keeps its files in `<dataDir>/pglite`. */
  dataDir?: string;
  /** An in-memory PGlite database (tests); ignores databaseUrl and dataDir. */
  memory?: boolean;
  /** Run pending system migrations on open (default true). */
  migrate?: boolean;
  /** Folder of uploaded files (default `<dataDir>/files`; a temp folder for in-memory stores). */
  filesDir?: string;
  /**
   * Where uploaded bytes go instead of the files folder, e.g. an S3-compatible store implementing
   * the same small interface; the database keeps the metadata either way.
   */
  blobs?: BlobStorage;
  /** Id source for new rows (default random UUIDs); tests may pass a deterministic one. */
  ids?: () => string;
  /** `work_mem` for dashboard queries, e.g. `64MB` (`METRICS_WORK_MEM`); default: the database's. */
  metricsWorkMem?: string;
  /**
   * Counts every statement sent through the store's connection into the counter's current tally
   * (statement-budget tests, `pnpm bench http`); off when omitted.
   */
  statements?: StatementCounter;
  /**
   * PGlite only: serve the one session by work priority (`withWorkPriority`), short requests before
   * dashboards and exports before the worker (default true). `false` queues everything in arrival
   * order, the baseline `pnpm bench fairness` compares against.
   */
  prioritiseWork?: boolean;
  /**
   * How long a looked-up browser session is reused before it is read again (default 2000 ms; 0
   * turns the cache off). Writes through this store take effect at once whatever the value; it
   * bounds how long another process's sign-out or user change takes to be seen here.
   */
  sessionCacheMs?: number;
}

/** The opened store: repositories over one database, whichever engine runs it. */
export interface Store {
  readonly dialect: DialectName;
  /**
   * Whether the store serves database work by priority (`withWorkPriority`); when false a caller
   * need not tag its work (tagging costs an async context on every call).
   */
  readonly schedulesWork: boolean;
  /**
   * The kysely instance, for modules inside packages/store (stage transitions, attachments) and
   * tests. Code outside the store goes through the repositories.
   */
  // biome-ignore lint/suspicious/noExplicitAny: entity tables are created at run time
  readonly db: Kysely<any>;
  readonly identity: IdentityRepositoryExt;
  /** Browser sessions with idle and absolute timeouts. */
  readonly sessions: SessionRepository;
  /** Failed sign-ins and the locks they earn, shared by every server process. */
  readonly signIns: SignInRepository;
  readonly apps: AppRepository;
  readonly records: RecordRepository;
  /** Stage transitions (one transaction each) and stage history. */
  readonly stages: StageRepository;
  /** Uploaded files: metadata here, bytes in `blobs`. */
  readonly attachments: AttachmentRepository;
  /** Bulk import of historic rows and stage moves (template demo data, migrations, benchmarks). */
  readonly imports: RecordImporter;
  /** Import jobs: the stored file, the job row a runner leases, staging and the one-transaction commit. */
  readonly importJobs: ImportJobRepository;
  /** Dashboard, goal and forecast queries: one scoped SQL query per metrics plan. */
  readonly metrics: MetricsRepository;
  /** Saved views of lists, personal and shared. */
  readonly savedViews: SavedViewRepository;
  /** Job queue, automation run log, inbox and approvals (the runner and the automation routes). */
  readonly automation: AutomationStore;
  /** The blob storage behind attachments (files under `filesDir`). */
  readonly blobs: BlobStorage;
  /** The id source the repositories use. */
  readonly newId: () => string;
  /** Applies pending system migrations; returns their names. */
  migrate(): Promise<string[]>;
  /** Where the data lives, e.g. `PGlite in /srv/data/pglite` (no passwords). */
  describe(): string;
  close(): Promise<void>;
}

/** The metrics executor's settings from the options and the environment. */
function metricsOptions(options: OpenStoreOptions): { workMem?: string } {
  const workMem = options.metricsWorkMem ?? process.env.METRICS_WORK_MEM;
  return workMem ? { workMem } : {};
}

/** Picks the dialect from the options and the environment. */
export function chooseDialect(options: OpenStoreOptions = {}, schemaGeneration?: () => number): StoreDialect {
  const fair = options.prioritiseWork === false ? { prioritise: false } : {};
  if (options.memory) return createPGliteDialect({ memory: true, ...fair });
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (databaseUrl)
    return createPostgresDialect({ databaseUrl, ...(schemaGeneration ? { schemaGeneration } : {}) });
  const dataDir = options.dataDir ?? process.env.DATA_DIR ?? './data';
  return createPGliteDialect({ dataDir: join(dataDir, 'pglite'), ...fair });
}

/**
 * Opens the database (PostgreSQL when a URL is given or DATABASE_URL is set, else PGlite in the
 * data folder), brings the system tables up to date and returns the repositories.
 *
 * @example
 * const store = await openStore({ memory: true });
 * const ws = await store.identity.createWorkspace('Acme');
 * await store.close();
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  // Prepared plans are dropped when this store publishes (the apps repository counts publishes).
  const publishes = { of: undefined as AppRepository | undefined };
  const dialect = chooseDialect(options, () => publishes.of?.publishes ?? 0);
  // biome-ignore lint/suspicious/noExplicitAny: entity tables are created at run time
  const db = new Kysely<any>({
    dialect: options.statements ? countingDialect(dialect.kysely, options.statements) : dialect.kysely,
  });
  const newId = options.ids ?? randomUUID;
  const apps = createAppRepository(db, newId);
  publishes.of = apps;
  const sessionCache = new SessionCache(options.sessionCacheMs ?? DEFAULT_SESSION_CACHE_MS);
  const blobs = options.blobs ?? new DiskBlobStorage(filesDirOf(options));
  const store: Store = {
    dialect: dialect.name,
    schedulesWork: dialect.schedulesWork,
    db,
    newId,
    identity: createIdentityRepository(db, newId, sessionCache),
    sessions: createSessionRepository(db, newId, sessionCache),
    signIns: createSignInRepository(db),
    apps,
    records: createRecordRepository(db, newId),
    stages: createStageRepository(db),
    imports: createRecordImporter(db, newId),
    importJobs: createImportJobRepository(db, blobs, newId, (table, columns, data) =>
      dialect.copyIn(table, columns, data),
    ),
    metrics: createMetricsRepository(db, metricsOptions(options)),
    savedViews: createSavedViewRepository(db, newId),
    attachments: createAttachmentRepository(db, blobs, newId),
    blobs,
    automation: createAutomationStore(db, newId),
    migrate: () => migrate(db),
    describe: () => dialect.describe(),
    close: () => db.destroy(),
  };
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  return store;
}
