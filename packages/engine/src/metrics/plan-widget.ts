/**
 * The pure query planner: a widget of a published app, the workspace time zone and the clock →
 * the plan the store executes as one SQL query. Unknown entities, fields and stage machines come
 * back as issues at the widget's JSON paths; nothing here touches a database.
 */
import {
  type App,
  type Entity,
  type FieldType,
  type Issue,
  issue,
  NUMERIC_FIELD_TYPES,
  type Result,
  type StageMachine,
  SYSTEM_FIELDS,
  type Widget,
} from '@stagecraft/schema';
import { drillFilter, type OrgUnitRef } from './drill.js';
import type {
  AggregatePlan,
  DwellPlan,
  FunnelPlan,
  PlannedDimension,
  PlannedMeasure,
  TimeBucket,
  WidgetPlan,
} from './plan-types.js';

/** What the planner needs besides the widget: zone, clock, and the drill path the viewer chose. */
export interface PlanOptions {
  timeZone: string;
  /** The server clock (ISO), for KPI periods and ongoing dwell. */
  now: string;
  /**
   * Values picked for the widget's leading dimensions when it drills (`options.drill`): with
   * n values the plan groups by dimension n and filters the first n.
   */
  drill?: unknown[];
  /** The workspace org tree; needed to filter an org-level drill to a unit's subtree. */
  orgUnits?: OrgUnitRef[];
}

const NUMERIC: ReadonlySet<FieldType> = new Set(NUMERIC_FIELD_TYPES);
const DATES: ReadonlySet<FieldType> = new Set(['date', 'datetime']);

/** The value type of a field or system key of the entity, if it exists. */
export function fieldType(entity: Entity, key: string): Exclude<FieldType, 'formula'> | undefined {
  if (Object.hasOwn(SYSTEM_FIELDS, key)) return SYSTEM_FIELDS[key as keyof typeof SYSTEM_FIELDS];
  const field = entity.fields.find((f) => f.id === key);
  if (!field) return undefined;
  return field.type === 'formula' ? field.resultType : field.type;
}

const unknownField = (field: string) => ({
  en: `Unknown field "${field}".`,
  'zh-CN': `未知字段「${field}」。`,
});

/** Checks measures against the entity: numeric fields for sum/avg/min/max, ratios over siblings. */
export function planMeasures(
  entity: Entity,
  measures: Widget['measures'],
  base = '/measures',
): Result<PlannedMeasure[]> {
  const issues: Issue[] = [];
  const ids = new Set(measures.map((m) => m.id));
  const planned = measures.map((m, k): PlannedMeasure => {
    if (m.op === 'ratio') {
      for (const side of ['numerator', 'denominator'] as const) {
        const ref = m[side];
        if (!ref || !ids.has(ref) || ref === m.id)
          issues.push(
            issue('REFERENCE_UNKNOWN', `${base}/${k}/${side}`, {
              en: `A ratio needs another measure as ${side}.`,
              'zh-CN': `比率的${side === 'numerator' ? '分子' : '分母'}必须是另一个指标。`,
            }),
          );
      }
      return {
        id: m.id,
        op: 'ratio',
        ...(m.numerator ? { numerator: m.numerator } : {}),
        ...(m.denominator ? { denominator: m.denominator } : {}),
      };
    }
    if (m.field === undefined) {
      if (m.op !== 'count')
        issues.push(
          issue('VALIDATION_FAILED', `${base}/${k}/field`, {
            en: `${m.op} needs a field.`,
            'zh-CN': `${m.op} 需要指定字段。`,
          }),
        );
      return { id: m.id, op: m.op };
    }
    const type = fieldType(entity, m.field);
    if (!type) issues.push(issue('UNKNOWN_FIELD', `${base}/${k}/field`, unknownField(m.field)));
    else if (['sum', 'avg'].includes(m.op) && !NUMERIC.has(type) && type !== 'boolean')
      issues.push(
        issue('VALIDATION_FAILED', `${base}/${k}/field`, {
          en: `${m.op} needs a numeric field.`,
          'zh-CN': `${m.op} 需要数值字段。`,
        }),
      );
    return { id: m.id, op: m.op, field: m.field };
  });
  return issues.length ? { ok: false, issues } : { ok: true, value: planned };
}

