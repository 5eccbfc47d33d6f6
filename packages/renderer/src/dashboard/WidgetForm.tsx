import {
  type App,
  CHART_TYPES,
  type Locale,
  localize,
  NUMERIC_FIELD_TYPES,
  SYSTEM_FIELDS,
  storedFieldType,
} from '@stagecraft/schema';
import { useState } from 'react';
import type { WidgetPicks } from './dashboard-edit.js';

const OPS = ['count', 'sum', 'avg', 'min', 'max', 'count_distinct'] as const;
const BUCKETS = ['', 'day', 'week', 'month', 'quarter', 'year'] as const;
const T = {
  en: {
    entity: 'Entity',
    chart: 'Chart',
    measure: 'Measure',
    field: 'Field',
    dimension: 'Group by',
    bucket: 'Time bucket',
    label: 'Title',
    add: 'Add widget',
    none: '—',
  },
  'zh-CN': {
    entity: '实体',
    chart: '图表',
    measure: '度量',
    field: '字段',
    dimension: '分组',
    bucket: '时间粒度',
    label: '标题',
    add: '添加组件',
    none: '—',
  },
};

/** The designer's "add a widget" form: entity, measure, dimension and chart from the app's documents. */
export function WidgetForm({
  app,
  locale,
  onAdd,
}: {
  app: App;
  locale: Locale;
  onAdd: (picks: WidgetPicks) => void;
}) {
  const t = T[locale];
  const [entity, setEntity] = useState(app.entities[0]?.id ?? '');
  const [chart, setChart] = useState<WidgetPicks['chart']>('bar');
  const [op, setOp] = useState<(typeof OPS)[number]>('count');
  const [field, setField] = useState('');
  const [dim, setDim] = useState('');
  const [bucket, setBucket] = useState<(typeof BUCKETS)[number]>('');
  const [label, setLabel] = useState('');
  const def = app.entities.find((e) => e.id === entity);
  const fields = [
    ...Object.keys(SYSTEM_FIELDS).map((id) => ({ id, label: id })),
    ...(def?.fields ?? []).map((f) => ({ id: f.id, label: localize(f.label, locale) })),
  ];
  const numeric = (def?.fields ?? []).filter((f) => NUMERIC_FIELD_TYPES.includes(storedFieldType(f)));
  const machine = app.stageMachines.find((m) => m.entity === entity);
  return (
    <form
      className="sc-widget-form"
      onSubmit={(e) => {
        e.preventDefault();
        onAdd({
          entity,
          chart,
          label: label || `${localize(def?.label ?? { en: entity }, locale)} · ${op}`,
          measure: { op, ...(op !== 'count' && field ? { field } : {}) },
          ...(dim ? { dimension: { field: dim, ...(bucket ? { bucket } : {}) } } : {}),
          ...(machine ? { stageMachine: machine.id } : {}),
        });
      }}
      style={{ display: 'grid', gap: 8 }}
    >
      <label>
        {t.label} <input name="label" value={label} onChange={(e) => setLabel(e.target.value)} />
      </label>
      <label>
        {t.entity}{' '}
        <select name="entity" value={entity} onChange={(e) => setEntity(e.target.value)}>
          {app.entities.map((e) => (
            <option key={e.id} value={e.id}>
              {localize(e.label, locale)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.measure}{' '}
        <select name="op" value={op} onChange={(e) => setOp(e.target.value as (typeof OPS)[number])}>
          {OPS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      {op !== 'count' && (
        <label>
          {t.field}{' '}
          <select name="field" value={field} onChange={(e) => setField(e.target.value)}>
            <option value="">{t.none}</option>
            {(op === 'count_distinct'
              ? fields
              : numeric.map((f) => ({ id: f.id, label: localize(f.label, locale) }))
            ).map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t.dimension}{' '}
        <select name="dimension" value={dim} onChange={(e) => setDim(e.target.value)}>
          <option value="">{t.none}</option>
          {fields.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.bucket}{' '}
        <select
          name="bucket"
          value={bucket}
          onChange={(e) => setBucket(e.target.value as (typeof BUCKETS)[number])}
        >
          {BUCKETS.map((b) => (
            <option key={b} value={b}>
              {b || t.none}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.chart}{' '}
        <select name="chart" value={chart} onChange={(e) => setChart(e.target.value as WidgetPicks['chart'])}>
          {CHART_TYPES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="sc-button sc-button-primary">
        {t.add}
      </button>
    </form>
  );
}
