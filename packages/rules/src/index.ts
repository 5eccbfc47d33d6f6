/** @stagecraft/rules: the one rule language (JSON Logic) for browser, server and PostgreSQL. */

export {
  /** Fields a rule reads: forms recompute only what changes, publish checks references. */
  fieldsRead,
} from './analysis/fields-read.js';
export {
  /** Type-check a rule against an entity's fields before publish. */
  typeCheck,
} from './analysis/type-check.js';
export type {
  /** The function a rule compiles to. */
  CompiledRule,
  /** Options of compile/check: the rule's path in its document, the language of issues. */
  CompileOptions,
} from './compile.js';
export {
  /** One-off evaluation (tests, previews); caches compiled object rules by identity. */
  apply,
  /** Compile without throwing: publish and the designer want issues as values. */
  check,
  /** Compile once per published version, evaluate per record: the fast path everywhere. */
  compile,
} from './compile.js';
export type {
  /** What a rule knows besides the record: clock, time zone, user, previous version, locale. */
  RuleContext,
  /** The inputs of `buildRuleContext`, the same on the server and in the browser. */
  RuleContextInput,
  /** The user as rules see it, so the server and the browser hand over the same fields. */
  RuleUser,
} from './context.js';
export {
  /** The zone an app's rules run in (app setting, else workspace), decided in one place. */
  appTimeZone,
  /** The one builder of a record's rule context, so browser and server evaluate alike. */
  buildRuleContext,
  /** Default zone of calendar operators, so callers and docs agree. */
  DEFAULT_TIME_ZONE,
} from './context.js';
export type {
  /** Options of `explain`: the user's language and the field labels. */
  ExplainOptions,
  /** What `explain` returns: whether the condition held and the clauses that failed. */
  Explanation,
} from './explain/explain.js';
export {
  /** A condition in the user's words and language, for showing a threshold before it applies. */
  describeRule,
  /** Why a condition is false, in the user's words and language. */
  explain,
} from './explain/explain.js';
export type {
  /** Shape of an operator descriptor, for callers that list or document operators. */
  OperatorDescriptor,
} from './operators/descriptor.js';
export {
  /** The operator table, for the designer's palette and for documentation tests. */
  OPERATORS,
} from './operators/table.js';
export {
  /** Thrown for a bad rule passed to `compile` and for an evaluation over budget; carries the issues. */
  RuleError,
} from './rule-error.js';
export {
  /** JSON Logic truthiness (an empty list is false), so callers judge conditions the way rules do. */
  truthy,
} from './runtime.js';
export type {
  /** Options of `ruleToSql`: how fields map to columns, the context to bind, the language of issues. */
  RuleToSqlOptions,
  /** A field's column and type as the caller's table has it. */
  SqlColumn,
} from './sql/rule-to-sql.js';
export {
  /** The same filter inside PostgreSQL/PGlite as a kysely expression. */
  ruleToSql,
} from './sql/rule-to-sql.js';
export {
  /** The instant a zone's clock shows a wall time (imports read local date-times with it). */
  instantOf,
  /** Wall-clock parts of an instant in a zone, as `instantOf` takes them. */
  type WallTime,
  /** The wall-clock reading of an instant in a zone (exports write times as the workspace reads them). */
  wallTime,
  /** The calendar date of an instant in a zone: the one meaning of "today" everywhere. */
  zonedDate,
  /** The instant a calendar date starts at in a zone, for periods and drill ranges. */
  zonedStart,
} from './time-zone.js';
export {
  /** Size limits of rules, for the designer to show and tests to probe. */
  RULE_LIMITS,
  /** Syntax, unknown operators, prototype access and size limits, checked before anything runs. */
  validateRule,
} from './validate.js';
export type {
  /** Static value types the checker reasons about. */
  ValueType,
} from './value-type.js';
