/**
 * What the renderer needs from the outside world. The renderer never fetches by itself: the shell
 * passes an implementation (the HTTP client in apps/web, an in-memory one in tests).
 */

/** A record as the API returns it: system fields plus one key per field id. */
export interface RecordData {
  id: string;
  version: number;
  stage?: string | null;
  stageEnteredAt?: string | null;
  owner?: string | null;
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

/** One problem reported by the server, with the JSON pointer of the input at fault. */
export interface ApiIssue {
  path: string;
  message: string;
  code?: string;
  /** The issue's own facts as the server sent them (e.g. an import row's line and column). */
  details?: Record<string, unknown>;
}

/** The server's error envelope, flattened. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  details: ApiIssue[];
}

/** Expected failures are values, as everywhere in Stagecraft. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A list request; `filter` is JSON Logic the server runs in SQL. */
export interface RecordQuery {
  filter?: unknown;
  /** Only records that reached this stage, from the stage history (a funnel step's records). */
  reachedStage?: string;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  search?: string;
  limit?: number;
  offset?: number;
}

/** A stored file: what attachment, image and evidence values hold. */
export interface FileRef {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256?: string;
  url?: string;
}

/** A transition as offered for one record: allowed now, or blocked with every reason. */
export interface TransitionOption {
  id: string;
  to: string;
  /** The transition's label in the user's locale, when the server words it. */
  label?: string;
  allowed: boolean;
  /** Why not (role, entry criteria), each with a message; empty when allowed. */
  reasons: ApiIssue[];
}

/** How long the record has been in its stage against the stage's SLA (from the server's clock). */
export interface SlaView {
  state: 'on_time' | 'due_soon' | 'overdue';
  dwellMs: number;
  dueAt: string;
}

/** The transitions out of a record's stage, and its SLA state when the stage has one. */
export interface TransitionList {
  options: TransitionOption[];
  sla: SlaView | null;
}

/** One stage move of a record. */
export interface StageHistoryEntry {
  from: string | null;
  to: string;
  by: string | null;
  at: string;
  /** Time spent in the previous stage, in milliseconds. */
  dwellMs?: number | null;
  /** The transition that made the move. */
  transitionId?: string;
  /** Attachment ids per evidence requirement the move was given. */
  evidence?: Record<string, string[]>;
}

/** One write of a record, as kept by the audit trail. */
export interface AuditEntryView {
  id: string;
  action: string;
  actor: string | null;
  at: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** A user or an org unit as pickers show them. */
export interface Choice {
  id: string;
  name: string;
}

/** The ids a page needs named: record ids per entity id, user ids, org-unit ids. */
export interface TitleRequest {
  refs?: Record<string, string[]>;
  users?: string[];
  orgUnits?: string[];
}

/**
 * The names behind ids, as the server answers (in the request's language): `null` for a record
 * that does not exist or that the user may not read, `''` for a readable record without a title.
 */
export interface TitleMap {
  refs: Record<string, Record<string, string | null>>;
  users: Record<string, string | null>;
  orgUnits: Record<string, string | null>;
}

/** One list of records whose reference `field` (of `entity`) points at a record. */
export interface RelatedListView {
  entity: string;
  field: string;
  total: number;
  records: RecordData[];
}

/** One write of a record or of a related record, from the audit trail. */
export interface RelatedActivityView extends AuditEntryView {
  entity: string;
  recordId: string;
}

/** The records that reference a record, and the merged timeline of their writes (newest first). */
export interface RelatedView {
  lists: RelatedListView[];
  timeline: RelatedActivityView[];
}

/** A bulk change of selected rows: fields to write, or a move to run. */
export type BulkAsk =
  | { ids: string[]; set: Record<string, unknown> }
  | { ids: string[]; transition: { to: string; transitionId?: string } };

/** The outcome of one row of a bulk change, refused rows with their reason. */
export interface BulkRowView {
  id: string;
  ok: boolean;
  stage?: string | null;
  code?: string;
  message?: string;
}

/** A saved view of a list as the server keeps it (personal, or shared with every reader). */
export interface SavedViewData {
  id: string;
  name: string;
  shared: boolean;
  /** The user may change or delete it (owner or admin). */
  mine: boolean;
  ownerName: string | null;
  /** Filter, sort and search of the list. */
  state: unknown;
}

/** Saved views kept on the server; a shell without them keeps saved views in the browser. */
export interface SavedViewPort {
  list(view: string): Promise<ApiResult<SavedViewData[]>>;
  create(
    view: string,
    input: { name: string; shared: boolean; state: unknown },
  ): Promise<ApiResult<SavedViewData>>;
  remove(id: string): Promise<ApiResult<unknown>>;
}

/** The ports of the runtime. Every method is scoped to one app by the implementation. */
export interface RuntimeServices {
  listRecords(
    entity: string,
    query: RecordQuery,
  ): Promise<ApiResult<{ records: RecordData[]; total: number }>>;
  getRecord(entity: string, id: string): Promise<ApiResult<RecordData>>;
  /** Aggregates under the same scope as the list (board column sums), one row per group. */
  aggregate(
    entity: string,
    query: {
      filter?: unknown;
      groupBy?: string;
      measures: { op: 'count' | 'sum' | 'avg' | 'min' | 'max'; field?: string }[];
    },
  ): Promise<ApiResult<{ group: unknown; values: (number | null)[] }[]>>;
  createRecord(entity: string, values: Record<string, unknown>): Promise<ApiResult<RecordData>>;
  updateRecord(
    entity: string,
    id: string,
    version: number,
    values: Record<string, unknown>,
  ): Promise<ApiResult<RecordData>>;
  transitions(entity: string, id: string): Promise<ApiResult<TransitionList>>;
  runTransition(
    entity: string,
    id: string,
    request: {
      to: string;
      transitionId?: string;
      version?: number;
      fields: Record<string, unknown>;
      evidence: Record<string, FileRef[]>;
    },
  ): Promise<ApiResult<RecordData>>;
  history(entity: string, id: string): Promise<ApiResult<StageHistoryEntry[]>>;
  audit(entity: string, id: string): Promise<ApiResult<AuditEntryView[]>>;
  upload(file: File): Promise<ApiResult<FileRef>>;
  /** A stored file's metadata (evidence is linked by id in the stage history). */
  attachment(id: string): Promise<ApiResult<FileRef>>;
  users(search: string): Promise<Choice[]>;
  orgUnits(search: string): Promise<Choice[]>;
  /** Names of many ids in one request (a list or board asks once for its visible page). */
  titles(request: TitleRequest): Promise<ApiResult<TitleMap>>;
  /** The records that reference a record (each list under the user's scope) and their merged timeline. */
  related(entity: string, id: string): Promise<ApiResult<RelatedView>>;
  /** Saved views on the server (absent: they stay in this browser's localStorage). */
  savedViews?: SavedViewPort;
  /** Bulk edit or bulk transition: each row checked like a single save, reported by itself. */
  bulk(
    entity: string,
    ask: BulkAsk,
  ): Promise<ApiResult<{ done: number; refused: number; rows: BulkRowView[] }>>;
}
