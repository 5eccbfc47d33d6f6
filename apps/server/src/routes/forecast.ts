/**
 * Forecast and scorecard routes: the weighted pipeline (amount × stage probability × process-quality
 * factors) by period and forecast category, snapshots of it stored on configured days, accuracy per
 * rep from those snapshots, and KPI scorecards (tiered, weighted metrics per rep of a role) as a
 * leaderboard. A forecast or scorecard is named by its id in the published app, or sent whole (the
 * designer's preview). All under the caller's scope, the scorecard's list of reps too; taking
 * snapshots is for admins.
 */
import { API } from '@stagecraft/contract';
import { forecastAccuracy, planForecast, planMeasures, scoreReps, snapshotDue } from '@stagecraft/engine';
import { zonedDate } from '@stagecraft/rules';
import { type App, ForecastSettings, Scorecard } from '@stagecraft/schema';
import type { Actor } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { usersInScope, widestScope } from '../auth/user-scope.js';
import { fail, unwrap } from '../errors/issues-error.js';
import { zoneOf } from '../records/rule-context.js';
import type { ServerServices } from '../services.js';
import { schemaOf } from './contract-schema.js';
import { documentOf } from './dashboards-support.js';

async function forecastOf(services: ServerServices, actor: Actor, appId: string, ref: unknown) {
  const { definition } = await services.published.latest(actor, appId);
  const settings = documentOf(definition.forecasts ?? [], ForecastSettings, ref, '/settings');
  const timeZone = await zoneOf(services, actor, definition);
  return { definition, settings, timeZone };
}

/**
 * Takes a snapshot of every forecast of the published app whose `snapshotDays` include today in
 * the workspace zone (a second call the same day replaces that day's snapshot, so a scheduler may
 * call it as often as it likes). Returns the forecasts snapshotted.
 */
export async function takeDueSnapshots(
  services: ServerServices,
  actor: Actor,
  appId: string,
): Promise<{ forecast: string; takenOn: string; rows: number }[]> {
  const { definition } = await services.published.latest(actor, appId);
  const timeZone = await zoneOf(services, actor, definition);
  const now = services.clock.now();
  const today = zonedDate(now, timeZone);
  const out = [];
  for (const settings of (definition as App).forecasts ?? []) {
    if (!snapshotDue(settings.snapshotDays ?? [], today, null)) continue;
    const plan = unwrap(planForecast(definition, settings, { timeZone, byOwner: true }));
    const taken = unwrap(
      await services.store.metrics.takeForecastSnapshot(actor, appId, settings.id, plan, now.toISOString()),
    );
    out.push({ forecast: settings.id, ...taken });
  }
  return out;
}

