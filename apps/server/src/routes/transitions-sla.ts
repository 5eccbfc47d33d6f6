/**
 * SLA filters of the records list: `sla=overdue|due_soon|on_time` and `dwellHours=n` become JSON
 * Logic over `stage`/`stageEnteredAt` (computed by the engine from the entity's stage machine) and
 * are AND-ed with the caller's filter, so they run through the normal filter path in SQL.
 */
import { dwellFilter, machineFor, type SlaState, slaFilter } from '@stagecraft/engine';
import type { ListQuery } from '@stagecraft/store';
import { fail } from '../errors/issues-error.js';
import type { PublishedApp } from '../records/published-apps.js';

/** The list query with the SLA and dwell-time conditions added. */
export function withSlaFilter(
  query: ListQuery,
  app: PublishedApp,
  entityId: string,
  params: { sla?: SlaState | undefined; dwellHours?: number | undefined },
  now: Date,
): ListQuery {
  const extra: unknown[] = [];
  if (params.sla !== undefined) {
    const machine = machineFor(app.definition, entityId);
    if (!machine)
      fail('VALIDATION_FAILED', '/query/sla', {
        en: 'this entity has no stage machine',
        'zh-CN': '该实体没有阶段流程',
      });
    extra.push(slaFilter(machine, params.sla, now));
  }
  if (params.dwellHours !== undefined) extra.push(dwellFilter(params.dwellHours, now));
  if (extra.length === 0) return query;
  const all = query.filter === undefined ? extra : [query.filter, ...extra];
  return { ...query, filter: all.length === 1 ? all[0] : { and: all } };
}
