/** Dashboards: list, a dashboard with its data, one widget, the records behind a point, preview. */
import { Dashboard } from '@stagecraft/schema';
import { z } from 'zod';
import { AppParams, JsonValue, Text } from '../common.js';
import { route } from '../route.js';

const DocId = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/);
const DashboardParams = AppParams.extend({ dashboard: DocId });
const WidgetParams = DashboardParams.extend({ widget: DocId });
const Row = z.record(z.string(), z.unknown());

/** A grouping of a widget's rows as the server planned it. */
export const DataDimension = z.object({
  id: z.string(),
  kind: z.enum(['field', 'time', 'org']),
  field: z.string(),
  bucket: z.string().optional(),
  dateOnly: z.boolean().optional(),
  level: z.number().optional(),
});

/** The rows of one widget (measure and dimension ids as keys) and labels of dimension values. */
export const WidgetDataOut = z.object({
  widget: z.string(),
  kind: z.string(),
  dimensions: z.array(DataDimension),
  rows: z.array(Row),
  previous: Row.optional(),
  totals: z
    .object({ byRow: z.array(Row), byColumn: z.array(Row), all: Row })
    .optional()
    .describe('A pivot’s totals per row (first dimension), per column (second) and overall'),
  labels: z.record(z.string(), z.record(z.string(), z.union([z.string(), Text]))),
});
export type WidgetDataOut = z.infer<typeof WidgetDataOut>;

/** A widget whose query failed; the rest of the dashboard still shows. */
export const WidgetFailureOut = z.object({
  widget: z.string(),
  error: z.object({ code: z.string(), message: z.string() }),
});

/** What a clicked point stands for in the records list. */
export const RecordsFilterOut = z.object({
  entity: z.string(),
  filter: z.unknown(),
  reachedStage: z.string().optional(),
});

const base = '/api/apps/:app/dashboards';

/** `GET /api/apps/:app/dashboards` */
export const listDashboards = route({
  method: 'GET',
  path: base,
  tags: ['dashboards'],
  summary: 'The dashboards of the published app',
  params: AppParams,
  responses: {
    200: z.object({ dashboards: z.array(z.object({ id: z.string(), label: Text, widgets: z.number() })) }),
  },
});

/** `GET /api/apps/:app/dashboards/:dashboard` */
export const getDashboard = route({
  method: 'GET',
  path: `${base}/:dashboard`,
  tags: ['dashboards'],
  summary: 'A dashboard document and the data of each widget (a failing widget reports its error alone)',
  params: DashboardParams,
  responses: {
    200: z.object({
      dashboard: Dashboard,
      timeZone: z.string(),
      data: z.array(z.union([WidgetDataOut, WidgetFailureOut])),
    }),
  },
});

/** `GET …/dashboards/:dashboard/widgets/:widget/data` */
export const widgetData = route({
  method: 'GET',
  path: `${base}/:dashboard/widgets/:widget/data`,
  tags: ['dashboards'],
  summary:
    'One widget’s data; `drill` is a JSON array of values of its leading dimensions (region → team → rep)',
  params: WidgetParams,
  querystring: z.object({ drill: z.string().max(2_000).optional() }).strict(),
  responses: { 200: WidgetDataOut },
});

/** `POST …/dashboards/:dashboard/widgets/:widget/records-filter` */
export const widgetRecordsFilter = route({
  method: 'POST',
  readsOnly: true,
  path: `${base}/:dashboard/widgets/:widget/records-filter`,
  tags: ['dashboards'],
  summary:
    'The records-list query behind a clicked point ({ stage?, <dimension id>: value }), for drill-down to records: `GET …/records?filter=&reachedStage=`',
  params: WidgetParams,
  body: z
    .object({ point: z.record(z.string(), JsonValue), drill: z.array(JsonValue).max(10).optional() })
    .strict(),
  responses: { 200: RecordsFilterOut },
});

/** `POST /api/apps/:app/widgets/preview` */
export const previewWidget = route({
  method: 'POST',
  readsOnly: true,
  path: '/api/apps/:app/widgets/preview',
  tags: ['dashboards'],
  summary:
    'Runs an unsaved widget against the published app (designer live preview), under the caller’s scope',
  params: AppParams,
  body: z.object({ widget: z.unknown(), drill: z.array(JsonValue).max(10).optional() }).strict(),
  responses: { 200: WidgetDataOut },
});
