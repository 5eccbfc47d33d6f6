/** @stagecraft/contract: the HTTP API's routes as zod schemas, shared by the server and its clients. */

/** Every route by resource and name; what the server registers and the web calls. */
export { API, allRoutes, findRoute, routeKey } from './api.js';
/** A typed, response-parsing client over any transport. */
export {
  type CallArgs,
  type CallResult,
  type Client,
  defineClient,
  parseResponse,
  type ResponseMismatch,
  type Transport,
  type TransportRequest,
  type TransportResult,
} from './client.js';
/** Schemas many routes share, and the error envelope every failure is sent in. */
export {
  AppParams,
  CalendarDay,
  EntityParams,
  ErrorDetail,
  ErrorEnvelope,
  FieldName,
  Flag,
  IdParams,
  JsonObject,
  JsonValue,
  type JsonValueType,
  Ok,
  RecordParams,
  Text,
} from './common.js';
/** How a route is declared and what its request and response types are. */
export {
  type BodyOf,
  type HttpMethod,
  type ParamsOf,
  type QueryOf,
  type RawBody,
  type RequestOf,
  type ResponseOf,
  type RouteSpec,
  route,
  routeUrl,
} from './route.js';
/** Approvals as the inbox and the record page show them. */
export { ApprovalOut, ApprovalStateOut, DecisionOut } from './routes/approvals.js';
/** Apps, drafts, versions: the shapes the designer reads. */
export { AppChange, AppSummary, RuleContextOut, TableChange, VersionInfo } from './routes/apps.js';
/** A stored file's metadata. */
export { AttachmentOut } from './routes/attachments.js';
/** The signed-in user, one of my sessions, one of my API tokens and what a token may reach. */
export { ApiTokenView, Me, SessionView, TokenScope } from './routes/auth.js';
/** The runner's log, jobs and webhook deliveries. */
export { DeliveryOut, JobOut, RunOut } from './routes/automation.js';
/** A widget's data, a failed widget, the records behind a point. */
export { DataDimension, RecordsFilterOut, WidgetDataOut, WidgetFailureOut } from './routes/dashboards.js';
export {
  BulkRow,
  MAX_BULK_ROWS,
  RELATED_LIMIT,
  RelatedActivity,
  RelatedList,
  SearchGroup,
} from './routes/everyday.js';
/** Spreadsheet content types and the import report. */
/** The text encodings a CSV import reads, and how the report names the one it used. */
export {
  CSV_TYPES,
  ImportMode,
  ImportReport,
  ImportTextEncoding,
  TextEncoding,
  XLSX_TYPES,
} from './routes/import-export.js';
/** An import job as the import dialog polls it: state, phase, progress, report or refusal. */
export {
  ImportJob,
  ImportJobPhase,
  ImportJobProgress,
  ImportJobState,
} from './routes/import-jobs.js';
/** Notifications and tasks. */
export { NotificationOut, TaskOut } from './routes/inbox.js';
/** The records list's query, as a query string and as a body. */
export { ListQueryBody, ListQueryString, MAX_LIMIT, SlaQuery, SlaStateEnum } from './routes/list-query.js';
/** Records, pages, aggregates, audit entries. */
export { AuditEntry, Groups, RecordOut, RecordPage } from './routes/records.js';
/** A saved view of a list, personal or shared. */
export { SavedViewOut } from './routes/saved-views.js';
/** Template packs and what installing one did. */
export { InstallConflict, InstallReport, TemplateSummary } from './routes/templates.js';
/** The names behind ids: the request's cap, body and answer. */
export { MAX_TITLE_IDS, TitlesBody, TitlesOut } from './routes/titles.js';
/** Stage moves, available transitions and the blocked envelope. */
export { AvailableTransition, HistoryEntry, SlaOut, TransitionBlocked } from './routes/transitions.js';
/** Users and org units. */
export {
  DirectoryUserView,
  GrantableRole,
  MemberUserView,
  OrgUnitView,
  UserDirectory,
  UserView,
} from './routes/users.js';
