/**
 * Performance documents beside dashboards: goals (targets per period and per org unit or rep),
 * forecast settings (probability adjusted by process-quality rules, snapshot dates) and KPI
 * scorecards (weighted, tiered metrics per role). They share the widget's measure model, so the
 * same planner and executor compute their actuals.
 */
import { z } from 'zod';
import { Id, LocalizedText, Rule } from '../common.js';
import { Measure } from './dashboard.js';

/** Calendar periods a goal is set for, from the longest to the shortest. */
export const GOAL_PERIODS = ['year', 'quarter', 'month', 'week'] as const;
export type GoalPeriod = (typeof GOAL_PERIODS)[number];

/** One target: an amount for a period (by its first day) and optionally one org unit or rep. */
export const GoalTarget = z
  .object({
    period: z.enum(GOAL_PERIODS),
    start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    orgUnit: z.string().min(1).max(100).optional(),
    owner: z.string().min(1).max(100).optional(),
    amount: z.number().finite().min(0),
    /** Set when a manager changed a split value by hand; a re-split keeps it. */
    adjusted: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'GoalTarget', description: 'An amount for one period and optionally one org unit or rep.' });
export type GoalTarget = z.infer<typeof GoalTarget>;

/** A measure of records with targets per period, split top-down and tracked against actuals. */
export const Goal = z
  .object({
    kind: z.literal('goal').optional(),
    schemaVersion: z.number().int().positive().optional(),
    id: Id,
    label: LocalizedText,
    entity: Id,
    measure: Measure,
    /** The date or datetime field that places a record in a period (default `createdAt`). */
    dateField: Id.optional(),
    filter: Rule.optional(),
    /** Decimal places amounts are split to (2 = cents, 0 = whole counts). */
    precision: z.number().int().min(0).max(4).optional(),
    /** Flag a goal whose actual deviates from the pro-rated target by more than this share (default 0.15). */
    deviationThreshold: z.number().min(0).max(1).optional(),
    targets: z.array(GoalTarget),
  })
  .strict()
  .meta({
    id: 'Goal',
    description: 'A measure with targets per period, split top-down, tracked against actuals.',
  });
export type Goal = z.infer<typeof Goal>;

/** A process-quality factor: when the rule holds on a deal, its probability is multiplied. */
export const ForecastFactor = z
  .object({ id: Id, label: LocalizedText.optional(), rule: Rule, multiplier: z.number().min(0).max(2) })
  .strict()
  .meta({
    id: 'ForecastFactor',
    description: 'When the rule holds on a deal, its probability is multiplied.',
  });
export type ForecastFactor = z.infer<typeof ForecastFactor>;

/** How the weighted pipeline is computed: amount × stage probability × factors, by period. */
export const ForecastSettings = z
  .object({
    kind: z.literal('forecast').optional(),
    id: Id,
    label: LocalizedText.optional(),
    entity: Id,
    stageMachine: Id,
    amountField: Id,
    /** The expected close date; buckets the forecast by period. */
    closeDateField: Id,
    period: z.enum(['month', 'quarter', 'year']).optional(),
    factors: z.array(ForecastFactor).optional(),
    filter: Rule.optional(),
    /** Days of the month snapshots are taken on (e.g. [1, 15]). */
    snapshotDays: z.array(z.number().int().min(1).max(28)).optional(),
  })
  .strict()
  .meta({ id: 'ForecastSettings', description: 'Weighted pipeline: amount × stage probability × factors.' });
export type ForecastSettings = z.infer<typeof ForecastSettings>;

/** A score band: a value at or above `min` earns `points`. */
export const ScoreTier = z.object({ min: z.number().finite(), points: z.number().finite() }).strict();
export type ScoreTier = z.infer<typeof ScoreTier>;

/** One scorecard metric: a measure per rep, its kind, weight and tiers. */
export const ScorecardMetric = z
  .object({
    id: Id,
    label: LocalizedText,
    kind: z.enum(['result', 'process', 'compliance']),
    entity: Id,
    measure: Measure,
    filter: Rule.optional(),
    weight: z.number().min(0),
    tiers: z.array(ScoreTier).min(1),
  })
  .strict();
export type ScorecardMetric = z.infer<typeof ScorecardMetric>;

/** Weighted, tiered metrics for the holders of one role, ranked in a leaderboard. */
export const Scorecard = z
  .object({
    kind: z.literal('scorecard').optional(),
    id: Id,
    label: LocalizedText,
    role: Id,
    metrics: z.array(ScorecardMetric).min(1),
  })
  .strict()
  .meta({ id: 'Scorecard', description: 'Weighted, tiered metrics per role, ranked in a leaderboard.' });
export type Scorecard = z.infer<typeof Scorecard>;
