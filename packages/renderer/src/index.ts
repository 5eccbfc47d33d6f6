/** @stagecraft/renderer: React components that interpret published documents through a registry. */

/** A board view document: kanban by stage; drag attempts the transition. */
export { BoardView } from './board/BoardView.js';
// Dashboards
/** Widget data → echarts option and the point behind each item, pure (tested without a canvas). */
export type { ChartSpec } from './dashboard/chart-option.js';
/** The option builders, for previews and tests. */
export { chartSpec, HTML_CHARTS } from './dashboard/chart-option.js';
/** The designer's draggable grid (@dnd-kit), moving widgets by whole cells. */
export { DashboardLayoutEditor } from './dashboard/DashboardLayoutEditor.js';
/** A dashboard in the runtime: grid from the document, lazy echarts, drill-down, records behind a point. */
export { DashboardView } from './dashboard/DashboardView.js';
/** Pure dashboard edits the designer applies (add, move, remove, put back into the draft). */
export type { WidgetPicks } from './dashboard/dashboard-edit.js';
/** Pure edits of a dashboard document, shared by the designer page and its tests. */
export {
  addWidget,
  moveWidget,
  removeWidget,
  widgetFromPicks,
  withDashboard,
} from './dashboard/dashboard-edit.js';
/** The port a shell implements for dashboard data (HTTP in the web app). */
export type {
  DashboardPayload,
  DashboardServices,
  DataDimension,
  WidgetData,
  WidgetFailure,
} from './dashboard/dashboard-services.js';
/** One widget's body (KPI, table, leaderboard as HTML; charts through echarts), for the designer preview. */
export { WidgetBody } from './dashboard/WidgetBody.js';
/** The designer's add-a-widget form over the app's entities and fields. */
export { WidgetForm } from './dashboard/WidgetForm.js';
/** Browser-side value checks (the schema's field-type check plus required) and parsers, shared by inputs, filters and tests. */
/** A check's problem as text in the user's language, naming the line-item row, for shells with forms of their own. */
export {
  checkValue,
  isEmptyValue,
  parseDate,
  parseDateTime,
  parseNumber,
  problemMessage,
} from './fields/check-value.js';
/** A record's title from its own fields ('' when it must be looked up or is missing; never the id). */
export { recordTitle } from './fields/record-title.js';
/** The entity's validation rules as the browser runs them before Save, with the server's rule context. */
export { checkRules } from './form/check-rules.js';
/** Picks (or generates) the form for an entity, so every entity is editable even without a form document. */
export { formFor } from './form/default-form.js';
// Documents
/** Create and edit records from a form document, with live conditions and inline errors. */
export { FormRenderer } from './form/FormRenderer.js';
/** Compiles a form's conditions once and recomputes only those reading a changed field. */
export { FormConditions } from './form/form-conditions.js';
/** Offline drafts of new records, kept in the browser until Save succeeds. */
export { FormDraftStore } from './form/form-draft.js';
/** Locale-aware display of values (Intl numbers, CNY currency, dates). */
export { formatDate, formatDateTime, formatNumber, formatValue } from './format/format-value.js';
// i18n and formatting
/** One i18next instance with the renderer's zh-CN/en texts plus the shell's. */
export { createI18n } from './i18n/create-i18n.js';
/** The renderer's texts, for shells that manage their own i18next instance. */
export { rendererMessages } from './i18n/messages.js';
/** Default list views for entities without one, so navigation reaches every entity. */
export { defaultListView, withDefaultListViews } from './list/default-list-view.js';
/** Filter-builder state types. */
export type { FilterCondition, FilterOp, FilterState } from './list/filter-logic.js';
/** Turns filter-builder state into the JSON Logic the records API runs in SQL. */
export { andFilters, conditionToLogic, filterToLogic, opsFor } from './list/filter-logic.js';
/** What a list shows right now, handed to the shell's toolbar controls (export follows it). */
export type { ListToolbarContext } from './list/ListView.js';
/** A list view document: columns, sort, filter builder, search, paging, saved views, virtual rows. */
export { ListView } from './list/ListView.js';
/** Saved list views (kept in localStorage). */
export { SavedViewStore } from './list/saved-views.js';
/** One record: stage path, transitions with reasons, dialog, details, attachments, timeline. */
export { RecordPage } from './record/RecordPage.js';
/** The stage path bar on its own, for shells that compose their own record page. */
export { StagePathBar } from './record/StagePathBar.js';
/** Props contracts every registered field input, display, widget and view implements. */
export type {
  FieldComponents,
  FieldDisplayProps,
  FieldInputProps,
  ViewDocument,
  ViewProps,
  ViewToolbarContext,
  WidgetComponents,
} from './registry/component-registry.js';
// Registry
/** Field types, widgets and view types map to components here, so new ones plug in without core changes. */
export { ComponentRegistry } from './registry/component-registry.js';
/** A registry with an input and display for every field type of the language. */
export { createDefaultRegistry } from './registry/default-registry.js';
/** The rule port, so a shell can pass @stagecraft/rules or another conforming evaluator. */
export type { RuleRuntime } from './rules/rule-runtime.js';
/** The rule evaluator the forms use (compile once, recompute by fields read). */
export { defaultRuleRuntime } from './rules/rule-runtime.js';
/** The browser's rule context facts: what the server sends, and the session a loaded app keeps. */
export type { RuleSession, ServerRuleContext } from './rules/rule-session.js';
export {
  /** The session of a loaded app: the server's zone and user, its clock via the measured offset. */
  createRuleSession,
  /** A form's rule context through the server's own builder, so browser and server evaluate alike. */
  formRuleContext,
  /** A session on the local clock for forms shown without a server (previews, tests). */
  localRuleSession,
  /** The server clock's offset from the local one, measured over one request. */
  serverClockOffset,
} from './rules/rule-session.js';
/** The shape of the runtime value, for shells that build it. */
/** Addresses of records the shell gives the renderer (references become links). */
export type { Runtime, RuntimeLinks } from './runtime/runtime-context.js';
/** Puts one app, its services, registry and rule runtime under every renderer component. */
export { RuntimeProvider, useRuntime } from './runtime/runtime-context.js';
// Runtime wiring
/** The ports a shell implements so the renderer can read and write records without knowing HTTP. */
export type {
  ApiError,
  ApiIssue,
  ApiResult,
  AuditEntryView,
  BulkAsk,
  BulkRowView,
  Choice,
  FileRef,
  RecordData,
  RecordQuery,
  RelatedActivityView,
  RelatedListView,
  RelatedView,
  RuntimeServices,
  SavedViewData,
  SavedViewPort,
  SlaView,
  StageHistoryEntry,
  TitleMap,
  TitleRequest,
  TransitionList,
  TransitionOption,
} from './services/runtime-services.js';
/** A record's title for people, never its id (a lookup title is named by what it points at). */
export { RecordTitle } from './titles/RecordTitle.js';
/** What names an id and what is known of a name. */
export type { TitleRef, TitleState } from './titles/title-cache.js';
/** Batched, cached names behind ids (one request per page), for shell pages outside the views. */
export { TitleCache, titleCacheFor } from './titles/title-cache.js';
/** A record's title as text (see RecordTitle). */
export { useRecordTitle } from './titles/useRecordTitle.js';
/** The name behind one id from the title cache, and a page's names asked for at once. */
export { useTitle, useWantTitles } from './titles/useTitle.js';
/** Asks for a transition's fields and evidence and runs it. */
export { TransitionDialog } from './transition/TransitionDialog.js';
/** Any view document through the component registered for its type (list, board, a shell's own). */
export { ViewRenderer } from './view/ViewRenderer.js';
