/**
 * What the server needs from the store: the three repositories of `@stagecraft/store`'s contract.
 * `openStore()` returns more than this (close, migrate…); the server only depends on this shape, so
 * tests and the CLI can hand in whatever the store package builds.
 */
import type {
  AppRepository,
  AttachmentRepository,
  AutomationStore,
  IdentityRepositoryExt,
  ImportJobRepository,
  MetricsRepository,
  RecordImporter,
  RecordRepository,
  SavedViewRepository,
  SessionRepository,
  SignInRepository,
  StageRepository,
} from '@stagecraft/store';

/** The repositories the routes call; nothing else of the database is visible to the server. */
export interface ServerStore {
  apps: AppRepository;
  records: RecordRepository;
  /** The contract's identity plus user changes (PATCH /api/users/:id). */
  identity: IdentityRepositoryExt;
  /** Stage transitions and history (routes/transitions.ts). */
  stages: StageRepository;
  /** Uploaded files (routes/attachments.ts). */
  attachments: AttachmentRepository;
  /** Job queue, run log, inbox and approvals (worker/ and the inbox, tasks, approvals routes). */
  automation: AutomationStore;
  /** Many rows in one transaction (routes/import-export.ts, template demo data). */
  imports: RecordImporter;
  /** Saved views of lists, personal and shared (routes/saved-views.ts). */
  savedViews: SavedViewRepository;
  /** Import jobs and their staging (imports/ and routes/import-jobs.ts). */
  importJobs: ImportJobRepository;
  /** Dashboard, goal and forecast queries (routes/dashboards.ts, goals.ts, forecast.ts). */
  metrics: MetricsRepository;
  /** Browser sessions (authentication, routes/sessions.ts). */
  sessions: SessionRepository;
  /** Failed sign-ins and locks, shared by every process (routes/auth.ts). */
  signIns: SignInRepository;
  /** False when the store ignores work priorities, so the server skips tagging (default: tags). */
  schedulesWork?: boolean;
}

/** The server's clock; tests pass a fake one so sessions, limits and audit times are deterministic. */
export interface Clock {
  now(): Date;
}

/** The real clock, used when buildApp gets none. */
export const systemClock: Clock = { now: () => new Date() };
