/**
 * Scheduled forecast snapshots: on each day listed in a forecast's `snapshotDays` (day of the
 * month, in the app's or workspace's zone), the first scan of the day stores the forecast as it
 * stands, per rep, so accuracy (forecast vs actual) can be shown later. A day that already has a
 * snapshot (taken by an earlier scan, another worker or the admin endpoint) is left alone.
 */
import { planForecast, snapshotDue } from '@stagecraft/engine';
import { zonedDate } from '@stagecraft/rules';
import { systemActor } from '../use-cases/system-actor.js';
import type { WorkerDeps } from './worker-context.js';

/** Takes the snapshots due today for one published app; returns how many were taken. */
export async function snapshotForecasts(
  deps: WorkerDeps,
  target: { workspaceId: string; appId: string; timeZone: string },
  now: Date,
): Promise<number> {
  const actor = systemActor(target.workspaceId);
  const { definition } = await deps.published.latest(actor, target.appId);
  const timeZone = definition.settings?.timeZone ?? target.timeZone;
  const today = zonedDate(now, timeZone);
  let taken = 0;
  for (const settings of definition.forecasts ?? []) {
    if (!snapshotDue(settings.snapshotDays ?? [], today, null)) continue;
    const plan = planForecast(definition, settings, { timeZone, byOwner: true });
    if (!plan.ok) {
      deps.log(`forecast ${target.appId}/${settings.id}: ${plan.issues.map((i) => i.message).join('; ')}`);
      continue;
    }
    const existing = await deps.store.metrics.forecastSnapshots(actor, target.appId, plan.value.entity, {
      forecast: settings.id,
      takenOn: today,
    });
    if (existing.ok && existing.value.length > 0) continue;
    const result = await deps.store.metrics.takeForecastSnapshot(
      actor,
      target.appId,
      settings.id,
      plan.value,
      now.toISOString(),
    );
    if (result.ok) taken++;
    else
      deps.log(`forecast ${target.appId}/${settings.id}: ${result.issues.map((i) => i.message).join('; ')}`);
  }
  return taken;
}
