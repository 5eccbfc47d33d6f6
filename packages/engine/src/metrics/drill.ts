/**
 * Drill-down as JSON Logic: the filter that selects the records behind one value of a dimension
 * (a bar, a funnel step, a heat-map cell). The same filter narrows the widget's next drill level
 * (region → team → rep) and opens the matching records list, so both always agree.
 */
import { bucketEnd, zonedStart } from './calendar.js';
import type { PlannedDimension } from './plan-types.js';

/** An org unit as the planner needs it: id and materialised path (`/company/east/`). */
export interface OrgUnitRef {
  id: string;
  path: string;
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
    const unit = orgUnits.find((u) => u.id === value);
    const subtree = unit ? orgUnits.filter((u) => u.path.startsWith(unit.path)).map((u) => u.id) : [value];
    return { in: [v, subtree] };
  }
  if (value === null || value === undefined) return { '!': v };
  return { '==': [v, value] };
}

/**
 * The records-list filter behind a clicked point: the widget's own filter and one condition per
 * dimension value picked (by dimension id). A funnel or dwell step opens the records now in that
 * stage (`stage` key).
 */
export function recordsFilter(
  widgetFilter: unknown,
  dimensions: readonly PlannedDimension[],
  point: Record<string, unknown>,
  timeZone: string,
  orgUnits: readonly OrgUnitRef[],
): unknown {
  const parts: unknown[] = widgetFilter === undefined || widgetFilter === null ? [] : [widgetFilter];
  if (typeof point.stage === 'string') parts.push({ '==': [{ var: 'stage' }, point.stage] });
  for (const d of dimensions)
    if (Object.hasOwn(point, d.id)) parts.push(drillFilter(d, point[d.id], timeZone, orgUnits));
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { and: parts };
}
