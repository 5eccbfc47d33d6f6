/**
 * The demo data's approvals (and past forecast snapshots): each is started on its record after the records are in, through the
 * same service as `POST …/approvals` (the engine's step resolves approvers from the demo users'
 * roles, and the requests land in their inboxes), at the time the demo says it was started.
 */
import type { DemoApprovalStart, DemoData, DemoForecastSnapshot } from '@stagecraft/demo-kit';
import { type App, type Issue, issue, type Result } from '@stagecraft/schema';
import type { Actor } from '@stagecraft/store';
import { zoneIn } from '../records/rule-context.js';
import { startApprovalOn } from '../use-cases/approval-service.js';
import { directoryOf } from '../use-cases/directory.js';
import type { InstallStore } from './install-store.js';

const fail = (issues: Issue[]): Result<never> => ({ ok: false, issues });

/** Starts every approval of `data`; returns how many were started (none when the store has no automation). */
export async function startDemoApprovals(
  store: InstallStore,
  actor: Actor,
  app: App,
  data: DemoData,
  users: Map<string, { id: string }>,
): Promise<Result<number>> {
  const automation = store.automation;
  if (!automation || typeof data.approvals !== 'function') return { ok: true, value: 0 };
  const ws = actor.workspaceId;
  const { users: directory } = await directoryOf(store, ws);
  const timeZone = await zoneIn(store.identity, ws, app);
  let started = 0;
  let index = 0;
  for (const start of data.approvals() as Iterable<DemoApprovalStart>) {
    const path = `/demo/approvals/${index++}`;
    const approval = app.approvals.find((a) => a.id === start.approval);
    if (!approval) return fail([issue('NOT_FOUND', `${path}/approval`)]);
    const record = await store.records.get(actor, app.id, approval.entity, start.recordId);
    if (!record.ok) return fail(record.issues.map((i) => ({ ...i, path: `${path}/recordId` })));
    const result = await automation.transaction((trx) =>
      startApprovalOn({ automation }, trx, {
        workspaceId: ws,
        appId: app.id,
        approval,
        record: record.value,
        users: directory,
        startedBy: users.get(start.startedBy)?.id ?? null,
        now: new Date(start.at),
        timeZone,
      }),
    );
    if (!result.ok) return fail(result.issues.map((i) => ({ ...i, path: `${path}${i.path}` })));
    if (result.value) started++;
  }
  return { ok: true, value: started };
}

/**
 * Stores the demo data's past forecast snapshots (rep keys resolved to user ids), grouped by
 * forecast; returns how many rows were stored (none when the store has no metrics).
 */
export async function storeDemoSnapshots(
  store: InstallStore,
  actor: Actor,
  app: App,
  data: DemoData,
  users: Map<string, { id: string }>,
): Promise<Result<number>> {
  const metrics = store.metrics;
  if (!metrics || typeof data.forecastSnapshots !== 'function') return { ok: true, value: 0 };
  const byForecast = new Map<string, DemoForecastSnapshot[]>();
  for (const row of data.forecastSnapshots() as Iterable<DemoForecastSnapshot>)
    byForecast.set(row.forecast, [...(byForecast.get(row.forecast) ?? []), row]);
  let stored = 0;
  for (const [id, rows] of byForecast) {
    const forecast = (app.forecasts ?? []).find((f) => f.id === id);
    if (!forecast) return fail([issue('NOT_FOUND', `/demo/forecastSnapshots/${id}`)]);
    const result = await metrics.storeForecastSnapshots(
      actor,
      app.id,
      forecast.entity,
      rows.map((r) => ({ ...r, owner: users.get(r.owner)?.id ?? null })),
    );
    if (!result.ok)
      return fail(result.issues.map((i) => ({ ...i, path: `/demo/forecastSnapshots${i.path}` })));
    stored += result.value;
  }
  return { ok: true, value: stored };
}