/** Forecast and scorecard route plugin. */
export const forecastRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const { published, store } = services;

  const weighted = async (actor: Actor, appId: string, ref: unknown, byOwner: boolean) => {
    const { definition, settings, timeZone } = await forecastOf(services, actor, appId, ref);
    const plan = unwrap(planForecast(definition, settings, { timeZone, byOwner }));
    return unwrap(await store.metrics.run(actor, appId, plan, services.clock.now().toISOString())).rows;
  };

  app.get(
    '/api/apps/:app/forecasts',
    {
      schema: schemaOf(API.forecast.listForecasts),
    },
    async (request) => {
      const { definition } = await published.latest(requireActor(request), request.params.app);
      return { forecasts: definition.forecasts ?? [], scorecards: definition.scorecards ?? [] };
    },
  );

  app.post(
    '/api/apps/:app/forecast',
    {
      schema: schemaOf(API.forecast.runForecast),
    },
    async (request) => ({
      rows: await weighted(
        requireActor(request),
        request.params.app,
        request.body.settings,
        request.body.byOwner ?? false,
      ),
    }),
  );

  app.post(
    '/api/apps/:app/forecast/snapshots',
    {
      schema: schemaOf(API.forecast.takeSnapshots),
    },
    async (request) => {
      const actor = requireActor(request);
      if (!actor.roles.includes('admin'))
        fail('FORBIDDEN', '', {
          en: 'Only an admin may take a forecast snapshot.',
          'zh-CN': '只有管理员可以生成预测快照。',
        });
      if (request.body.settings === undefined)
        return { taken: await takeDueSnapshots(services, actor, request.params.app) };
      const { definition, settings, timeZone } = await forecastOf(
        services,
        actor,
        request.params.app,
        request.body.settings,
      );
      const plan = unwrap(planForecast(definition, settings, { timeZone, byOwner: true }));
      const taken = unwrap(
        await store.metrics.takeForecastSnapshot(
          actor,
          request.params.app,
          settings.id,
          plan,
          services.clock.now().toISOString(),
        ),
      );
      return { taken: [{ forecast: settings.id, ...taken }] };
    },
  );

  app.get(
    '/api/apps/:app/forecast/:forecast/snapshots',
    {
      schema: schemaOf(API.forecast.forecastSnapshots),
    },
    async (request) => {
      const actor = requireActor(request);
      const { settings } = await forecastOf(services, actor, request.params.app, request.params.forecast);
      const rows = unwrap(
        await store.metrics.forecastSnapshots(actor, request.params.app, settings.entity, {
          forecast: settings.id,
          ...(request.query.takenOn ? { takenOn: request.query.takenOn } : {}),
        }),
      );
      return { rows: rows as unknown as Record<string, unknown>[] };
    },
  );

  app.post(
    '/api/apps/:app/forecast/accuracy',
    {
      schema: schemaOf(API.forecast.forecastAccuracy),
    },
    async (request) => {
      const actor = requireActor(request);
      const appId = request.params.app;
      const { settings } = await forecastOf(services, actor, appId, request.body.settings);
      const snapshots = unwrap(
        await store.metrics.forecastSnapshots(actor, appId, settings.entity, {
          forecast: settings.id,
          ...(request.body.takenOn ? { takenOn: request.body.takenOn } : {}),
        }),
      );
      // The forecast of a rep for a period on a day: the weighted amounts of every category.
      const forecast = new Map<
        string,
        { takenOn: string; owner: string | null; period: string; forecast: number }
      >();
      for (const s of snapshots) {
        const key = `${s.takenOn}|${s.owner}|${s.period}`;
        const line = forecast.get(key) ?? {
          takenOn: s.takenOn,
          owner: s.owner,
          period: s.period,
          forecast: 0,
        };
        line.forecast += s.weighted;
        forecast.set(key, line);
      }
      const rows = await weighted(actor, appId, request.body.settings, true);
      const actual = new Map<string, number>();
      for (const r of rows)
        if (r.category === 'closed')
          actual.set(
            `${r.owner}|${r.period}`,
            (actual.get(`${r.owner}|${r.period}`) ?? 0) + Number(r.amount ?? 0),
          );
      // Each line names its rep (people read names, not user ids); `owner` stays the id.
      const names = new Map(
        (await store.identity.users(actor.workspaceId)).map((u) => [u.id, u.name] as const),
      );
      return {
        rows: [...forecast.values()].map((line) => {
          const value = actual.get(`${line.owner}|${line.period}`) ?? 0;
          const rounded = Math.round(line.forecast * 100) / 100;
          return {
            ...line,
            ownerName: line.owner ? (names.get(line.owner) ?? '') : '',
            forecast: rounded,
            actual: value,
            accuracy: forecastAccuracy(rounded, value),
          };
        }),
      };
    },
  );

  app.post(
    '/api/apps/:app/scorecards/compute',
    {
      schema: schemaOf(API.forecast.computeScorecard),
    },
    async (request) => {
      const actor = requireActor(request);
      const { definition } = await published.latest(actor, request.params.app);
      const card = documentOf(definition.scorecards ?? [], Scorecard, request.body.scorecard, '/scorecard');
      const timeZone = await zoneOf(services, actor, definition);
      const now = services.clock.now().toISOString();
      // Only the reps the caller may see: the lines of others would name them (with zero scores).
      const scope = widestScope(
        definition,
        actor,
        card.metrics.map((m) => m.entity),
      );
      const [users, units] = await Promise.all([
        store.identity.users(actor.workspaceId),
        store.identity.orgUnits(actor.workspaceId),
      ]);
      const reps = usersInScope(users, units, actor, scope).filter(
        (u) => u.roles.includes(card.role) && !u.disabled,
      );
      const values: Record<string, Record<string, number | null>> = Object.fromEntries(
        reps.map((u) => [u.id, {}]),
      );
      for (const [k, metric] of card.metrics.entries()) {
        const entity = definition.entities.find((e) => e.id === metric.entity);
        if (!entity) fail('ENTITY_NOT_FOUND', `/scorecard/metrics/${k}/entity`);
        const measures = unwrap(planMeasures(entity, [metric.measure], `/scorecard/metrics/${k}/measure`));
        // A rep with no records has counted and summed nothing: 0, which may still earn a tier.
        if (['count', 'sum', 'count_distinct'].includes(metric.measure.op))
          for (const line of Object.values(values)) line[metric.id] = 0;
        const filters = [metric.filter, request.body.filter].filter((f) => f !== undefined);
        const result = unwrap(
          await store.metrics.run(
            actor,
            request.params.app,
            {
              kind: 'aggregate',
              entity: entity.id,
              ...(filters.length ? { filter: filters.length === 1 ? filters[0] : { and: filters } } : {}),
              measures,
              dimensions: [{ id: 'owner', kind: 'field', field: 'owner' }],
              sort: [],
              timeZone,
            },
            now,
          ),
        );
        for (const row of result.rows) {
          const owner = row.owner;
          if (typeof owner === 'string' && values[owner])
            values[owner][metric.id] = row[metric.measure.id] as number | null;
        }
      }
      // Each line names its rep (people read names, not user ids); `owner` stays the id.
      const names = new Map(reps.map((u) => [u.id, u.name]));
      return { lines: scoreReps(card, values).map((l) => ({ ...l, ownerName: names.get(l.owner) ?? '' })) };
    },
  );
};
