/** Forecasts and KPI scorecards. */
import { z } from 'zod';
import { AppParams, CalendarDay, JsonObject, JsonValue } from '../common.js';
import { route } from '../route.js';

const Rows = z.object({ rows: z.array(JsonObject) });
/** The id of a document of the published app, or the document itself (preview). */
const DocRef = z.union([z.string(), JsonObject]);
const Day = CalendarDay;

/** `GET /api/apps/:app/forecasts` */
export const listForecasts = route({
  method: 'GET',
  path: '/api/apps/:app/forecasts',
  tags: ['forecast'],
  summary: 'The forecast settings and scorecards of the published app',
  params: AppParams,
  responses: { 200: z.object({ forecasts: z.array(z.unknown()), scorecards: z.array(z.unknown()) }) },
});

/** `POST /api/apps/:app/forecast` */
export const runForecast = route({
  method: 'POST',
  readsOnly: true,
  path: '/api/apps/:app/forecast',
  tags: ['forecast'],
  summary:
    'Weighted pipeline by close period and forecast category (optionally per rep); `settings` is the id of a forecast of the published app or a forecast document',
  params: AppParams,
  body: z.object({ settings: DocRef, byOwner: z.boolean().optional() }).strict(),
  responses: { 200: Rows },
});

/** `POST /api/apps/:app/forecast/snapshots` */
export const takeSnapshots = route({
  method: 'POST',
  path: '/api/apps/:app/forecast/snapshots',
  tags: ['forecast'],
  summary:
    'Admin: stores the forecast as it stands now (per period, rep and category) as today’s snapshot, replacing one taken earlier today; without `settings`, every forecast whose snapshotDays include today',
  params: AppParams,
  body: z.object({ settings: DocRef.optional() }).strict(),
  responses: {
    200: z.object({
      taken: z.array(z.object({ forecast: z.string(), takenOn: z.string(), rows: z.number() })),
    }),
  },
});

/** `GET /api/apps/:app/forecast/:forecast/snapshots` */
export const forecastSnapshots = route({
  method: 'GET',
  path: '/api/apps/:app/forecast/:forecast/snapshots',
  tags: ['forecast'],
  summary: 'Stored snapshot rows of a forecast, of the reps the caller may see',
  params: AppParams.extend({ forecast: z.string() }),
  querystring: z.object({ takenOn: Day.optional() }).strict(),
  responses: { 200: Rows },
});

/** `POST /api/apps/:app/forecast/accuracy` */
export const forecastAccuracy = route({
  method: 'POST',
  readsOnly: true,
  path: '/api/apps/:app/forecast/accuracy',
  tags: ['forecast'],
  summary:
    'Accuracy per rep and period: each stored snapshot’s weighted forecast against the closed (won) amount now; `takenOn` picks one snapshot day (default: every day)',
  params: AppParams,
  body: z.object({ settings: DocRef, takenOn: Day.optional() }).strict(),
  responses: { 200: Rows },
});

/** `POST /api/apps/:app/scorecards/compute` */
export const computeScorecard = route({
  method: 'POST',
  readsOnly: true,
  path: '/api/apps/:app/scorecards/compute',
  tags: ['forecast'],
  summary:
    'KPI scorecard: each metric per rep of the role within the caller’s scope, tiered points, weighted score and rank; `scorecard` is the id of a scorecard of the published app or a scorecard document',
  params: AppParams,
  body: z.object({ scorecard: DocRef, filter: JsonValue.optional() }).strict(),
  responses: { 200: z.object({ lines: z.array(z.unknown()) }) },
});
