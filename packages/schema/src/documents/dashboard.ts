import { z } from 'zod';
import { Id, LocalizedText, Rule } from '../common.js';

/** Chart kinds a widget can render. */
export const CHART_TYPES = [
  'kpi',
  'bar',
  'line',
  'stacked_bar',
  'pie',
  'table',
  'pivot',
  'funnel',
  'stage_dwell',
  'heatmap',
  'radar',
  'leaderboard',
  'gauge',
] as const;

/** An aggregate over records; `ratio` divides two other measures of the same widget. */
export const Measure = z
  .object({
    id: Id,
    op: z.enum(['count', 'sum', 'avg', 'min', 'max', 'count_distinct', 'ratio']),
    field: Id.optional(),
    numerator: Id.optional(),
    denominator: Id.optional(),
    label: LocalizedText.optional(),
  })
  .strict()
  .meta({
    id: 'Measure',
    description: 'An aggregate over records; `ratio` divides two other measures of the same widget.',
  });
export type Measure = z.infer<typeof Measure>;

/** A grouping: a field, a time bucket of a date field, or an org-unit level. */
export const Dimension = z
  .object({
    id: Id,
    field: Id,
    bucket: z.enum(['day', 'week', 'month', 'quarter', 'year']).optional(),
    orgLevel: z.number().int().min(0).max(10).optional(),
    label: LocalizedText.optional(),
  })
  .strict()
  .meta({
    id: 'Dimension',
    description: 'A grouping: a field, a time bucket of a date field, or an org-unit level.',
  });
export type Dimension = z.infer<typeof Dimension>;

/** One chart on a dashboard and the query behind it. */
export const Widget = z
  .object({
    id: Id,
    label: LocalizedText,
    entity: Id,
    chart: z.enum(CHART_TYPES),
    measures: z.array(Measure),
    dimensions: z.array(Dimension).optional(),
    filter: Rule.optional(),
    stageMachine: Id.optional(),
    sort: z.array(z.object({ by: Id, direction: z.enum(['asc', 'desc']) }).strict()).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
    comparePrevious: z.boolean().optional(),
    layout: z
      .object({
        x: z.number().int().min(0),
        y: z.number().int().min(0),
        w: z.number().int().min(1),
        h: z.number().int().min(1),
      })
      .strict()
      .optional(),
    options: z.record(z.string(), z.json()).optional(),
  })
  .strict()
  .meta({ id: 'Widget', description: 'One chart on a dashboard and the query behind it.' });
export type Widget = z.infer<typeof Widget>;

/** A grid of widgets. */
export const Dashboard = z
  .object({
    kind: z.literal('dashboard').optional(),
    schemaVersion: z.number().int().positive().optional(),
    id: Id,
    label: LocalizedText,
    columns: z.number().int().min(1).max(24).optional(),
    widgets: z.array(Widget),
  })
  .strict()
  .meta({ id: 'Dashboard', description: 'A grid of widgets.' });
export type Dashboard = z.infer<typeof Dashboard>;
