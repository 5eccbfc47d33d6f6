/** @stagecraft/engine: the pure interpreter of documents (record validation, stage transitions, SLA). */

/** How an approval stands on a record before the guarded move: applies?, each branch's deciders and status. */
export type { ApprovalOutlook, BranchOutlook } from './approval/approval-outlook.js';
/** The record page's view of an approval, computed the same way the guard decides. */
export { approvalOutlook } from './approval/approval-outlook.js';
/** The approval state machine (steps in sequence, parallel branches, all/any, reject stops) and the transition guard. */
export {
  approvalGuardIssues,
  branchStatus,
  decideApproval,
  startApproval,
  waitingBranches,
} from './approval/approval-step.js';
/** Approval state, decisions and the effects the runner carries out. */
export type { ApprovalDecision, ApprovalEffect, ApprovalState, ApproverResolver } from './approval/types.js';
/** An org unit with its path, for assignment pools by region. */
export type { DirectoryUnit } from './automation/assign.js';
/** Assignment rules: the pool for a record, then round-robin or least-loaded. */
export { assignmentPool, pickLoadBalanced, pickRoundRobin } from './automation/assign.js';
/** Conditions and value rules over the record, its previous version and the clock. */
export { conditionHolds, evaluateValues } from './automation/condition.js';
/** Event automations as a pure step: trigger match, condition, idempotent action jobs. */
export { actionJobs, automationsOf, changedFields, planEvent, triggerMatches } from './automation/match.js';
/** A user as recipient and assignment resolution needs it. */
export type { DirectoryUser } from './automation/recipients.js';
/** Who a notification, task or approval branch goes to. */
export { managerChain, resolveRecipients } from './automation/recipients.js';
/** Relative-time reminders ("24 h after created unless touched"): due time, candidates cutoff, firing. */
export {
  planRelative,
  relativeCutoff,
  relativeDueAt,
  relativeFiringKey,
} from './automation/relative-time.js';
/** Cron schedules in the workspace zone, computed from a given instant (no timers). */
export { dueScheduledRuns, nextScheduledRun } from './automation/schedule.js';
/** Stage-SLA reminders (a record outstaying its current stage's SLA): due time, candidates, firing. */
export {
  planStageSla,
  stageSlaDueAt,
  stageSlaFilter,
  stageSlaFiringKey,
} from './automation/stage-sla.js';
// Automations and approvals
/** Shapes of events, runs and action jobs shared by the runner, the store and the routes. */
export type {
  ActionJob,
  AutomationContext,
  AutomationRecord,
  AutomationRun,
  RecordEvent,
} from './automation/types.js';
/** Period arithmetic on calendar dates, shared by goals, KPI periods and drill ranges. */
export { bucketEnd, bucketStart } from './metrics/calendar.js';
/** An org unit as drill filters need it; the records-list query behind a clicked point. */
export type { OrgUnitRef, RecordsQuery } from './metrics/drill.js';
/** Drill-down as records-list queries, so a clicked bar or funnel step opens exactly the records it counted. */
/** A unit's id and those below it: the one meaning of "org subtree" for drills, goals and people lists. */
export { drillFilter, orgSubtree, recordsQuery } from './metrics/drill.js';
/** Weighted pipeline planning, probability adjustment, accuracy and snapshot days. */
export { adjustedProbability, forecastAccuracy, planForecast, snapshotDue } from './metrics/forecast.js';
/** Stage-to-stage conversion of funnel rows. */
export { withConversion } from './metrics/funnel.js';
/** Progress against the pro-rated target and the deviation flag. */
export type { GoalProgress } from './metrics/goal-progress.js';
/** Attainment, deviation and the 15 % flag of one target. */
export {
  DEFAULT_DEVIATION_THRESHOLD,
  goalProgress,
  periodEnd,
  periodRange,
} from './metrics/goal-progress.js';
/** Goals split top-down with exact sums (largest remainder on cents). */
export type { YearSplitOptions } from './metrics/goal-split.js';
/** Year → quarter → month → week slices, across units or reps, and re-split after hand edits. */
export { resplit, splitAcross, splitAmount, splitYear, weekSlices } from './metrics/goal-split.js';
// Metrics (dashboards, goals, forecast, scorecards)
/** The plan shapes the store executes and the server returns, shared by every metrics caller. */
export type {
  AggregatePlan,
  DwellPlan,
  ForecastPlan,
  FunnelPlan,
  MeasureOp,
  MetricsPlan,
  MetricsResult,
  MetricsRow,
  MetricsTotals,
  PlannedDimension,
  PlannedMeasure,
  TimeBucket,
  WidgetPlan,
} from './metrics/plan-types.js';
/** Widget → plan: one SQL query per widget, planned without a database. */
export type { PlanOptions } from './metrics/plan-widget.js';
/** The planner and the helpers the goal and scorecard routes reuse for their own measures. */
export { funnelSteps, planMeasures, planWidget, widgetMachine } from './metrics/plan-widget.js';
/** One rep's scorecard line. */
export type { ScoreLine } from './metrics/scorecard.js';
/** Tiered, weighted KPI scores and the leaderboard rank. */
export { scoreReps, tierPoints } from './metrics/scorecard.js';
// Publish validation
/** One rule of an app with its JSON path and the fields it may read. */
export type { RuleSite } from './publish/rule-sites.js';
/** Every rule of an app, so the designer can flag rule problems in place. */
export { ruleSites } from './publish/rule-sites.js';
/** The type-change pre-check alone, for the designer's impact preview (the table lives in the schema). */
export { typeChangeIssues } from './publish/type-change.js';
/** Options of the publish gate (message language, the host's own form widgets). */
export type { PublishOptions } from './publish/validate-for-publish.js';
/** The gate before the store migrates tables: document, rules and type changes all checked. */
export { validateAppForPublish } from './publish/validate-for-publish.js';
/** How a host declares its own form widgets to the publish gate (name → field types it edits). */
export type { WidgetCatalogue } from './publish/widget-issues.js';
// Record validation
/** The structural JSON Schema of an entity's payload, for API docs and the designer's preview. */
export { payloadSchema } from './record/payload-schema.js';
/** The write, context and validator shapes the server passes and keeps. */
export type { RecordContext, RecordValidator, RecordWrite } from './record/types.js';
/** Compile once per published version, then validate every create/update payload against it. */
export { compileRecordValidator, validateRecord } from './record/validate-record.js';
/** One of on_time / due_soon / overdue. */
export type { SlaState } from './sla/sla.js';
// SLA
/** SLA state of one record and the matching JSON Logic filter, so the records API filters by SLA. */
export { dwellFilter, SLA_STATES, slaFilter, slaState } from './sla/sla.js';
/** The field types whose values are ids people know by a name. */
export type { LookupFieldType } from './title/title-field.js';
/** The one rule of what names a record (cards, headings, titles API, exports, dashboard labels). */
export { isLookupField, titleFieldOf } from './title/title-field.js';
/** What the record page shows: each move from the current stage, allowed or not and why. */
export { availableTransitions } from './transition/available.js';
/** Whether a file fits an evidence requirement's `accept` list, shared by upload checks and the step. */
export { accepts } from './transition/checks.js';
/** Where a new record starts, so the create path sets stage and stageEnteredAt the same way everywhere. */
export { initialStageValues, machineFor } from './transition/initial.js';
/** Which declared transitions leave a stage, so UIs and the server agree on wildcards. */
export { transitionsFrom } from './transition/match.js';
/** The rule language as the step sees it, so hosts can pass their own compiled evaluator. */
export type { RuleEnv, RulePort } from './transition/rule-port.js';
// Stage transitions
/** The pure step the server runs inside one transaction to move a record between stages. */
export { stepTransition } from './transition/step.js';
/** Types of the step's input and output, for the store and the server. */
export type {
  AvailableTransition,
  EvidenceFile,
  HistoryEntry,
  StageRecord,
  StepResult,
  TransitionContext,
  TransitionRequest,
} from './transition/types.js';
