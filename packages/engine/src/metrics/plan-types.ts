/**
 * The metrics plan: what the store's executor runs as one SQL query per widget. A plan names only
 * ids of the published app (entity, fields, stages); the executor maps them to columns and applies
 * the actor's record scope inside the query.
 */

/** Aggregate operators the executor knows; `ratio` divides two other measures of the same plan. */
export type MeasureOp = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'count_distinct' | 'ratio';

/** A measure as planned: `field` for column aggregates, numerator/denominator for ratios. */
export interface PlannedMeasure {
  id: string;
  op: MeasureOp;
  field?: string;
  numerator?: string;
  denominator?: string;
}

/** Calendar buckets of time dimensions, in the workspace time zone. */
export type TimeBucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** A grouping: a field's value, a time bucket of a date field, or the org unit at a tree level. */
export type PlannedDimension =
  | { id: string; kind: 'field'; field: string }
  | { id: string; kind: 'time'; field: string; bucket: TimeBucket; dateOnly: boolean }
  | { id: string; kind: 'org'; field: string; level: number };

/** Measures grouped by dimensions over the records in scope. */
export interface AggregatePlan {
  kind: 'aggregate';
  entity: string;
  filter?: unknown;
  measures: PlannedMeasure[];
  dimensions: PlannedDimension[];
  sort: { by: string; direction: 'asc' | 'desc' }[];
  limit?: number;
  timeZone: string;
  /** KPI comparison: the measures in the current period of `field` and in the period before. */
  compare?: { field: string; period: TimeBucket; dateOnly: boolean; now: string };
  /**
   * Pivot (one or two dimensions: rows, then columns): also the totals per row, per column and
   * overall, computed by the database so they are exact for every measure. `limit` keeps the
   * first rows; the totals count every record.
   */
  totals?: boolean;
}

/**
 * Funnel from the stage history: a record reached a step if it was created in the machine's
 * initial stage, moved into the step at some time, or sits in it now. Measures are computed over
 * the records that reached each step; conversion is step n+1 ÷ step n.
 */
export interface FunnelPlan {
  kind: 'funnel';
  entity: string;
  filter?: unknown;
  measures: PlannedMeasure[];
  dimensions: PlannedDimension[];
  /** Steps in order: open stages as declared, then won stages. */
  steps: string[];
  initialStage: string;
  timeZone: string;
}

/**
 * Stage dwell: time spent per stay in each stage. Finished stays come from the stage history
 * (`dwell_ms` of the move out of the stage); with `includeCurrent`, a record's ongoing stay counts
 * up to `now`.
 */
export interface DwellPlan {
  kind: 'dwell';
  entity: string;
  filter?: unknown;
  dimensions: PlannedDimension[];
  steps: string[];
  statistic: 'avg' | 'min' | 'max' | 'median';
  includeCurrent: boolean;
  now: string;
  timeZone: string;
}

/** Weighted pipeline: amount × stage probability × matching factor multipliers, per group. */
export interface ForecastPlan {
  kind: 'forecast';
  entity: string;
  filter?: unknown;
  amountField: string;
  /** Stage id → probability (0..1) and forecast category. */
  stages: { id: string; probability: number; forecastCategory: string }[];
  factors: { id: string; rule: unknown; multiplier: number }[];
  closeDate: { field: string; bucket: TimeBucket; dateOnly: boolean };
  /** Group by owner as well (accuracy per rep). */
  byOwner: boolean;
  timeZone: string;
}

/** What a dashboard widget plans to: every plan kind but the forecast, which has its own planner. */
export type WidgetPlan = AggregatePlan | FunnelPlan | DwellPlan;

/** Anything the executor runs. */
export type MetricsPlan = WidgetPlan | ForecastPlan;

/** One result row: dimension ids and measure ids to values. */
export type MetricsRow = Record<string, string | number | null>;

/** A pivot's totals: per value of the first dimension, of the second, and over everything. */
export interface MetricsTotals {
  /** One row per first-dimension value (its id and the measures). */
  byRow: MetricsRow[];
  /** One row per second-dimension value; empty for a pivot with one dimension. */
  byColumn: MetricsRow[];
  all: MetricsRow;
}

/** What the executor returns for a plan. */
export interface MetricsResult {
  rows: MetricsRow[];
  /** Measures of the previous period, for KPI comparison. */
  previous?: MetricsRow;
  /** Totals of a pivot (plans with `totals`). */
  totals?: MetricsTotals;
}
