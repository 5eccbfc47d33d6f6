/**
 * Drill-down as JSON Logic: the filter that selects the records behind one value of a dimension
 * (a bar, a heat-map cell, a funnel group). The same filter narrows the widget's next drill level
 * (region → team → rep) and opens the matching records list, so both always agree.
 */
import { zonedStart } from '@stagecraft/rules';
import { bucketEnd } from './calendar.js';
import type { MetricsPlan, PlannedDimension } from './plan-types.js';

/** An org unit as the planner needs it: id and materialised path (`/company/east/`). */
export interface OrgUnitRef {
  id: string;
  path: string;
}

/**
 * The ids of a unit and every unit below it (by materialised path); just the id when the tree does
 * not know it. What "my org subtree" means wherever the server lists units or people by it.
 */
export function orgSubtree(orgUnits: readonly OrgUnitRef[], unitId: string): string[] {
  const unit = orgUnits.find((u) => u.id === unitId);
  return unit ? orgUnits.filter((u) => u.path.startsWith(unit.path)).map((u) => u.id) : [unitId];
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The filter for records whose dimension value is `value`. */
export function drillFilter(
  dimension: PlannedDimension,
  value: unknown,
  timeZone: string,
  orgUnits: readonly OrgUnitRef[],
): unknown {
  const v = { var: dimension.field };
  if (dimension.kind === 'time' && isDate(value)) {
    const end = bucketEnd(value, dimension.bucket);
    const [from, to] = dimension.dateOnly
      ? [value, end]
      : [zonedStart(value, timeZone), zonedStart(end, timeZone)];
    return { and: [{ '>=': [v, from] }, { '<': [v, to] }] };
  }
  if (dimension.kind === 'org' && typeof value === 'string') {
    return { in: [v, orgSubtree(orgUnits, value)] };
  }
  if (value === null || value === undefined) return { '!': v };
  return { '==': [v, value] };
}

/**
 * What the records list needs to show the records behind a clicked point: a JSON Logic filter and,
 * for a funnel or dwell step, the stage the records reached (the records API's `reachedStage`,
 * which reads the stage history in SQL; a rule over the record's fields cannot say "moved into").
 */
export interface RecordsQuery {
  filter?: unknown;
  reachedStage?: string;
}

/**
 * The records behind a clicked point of a planned widget: the plan's filter (the widget's own and
 * its drill path's) and one condition per dimension value picked (by dimension id). A funnel step
 * (`stage` key) opens the records that reached the step, exactly those the step counts; a dwell
 * step those that stayed in the stage (without ongoing stays: those that also left it).
 */
export function recordsQuery(
  plan: MetricsPlan,
  point: Record<string, unknown>,
  timeZone: string,
  orgUnits: readonly OrgUnitRef[],
): RecordsQuery {
  const parts: unknown[] = plan.filter === undefined || plan.filter === null ? [] : [plan.filter];
  const stage = plan.kind === 'funnel' || plan.kind === 'dwell' ? point.stage : undefined;
  if (plan.kind === 'dwell' && typeof stage === 'string' && !plan.includeCurrent)
    parts.push({ '!=': [{ var: 'stage' }, stage] });
  for (const d of 'dimensions' in plan ? plan.dimensions : [])
    if (Object.hasOwn(point, d.id)) parts.push(drillFilter(d, point[d.id], timeZone, orgUnits));
  const filter = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { and: parts };
  return {
    ...(filter === undefined ? {} : { filter }),
    ...(typeof stage === 'string' ? { reachedStage: stage } : {}),
  };
}
