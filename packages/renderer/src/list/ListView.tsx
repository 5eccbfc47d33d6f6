import type { ListView as ListViewDoc, Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format/format-value.js';
import type { ViewToolbarContext } from '../registry/component-registry.js';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RecordData } from '../services/runtime-services.js';
import { titleRefsOf } from '../titles/title-refs.js';
import { useWantTitles } from '../titles/useTitle.js';
import { BulkBar } from './BulkBar.js';
import { FilterBuilder } from './FilterBuilder.js';
import { andFilters, type FilterState, filterToLogic } from './filter-logic.js';
import { SavedViewsMenu } from './SavedViewsMenu.js';
import { columnField } from './system-field.js';
import { useRecordList } from './useRecordList.js';

interface Props {
  view: ListViewDoc;
  onOpen(record: RecordData): void;
  onNew?(): void;
  /** Overrides the view's page size (the 10,000-row case loads one big page, virtualized). */
  pageSize?: number;
  /** Where saved views are kept (localStorage key prefix). */
  savedViewsKey?: string;
  /** Extra toolbar controls of the shell (export, import), told what the list shows right now. */
  toolbar?(list: ListToolbarContext): ReactNode;
  /** Rows can be selected for bulk edit and bulk transition. */
  selectable?: boolean;
}

/** What the list currently shows, handed to the shell's toolbar controls (the view-wide contract). */
export type ListToolbarContext = ViewToolbarContext;

const ROW_HEIGHT = 44;

/**
 * A list view document: columns, default sort and filter, search, the filter builder, paging and
 * saved views; rows are virtualized so 10,000 of them scroll smoothly.
 */
