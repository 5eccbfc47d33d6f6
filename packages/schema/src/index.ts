export type { Locale } from './common.js';
/** Shared models and text helpers; `bothLocales` gives an admin's text to an issue in both languages. */
export { bothLocales, Criterion, Id, LOCALES, LocalizedText, localize, Rule } from './common.js';
export type { AppChange, DiffList } from './diff/app-diff.js';
/** The version diff the API serves: elements matched by id, with list, JSON pointer and label. */
export { DIFF_LISTS, diffAppDocuments } from './diff/app-diff.js';
export type { AppInput } from './documents/app.js';
export { App, CURRENT_SCHEMA_VERSION, NavItem } from './documents/app.js';
export { Approval, ApprovalBranch, ApprovalStep, Approvers } from './documents/approval.js';
export { Action, Automation, Recipient, Trigger } from './documents/automation.js';
export { CHART_TYPES, Dashboard, Dimension, Measure, Widget } from './documents/dashboard.js';
export type { FieldType, SystemFieldId } from './documents/entity.js';
export {
  Entity,
  FIELD_BASE_KEYS,
  FIELD_TYPES,
  Field,
  FORMULA_RESULT_TYPES,
  LeafField,
  RESERVED_FIELD_IDS,
  SelectOption,
  SubtableField,
  SYSTEM_FIELDS,
} from './documents/entity.js';
/** The name of a built-in alternative input a form item may ask for. */
export type { FormWidget } from './documents/form.js';
/** Form models, and the built-in widgets with the field types each edits (renderer and publish share it). */
export { FORM_WIDGETS, Form, FormItem, FormSection, WidgetName } from './documents/form.js';
/** Goal, forecast and scorecard documents: computed by the same metrics planner as widgets. */
export type { GoalPeriod } from './documents/goal.js';
/** Their models, for the goal, forecast and scorecard routes and the designer. */
export {
  ForecastFactor,
  ForecastSettings,
  GOAL_PERIODS,
  Goal,
  GoalTarget,
  Scorecard,
  ScorecardMetric,
  ScoreTier,
} from './documents/goal.js';
export type { RecordScope } from './documents/role.js';
export { BUILTIN_ROLES, EntityPermission, RECORD_SCOPES, Role } from './documents/role.js';
export {
  EvidenceRequirement,
  FORECAST_CATEGORIES,
  KeyField,
  STAGE_CATEGORIES,
  Stage,
  StageMachine,
  Transition,
  TransitionField,
} from './documents/stage-machine.js';
/** Template packs: the manifest the installer reads, and version ordering for upgrades. */
export { compareSemVer, SemVer, TemplateManifest } from './documents/template.js';
/** Which field type changes publish allows; the store and the reference docs use the same table. */
export { CONVERTIBLE_TYPE_CHANGES, isConvertible } from './documents/type-changes.js';
export { ValidationRule } from './documents/validation-rule.js';
export { BoardView, ColumnAggregate, ListColumn, ListView, SortKey, View } from './documents/view.js';
/** A message in both languages, for issue() and the server's fail(). */
export type { Bilingual, ErrorCode, Issue, Result } from './errors.js';
export { ERROR_CODES, issue, localizedIssue } from './errors.js';
/** Shared by the record check, the file picker and transition evidence, so all three accept the same files. */
export { acceptsFile, FILE_KEYS } from './field-types/composite-checks.js';
/** The kinds each field type declares: column, rule value type, SQL reading, display, filter, import, input. */
export type {
  ColumnType,
  FieldOf,
  FieldTypeDescriptor,
  FilterKind,
  FormatKind,
  ImportKind,
  InputName,
  SqlKind,
  ValueJsonSchema,
  ValueKind,
} from './field-types/descriptor.js';
/** The field-type table and its one value check, run by the browser's form and the server alike. */
export {
  checkFieldValue,
  FIELD_TYPE_TABLE,
  fieldTypeOf,
  fieldValueJsonSchema,
  MAX_CURRENCY,
  NUMERIC_FIELD_TYPES,
  payloadJsonSchema,
  storedFieldType,
} from './field-types/field-type-table.js';
/** Value helpers both sides need to agree on: emptiness, dates, instants and the store's ISO form. */
export {
  DEFAULT_MAX_LENGTH,
  isCalendarDate,
  isEmptyValue,
  isPlainObject,
  isWebAddress,
  normalizeInstant,
  PHONE_PATTERN,
  parseInstant,
} from './field-types/scalar-checks.js';
/** What a value check reports, and its server message in both languages. */
export type { ValueIssue, ValueProblem } from './field-types/value-issue.js';
/** The problem names double as the renderer's i18n keys (`field.<problem>`). */
export { VALUE_PROBLEMS, valueIssueText } from './field-types/value-issue.js';
export type { JsonSchema } from './json-schema/json-schema.js';
/** JSON Schema for Monaco, ajv users and the generated reference docs. */
export { appJsonSchema, documentJsonSchema } from './json-schema/json-schema.js';
export type { DocumentKind } from './migrations/kinds.js';
/** The document kinds, for the CLI and the designer's "new document" menu. */
export { APP_LISTS, DOCUMENT_KINDS } from './migrations/kinds.js';
export type { Migration } from './migrations/migrate.js';
/** Upgrades old documents before anything reads them; the server and CLI call it through validateApp. */
export { MIGRATIONS, migrateApp, migrateDocument } from './migrations/migrate.js';
/** The models' own zod messages in both languages, for code that parses with the models itself. */
export { MODEL_MESSAGES } from './model-messages.js';
export { type ResolvedPermission, resolvePermission } from './permissions.js';
/** JSON pointers the same way everywhere issues are built (engine, server). */
export { fromZodIssues, pointer } from './validate/issues.js';
export type { ValidateOptions } from './validate/validate-app.js';
/** The one gate for app documents: migrate, parse, cross-check; the server validates drafts and publishes with it. */
export { crossCheckApp, parseApp, validateApp } from './validate/validate-app.js';
export type { ValidatedDocument } from './validate/validate-document.js';
/** `stagecraft validate <file>` checks any single document with it. */
export { DOCUMENT_MODELS, detectKind, validateDocument } from './validate/validate-document.js';