function planDimensions(entity: Entity, widget: Widget, issues: Issue[]): PlannedDimension[] {
  return (widget.dimensions ?? []).map((d, k): PlannedDimension => {
    const type = fieldType(entity, d.field);
    if (!type) issues.push(issue('UNKNOWN_FIELD', `/dimensions/${k}/field`, unknownField(d.field)));
    if (d.bucket) {
      if (type && !DATES.has(type))
        issues.push(
          issue('VALIDATION_FAILED', `/dimensions/${k}/bucket`, {
            en: 'Time buckets need a date field.',
            'zh-CN': '按时间分组需要日期字段。',
          }),
        );
      return { id: d.id, kind: 'time', field: d.field, bucket: d.bucket, dateOnly: type === 'date' };
    }
    if (d.orgLevel !== undefined) {
      if (type && type !== 'org_unit')
        issues.push(
          issue('VALIDATION_FAILED', `/dimensions/${k}/orgLevel`, {
            en: 'An org level needs an org-unit field.',
            'zh-CN': '按组织层级分组需要组织字段。',
          }),
        );
      return { id: d.id, kind: 'org', field: d.field, level: d.orgLevel };
    }
    return { id: d.id, kind: 'field', field: d.field };
  });
}

/** The stage machine a funnel or dwell widget reads: the named one, else the entity's only one. */
export function widgetMachine(
  app: App,
  widget: Pick<Widget, 'entity' | 'stageMachine'>,
): StageMachine | undefined {
  const machines = app.stageMachines.filter((m) => m.entity === widget.entity);
  return widget.stageMachine ? machines.find((m) => m.id === widget.stageMachine) : machines[0];
}

/** Funnel steps: open stages in declared order, then won stages (lost stages are no step). */
export function funnelSteps(machine: StageMachine): string[] {
  return [
    ...machine.stages.filter((s) => s.category === 'open').map((s) => s.id),
    ...machine.stages.filter((s) => s.category === 'won').map((s) => s.id),
  ];
}

const combine = (a: unknown, b: unknown): unknown =>
  a === undefined ? b : b === undefined ? a : { and: [a, b] };

/**
 * Plans one widget. Charts map to three plan kinds: `funnel` and `stage_dwell` read the stage
 * history; every other chart (kpi, bar, line, stacked, pie, table, pivot, heatmap, radar,
 * leaderboard, gauge) is measures grouped by dimensions.
 */
