import type { BoardView, ColumnAggregate, ListView, SortKey, View } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { uniqueId } from '../core/ids.js';
import { addListView, columnsFor, updateView } from '../ops/view-ops.js';
import { useDesigner } from './designer-context.js';
import { RuleBuilder } from './RuleBuilder.js';

/** View designer: list columns, default filter and sort; board card fields and column aggregates. */
export function ViewDesigner() {
  const { state, t, locale, run, selection, select } = useDesigner();
  const app = state.doc;
  const view = app.views.find((v) => v.id === selection.view) ?? app.views[0];
  const entity = view && app.entities.find((e) => e.id === view.entity);
  const first = app.entities[0];
  return (
    <div className="sc-view-designer">
      <div className="sc-toolbar-row">
        <label>
          {t('views')}{' '}
          <select
            aria-label={t('views')}
            value={view?.id ?? ''}
            onChange={(e) => select({ tab: 'views', view: e.target.value })}
          >
            {app.views.map((v) => (
              <option key={v.id} value={v.id}>
                {localize(v.label, locale)} ({v.type})
              </option>
            ))}
          </select>
        </label>
        {first && (
          <button
            type="button"
            className="sc-button"
            onClick={() => {
              const id = uniqueId(
                `${first.id}List`,
                app.views.map((v) => v.id),
              );
              run(
                addListView(
                  first.id,
                  id,
                  first.label,
                  first.fields.slice(0, 4).map((f) => f.id),
                ),
              );
              select({ tab: 'views', view: id });
            }}
          >
            + {t('addView')}
          </button>
        )}
      </div>
      {view && entity && (
        <div className="sc-view-body">
          {view.type === 'list' ? (
            <ListProps view={view} fields={entity.fields} />
          ) : (
            <BoardProps view={view} fields={entity.fields} />
          )}
          <SortProps view={view} fields={entity.fields} />
          <RuleBuilder
            name={`${view.id}-filter`}
            label={t('filter')}
            value={view.filter}
            fields={entity.fields}
            onChange={(filter) => run(updateView(view.id, { filter }))}
          />
        </div>
      )}
    </div>
  );
}

type Fields = { id: string; label: View['label'] }[];

function FieldChecklist({
  legend,
  chosen,
  fields,
  onChange,
}: {
  legend: string;
  chosen: string[];
  fields: Fields;
  onChange(ids: string[]): void;
}) {
  const { locale, t } = useDesigner();
  const move = (i: number, d: number) => {
    const next = chosen.slice();
    const [x] = next.splice(i, 1);
    if (x !== undefined) next.splice(Math.max(0, Math.min(next.length, i + d)), 0, x);
    onChange(next);
  };
  return (
    <fieldset className="sc-checklist">
      <legend>{legend}</legend>
      <ol>
        {chosen.map((id, i) => (
          <li key={id}>
            {localize(fields.find((f) => f.id === id)?.label, locale) || id}{' '}
            <button
              type="button"
              className="sc-link"
              aria-label={`${t('moveUp')} ${id}`}
              onClick={() => move(i, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="sc-link"
              aria-label={`${t('moveDown')} ${id}`}
              onClick={() => move(i, 1)}
            >
              ↓
            </button>
          </li>
        ))}
      </ol>
      {fields.map((f) => (
        <label key={f.id} className="sc-check">
          <input
            type="checkbox"
            checked={chosen.includes(f.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, f.id] : chosen.filter((x) => x !== f.id))
            }
          />{' '}
          {localize(f.label, locale)}
        </label>
      ))}
    </fieldset>
  );
}

function ListProps({ view, fields }: { view: ListView; fields: Fields }) {
  const { t, run } = useDesigner();
  return (
    <FieldChecklist
      legend={t('listColumns')}
      chosen={view.columns.map((c) => c.field)}
      fields={fields}
      onChange={(ids) =>
        ids.length > 0 && run(updateView(view.id, { columns: columnsFor(view.columns, ids) }))
      }
    />
  );
}

function BoardProps({ view, fields }: { view: BoardView; fields: Fields }) {
  const { t, run, locale } = useDesigner();
  const aggs = view.aggregates ?? [];
  const put = (next: ColumnAggregate[]) =>
    run(updateView(view.id, { aggregates: next.length > 0 ? next : undefined }));
  return (
    <>
      <FieldChecklist
        legend={t('cardFields')}
        chosen={view.cardFields}
        fields={fields}
        onChange={(ids) => run(updateView(view.id, { cardFields: ids }))}
      />
      <fieldset>
        <legend>{t('aggregates')}</legend>
        {aggs.map((a, i) => (
          <div key={a.id} className="sc-option-row">
            <select
              value={a.op}
              onChange={(e) =>
                put(aggs.map((x, j) => (j === i ? { ...x, op: e.target.value as ColumnAggregate['op'] } : x)))
              }
            >
              {(['count', 'sum', 'avg', 'min', 'max'] as const).map((op) => (
                <option key={op}>{op}</option>
              ))}
            </select>
            {a.op !== 'count' && (
              <select
                value={a.field ?? ''}
                onChange={(e) =>
                  put(aggs.map((x, j) => (j === i ? { ...x, field: e.target.value || undefined } : x)))
                }
              >
                <option value="">{t('none')}</option>
                {fields.map((f) => (
                  <option key={f.id} value={f.id}>
                    {localize(f.label, locale)}
                  </option>
                ))}
              </select>
            )}
            <button type="button" className="sc-link" onClick={() => put(aggs.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="sc-button"
          onClick={() =>
            put([
              ...aggs,
              {
                id: uniqueId(
                  'agg',
                  aggs.map((a) => a.id),
                ),
                op: 'count',
              },
            ])
          }
        >
          + {t('addAggregate')}
        </button>
      </fieldset>
    </>
  );
}

function SortProps({ view, fields }: { view: View; fields: Fields }) {
  const { t, run, locale } = useDesigner();
  const key = view.sort?.[0];
  const set = (sort: SortKey | undefined) => run(updateView(view.id, { sort: sort ? [sort] : undefined }));
  return (
    <fieldset>
      <legend>{t('sort')}</legend>
      <select
        aria-label={t('sort')}
        value={key?.field ?? ''}
        onChange={(e) =>
          set(e.target.value ? { field: e.target.value, direction: key?.direction ?? 'asc' } : undefined)
        }
      >
        <option value="">{t('none')}</option>
        {[
          ...fields,
          { id: 'createdAt', label: { en: 'Created at', 'zh-CN': '创建时间' } },
          { id: 'updatedAt', label: { en: 'Updated at', 'zh-CN': '更新时间' } },
        ].map((f) => (
          <option key={f.id} value={f.id}>
            {localize(f.label, locale)}
          </option>
        ))}
      </select>
      {key && (
        <select
          value={key.direction}
          onChange={(e) => set({ ...key, direction: e.target.value as 'asc' | 'desc' })}
        >
          <option value="asc">{t('asc')}</option>
          <option value="desc">{t('desc')}</option>
        </select>
      )}
    </fieldset>
  );
}
