import type { Locale } from '@stagecraft/schema';
import { valueLabel } from './chart-option.js';
import { dashText } from './dashboard-messages.js';
import type { DataDimension, WidgetData } from './dashboard-services.js';

const keyOf = (v: unknown) => JSON.stringify(v ?? null);
/** A value that opens its records reads as a number, not as a button. */
const PLAIN = {
  background: 'none',
  border: 0,
  padding: 0,
  font: 'inherit',
  color: 'inherit',
  cursor: 'pointer',
} as const;

/** Distinct values of a key, in the order of the rows (null included). */
function valuesOf(rows: readonly Record<string, unknown>[], key: string): unknown[] {
  const seen = new Map<string, unknown>();
  for (const r of rows) if (!seen.has(keyOf(r[key]))) seen.set(keyOf(r[key]), r[key] ?? null);
  return [...seen.values()];
}

/**
 * A pivot: the first dimension's values as rows, the second's as columns, the measures in the
 * cells (one sub-column per measure when there are several), and the totals per row, per column
 * and overall as the server computed them (exact for every measure, also distinct counts and
 * averages). A click on a cell, a total or the grand total gives its point (the dimension values
 * it stands for), like a click on a bar.
 */
export function PivotTable({
  data,
  measures,
  locale,
  format,
  measureName,
  dimensionName,
  onPoint,
}: {
  data: WidgetData;
  /** Measure ids, in the widget's order. */
  measures: readonly string[];
  locale: Locale;
  format: (value: unknown) => string;
  measureName: (id: string) => string;
  dimensionName: (d: DataDimension) => string;
  onPoint?: (point: Record<string, unknown>) => void;
}) {
  const [d0, d1] = data.dimensions;
  if (!d0) return null;
  const totals = data.totals;
  const rows = valuesOf(totals?.byRow.length ? totals.byRow : data.rows, d0.id);
  const columns = d1 ? valuesOf(totals?.byColumn.length ? totals.byColumn : data.rows, d1.id) : [];
  const cells = new Map(
    data.rows.map((r) => [`${keyOf(r[d0.id])}|${d1 ? keyOf(r[d1.id]) : ''}`, r] as const),
  );
  const rowTotals = new Map((totals?.byRow ?? []).map((r) => [keyOf(r[d0.id]), r] as const));
  const columnTotals = new Map(d1 ? (totals?.byColumn ?? []).map((r) => [keyOf(r[d1.id]), r] as const) : []);
  const several = measures.length > 1;
  const totalText = dashText(locale, 'pivotTotal');
  const label = (d: DataDimension, v: unknown) => valueLabel(data, d.id, v, locale);
  /** The measure cells of one row of values (a cell, a total), clickable as `point`. */
  const values = (
    keyPrefix: string,
    row: Record<string, unknown> | undefined,
    point: Record<string, unknown>,
    className?: string,
  ) =>
    measures.map((m) => (
      <td key={`${keyPrefix}:${m}`} className={className}>
        {onPoint ? (
          <button type="button" style={PLAIN} onClick={() => onPoint(point)}>
            {format(row?.[m])}
          </button>
        ) : (
          format(row?.[m])
        )}
      </td>
    ));
  const measureHeads = (keyPrefix: string) =>
    measures.map((m) => (
      <th key={`${keyPrefix}:${m}`} scope="col">
        {measureName(m)}
      </th>
    ));
  return (
    <table className="sc-table sc-pivot">
      {d1 && !several && <caption className="sc-muted">{measureName(measures[0] ?? '')}</caption>}
      <thead>
        <tr>
          <th scope="col" rowSpan={d1 && several ? 2 : 1}>
            {d1 ? `${dimensionName(d0)} \\ ${dimensionName(d1)}` : dimensionName(d0)}
          </th>
          {d1
            ? [
                ...columns.map((c) => (
                  <th key={keyOf(c)} scope="colgroup" colSpan={measures.length}>
                    {label(d1, c)}
                  </th>
                )),
                <th key="total" scope="colgroup" colSpan={measures.length} className="sc-pivot-total">
                  {totalText}
                </th>,
              ]
            : measureHeads('m')}
        </tr>
        {d1 && several && (
          <tr>
            {columns.flatMap((c) => measureHeads(keyOf(c)))}
            {measureHeads('total')}
          </tr>
        )}
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={keyOf(r)}>
            <th scope="row">{label(d0, r)}</th>
            {d1
              ? [
                  ...columns.flatMap((c) =>
                    values(keyOf(c), cells.get(`${keyOf(r)}|${keyOf(c)}`), { [d0.id]: r, [d1.id]: c }),
                  ),
                  ...values('total', rowTotals.get(keyOf(r)), { [d0.id]: r }, 'sc-pivot-total'),
                ]
              : values('m', cells.get(`${keyOf(r)}|`), { [d0.id]: r })}
          </tr>
        ))}
      </tbody>
      {totals && (
        <tfoot>
          <tr className="sc-pivot-total">
            <th scope="row">{totalText}</th>
            {d1 && columns.flatMap((c) => values(keyOf(c), columnTotals.get(keyOf(c)), { [d1.id]: c }))}
            {values('all', totals.all, {})}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