export function planWidget(app: App, widget: Widget, options: PlanOptions): Result<WidgetPlan> {
  const entity = app.entities.find((e) => e.id === widget.entity);
  if (!entity)
    return {
      ok: false,
      issues: [
        issue('ENTITY_NOT_FOUND', '/entity', {
          en: `No entity "${widget.entity}".`,
          'zh-CN': `没有实体「${widget.entity}」。`,
        }),
      ],
    };
  const issues: Issue[] = [];
  let dimensions = planDimensions(entity, widget, issues);
  let filter: unknown = widget.filter;
  const drill = options.drill ?? [];
  if (widget.options?.drill === true && dimensions.length) {
    if (drill.length >= dimensions.length)
      issues.push(
        issue('VALIDATION_FAILED', '/drill', {
          en: `At most ${dimensions.length - 1} drill values.`,
          'zh-CN': `下钻值最多 ${dimensions.length - 1} 个。`,
        }),
      );
    else {
      const chosen = dimensions.slice(0, drill.length);
      for (const [k, dim] of chosen.entries())
        filter = combine(filter, drillFilter(dim, drill[k], options.timeZone, options.orgUnits ?? []));
      dimensions = [dimensions[drill.length] as PlannedDimension];
    }
  } else if (drill.length)
    issues.push(
      issue('VALIDATION_FAILED', '/drill', {
        en: 'This widget does not drill.',
        'zh-CN': '该组件不支持下钻。',
      }),
    );
  const withFilter = filter === undefined ? {} : { filter };

  if (widget.chart === 'funnel' || widget.chart === 'stage_dwell') {
    const machine = widgetMachine(app, widget);
    if (!machine)
      issues.push(
        issue('REFERENCE_UNKNOWN', '/stageMachine', {
          en: 'No stage machine for this entity.',
          'zh-CN': '该实体没有阶段流程。',
        }),
      );
    if (widget.chart === 'stage_dwell') {
      const statistic = widget.options?.statistic;
      const plan: DwellPlan = {
        kind: 'dwell',
        entity: entity.id,
        ...withFilter,
        dimensions,
        steps: machine
          ? funnelSteps(machine).filter((s) => machine.stages.find((x) => x.id === s)?.category === 'open')
          : [],
        statistic: statistic === 'min' || statistic === 'max' || statistic === 'median' ? statistic : 'avg',
        includeCurrent: widget.options?.includeCurrent !== false,
        now: options.now,
        timeZone: options.timeZone,
      };
      return issues.length ? { ok: false, issues } : { ok: true, value: plan };
    }
    const measures = planMeasures(entity, widget.measures);
    if (!measures.ok) issues.push(...measures.issues);
    const plan: FunnelPlan = {
      kind: 'funnel',
      entity: entity.id,
      ...withFilter,
      measures: measures.ok ? measures.value : [],
      dimensions,
      steps: machine ? funnelSteps(machine) : [],
      initialStage: machine?.initialStage ?? '',
      timeZone: options.timeZone,
    };
    return issues.length ? { ok: false, issues } : { ok: true, value: plan };
  }

  const measures = planMeasures(entity, widget.measures);
  if (!measures.ok) issues.push(...measures.issues);
  if (!widget.measures.length)
    issues.push(
      issue('VALIDATION_FAILED', '/measures', {
        en: 'At least one measure is needed.',
        'zh-CN': '至少需要一个指标。',
      }),
    );
  const known = new Set([...dimensions.map((d) => d.id), ...widget.measures.map((m) => m.id)]);
  for (const [k, s] of (widget.sort ?? []).entries())
    if (!known.has(s.by))
      issues.push(
        issue('REFERENCE_UNKNOWN', `/sort/${k}/by`, {
          en: `Sort by "${s.by}": no such measure or dimension.`,
          'zh-CN': `排序依据「${s.by}」：没有这个指标或维度。`,
        }),
      );
  if (widget.chart === 'pivot' && (dimensions.length < 1 || dimensions.length > 2))
    issues.push(
      issue('VALIDATION_FAILED', '/dimensions', {
        en: 'A pivot needs one or two dimensions: its rows, then its columns.',
        'zh-CN': '透视表需要一个或两个维度：先是行，再是列。',
      }),
    );
  const plan: AggregatePlan = {
    kind: 'aggregate',
    entity: entity.id,
    ...withFilter,
    measures: measures.ok ? measures.value : [],
    dimensions,
    sort: widget.sort ?? [],
    ...(widget.limit ? { limit: widget.limit } : {}),
    timeZone: options.timeZone,
    ...(widget.chart === 'pivot' ? { totals: true } : {}),
  };
  if (widget.comparePrevious && !dimensions.length) {
    const field = typeof widget.options?.periodField === 'string' ? widget.options.periodField : 'createdAt';
    const period = widget.options?.period;
    const type = fieldType(entity, field);
    if (!type || !DATES.has(type))
      issues.push(
        issue('VALIDATION_FAILED', '/options/periodField', {
          en: 'The comparison period needs a date field.',
          'zh-CN': '与上一周期对比需要日期字段。',
        }),
      );
    plan.compare = {
      field,
      period: (['day', 'week', 'month', 'quarter', 'year'] as const).includes(period as TimeBucket)
        ? (period as TimeBucket)
        : 'month',
      dateOnly: type === 'date',
      now: options.now,
    };
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: plan };
}