export function ListView({ view, onOpen, onNew, pageSize, savedViewsKey, toolbar, selectable }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { app, registry } = useRuntime();
  const entity = app.entities.find((e) => e.id === view.entity);
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  const [sort, setSort] = useState(view.sort ?? []);
  const [filter, setFilter] = useState<FilterState>({ match: 'all', conditions: [] });
  const [showFilter, setShowFilter] = useState(false);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const size = pageSize ?? view.pageSize ?? 50;

  useEffect(() => {
    const id = setTimeout(() => {
      setSearch(typed.trim());
      setPage(0);
    }, 250);
    return () => clearTimeout(id);
  }, [typed]);

  const query = useMemo(
    () => ({
      filter: andFilters(view.filter, filterToLogic(filter)),
      sort,
      search: search || undefined,
      limit: size,
      offset: page * size,
    }),
    [view.filter, filter, sort, search, size, page],
  );
  const { state, reload } = useRecordList(view.entity, query);
  const columns = view.columns.map((c) => ({ ...c, def: columnField(app, view.entity, c.field, t) }));
  const scrollRef = useRef<HTMLDivElement>(null);
  const records = state.status === 'ready' ? state.records : [];
  // The names of the whole page (also rows not scrolled into view yet) in one request.
  const titleRefs = useMemo(
    () =>
      titleRefsOf(
        app,
        view.entity,
        state.status === 'ready' ? state.records : [],
        view.columns.map((c) => c.field),
      ),
    [app, view.entity, state, view.columns],
  );
  useWantTitles(titleRefs, locale);
  const virtualizer = useVirtualizer({
    count: records.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 1024, height: 600 },
  });
  const gridTemplate = [
    ...(selectable ? ['2.2rem'] : []),
    ...columns.map((c) => (c.width ? `${c.width}px` : 'minmax(8rem, 1fr)')),
  ].join(' ');
  const allOnPage = records.length > 0 && records.every((r) => selected.has(r.id));
  const toggle = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });
  const pages = state.status === 'ready' ? Math.max(1, Math.ceil(state.total / size)) : 1;
  const activeFilters = filter.conditions.length;

  function toggleSort(field: string) {
    const cur = sort[0];
    setSort([{ field, direction: cur?.field === field && cur.direction === 'asc' ? 'desc' : 'asc' }]);
    setPage(0);
  }

  if (!entity) return null;
  return (
    <section className="sc-list" aria-label={localize(view.label, locale)}>
      <div className="sc-toolbar">
        <input
          className="sc-input sc-search"
          type="search"
          placeholder={t('list.search')}
          aria-label={t('list.search')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button
          type="button"
          className={activeFilters ? 'sc-button sc-active' : 'sc-button'}
          aria-expanded={showFilter}
          onClick={() => setShowFilter((s) => !s)}
        >
          {t('list.filters')}
          {activeFilters ? ` (${activeFilters})` : ''}
        </button>
        <SavedViewsMenu
          viewId={view.id}
          storageKey={savedViewsKey ?? `stagecraft:views:${app.id}:${view.id}`}
          current={{ filter, sort, search }}
          onPick={(v) => {
            setFilter(v.filter);
            setSort(v.sort);
            setTyped(v.search);
            setSearch(v.search);
            setPage(0);
          }}
        />
        {toolbar?.({ filter: query.filter, sort: query.sort, search: query.search, reload })}
        {onNew && (
          <button type="button" className="sc-button sc-primary" onClick={onNew}>
            {t('list.newRecord')}
          </button>
        )}
      </div>
      {selectable && (
        <BulkBar
          entity={entity}
          selected={[...selected]}
          locale={locale}
          onClear={() => setSelected(new Set())}
          onDone={(ids) => {
            toggle(ids, false);
            reload();
          }}
        />
      )}
      {showFilter && (
        <FilterBuilder
          key={JSON.stringify(filter)}
          entity={entity}
          value={filter}
          locale={locale}
          onApply={(f) => {
            setFilter(f);
            setPage(0);
            setShowFilter(false);
          }}
        />
      )}
      {/* biome-ignore lint/a11y: virtualized rows are absolutely positioned divs; ARIA table roles keep them a table for assistive tech */}
      <div
        className="sc-table"
        role="table"
        aria-rowcount={state.status === 'ready' ? state.total : undefined}
      >
        {/* biome-ignore lint/a11y: virtualized rows are absolutely positioned divs; ARIA table roles keep them a table for assistive tech */}
        <div className="sc-row sc-head" role="row" style={{ gridTemplateColumns: gridTemplate }}>
          {selectable && (
            // biome-ignore lint/a11y: virtualized rows are absolutely positioned divs; ARIA table roles keep them a table for assistive tech
            <div role="columnheader" className="sc-select-cell">
              <input
                type="checkbox"
                aria-label={t('list.selectPage')}
                checked={allOnPage}
                onChange={(e) =>
                  toggle(
                    records.map((r) => r.id),
                    e.target.checked,
                  )
                }
              />
            </div>
          )}
          {columns.map((c) => {
            const dir = sort[0]?.field === c.field ? sort[0].direction : undefined;
            return (
              // biome-ignore lint/a11y: virtualized rows are absolutely positioned divs; ARIA table roles keep them a table for assistive tech
              <div
                key={c.id}
                role="columnheader"
                aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
              >
                <button
                  type="button"
                  className="sc-sort"
                  onClick={() => toggleSort(c.field)}
                  title={dir === 'asc' ? t('list.sortDesc') : t('list.sortAsc')}
                >
                  {c.def ? localize(c.def.label, locale) : c.field}
                  <span aria-hidden="true">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}</span>
                </button>
              </div>
            );
          })}
        </div>
        {state.status === 'loading' && <p className="sc-state">{t('list.loading')}</p>}
        {state.status === 'error' && (
          <div className="sc-state sc-state-error" role="alert">
            {t('list.error', { message: state.error.message })}{' '}
            <button type="button" className="sc-button" onClick={reload}>
              {t('list.retry')}
            </button>
          </div>
        )}
        {state.status === 'ready' && records.length === 0 && (
          <p className="sc-state">{search || activeFilters ? t('list.noResults') : t('list.empty')}</p>
        )}
        {/* biome-ignore lint/a11y: virtualized rows are absolutely positioned divs; ARIA table roles keep them a table for assistive tech */}
        <div ref={scrollRef} className="sc-scroll" role="rowgroup">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((vi) => {
              const rec = records[vi.index] as RecordData;
              return (
                // biome-ignore lint/a11y: virtualized rows are absolutely positioned divs; ARIA table roles keep them a table for assistive tech
                <div
                  key={rec.id}
                  role="row"
                  tabIndex={0}
                  className="sc-row sc-body-row"
                  data-record-id={rec.id}
                  style={{
                    gridTemplateColumns: gridTemplate,
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${vi.start}px)`,
                  }}
                  onClick={() => onOpen(rec)}
                  onKeyDown={(e) => e.key === 'Enter' && onOpen(rec)}
                >
                  {selectable && (
                    // biome-ignore lint/a11y: the cell only stops the row's click from opening the record
                    <div role="cell" className="sc-select-cell" onClick={(e) => e.stopPropagation()}>
                      <input
                        type="checkbox"
                        aria-label={t('list.selectRow')}
                        checked={selected.has(rec.id)}
                        onChange={(e) => toggle([rec.id], e.target.checked)}
                        onKeyDown={(e) => e.stopPropagation()}
                      />
                    </div>
                  )}
                  {columns.map((c) => {
                    const Display = c.def ? registry.field(c.def.type)?.display : undefined;
                    return (
                      // biome-ignore lint/a11y: virtualized rows are absolutely positioned divs; ARIA table roles keep them a table for assistive tech
                      <div key={c.id} role="cell">
                        {c.def && Display ? (
                          <Display field={c.def} value={rec[c.field]} locale={locale} />
                        ) : (
                          String(rec[c.field] ?? '')
                        )}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {state.status === 'ready' && (
        <div className="sc-pager">
          <span>{t('list.total', { n: formatNumber(state.total, locale) })}</span>
          <button
            type="button"
            className="sc-button"
            disabled={page === 0}
            onClick={() => setPage((p) => p - 1)}
          >
            {t('list.prev')}
          </button>
          <span>{t('list.page', { page: page + 1, pages })}</span>
          <button
            type="button"
            className="sc-button"
            disabled={page + 1 >= pages}
            onClick={() => setPage((p) => p + 1)}
          >
            {t('list.next')}
          </button>
        </div>
      )}
    </section>
  );
}
