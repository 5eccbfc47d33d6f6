import { API } from '@stagecraft/contract';
import type { App, Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { href } from './route.js';

type Groups = { entity: string; total: number; records: { id: string; title: string }[] }[];

/**
 * The search box of the top bar: every entity of the open app the user may read, by text and by
 * the titles of referenced records (the server scopes it like every read). Hits show grouped by
 * entity, by title, each a link to its record.
 */
export function GlobalSearch({ appId, app }: { appId: string; app: App }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [typed, setTyped] = useState('');
  const [groups, setGroups] = useState<Groups | null>(null);
  const [open, setOpen] = useState(false);
  const panelId = useId();

  useEffect(() => {
    const q = typed.trim();
    if (!q) return setGroups(null);
    let live = true;
    setGroups(null);
    const timer = setTimeout(() => {
      void call(API.everyday.searchRecords, { params: { app: appId }, query: { q } }).then(
        (r) => live && setGroups(r.ok ? r.value.groups : []),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [typed, appId]);
  // a followed link closes the panel
  useEffect(() => {
    const close = () => setOpen(false);
    window.addEventListener('hashchange', close);
    return () => window.removeEventListener('hashchange', close);
  }, []);

  const showing = open && typed.trim() !== '';
  return (
    <div className="global-search">
      <input
        type="search"
        className="global-search-input"
        placeholder={t('shell.search')}
        aria-label={t('shell.search')}
        aria-controls={showing ? panelId : undefined}
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      />
      {showing && (
        <div id={panelId} className="global-search-panel sc-search-results" role="status">
          {groups === null ? (
            <p className="sc-muted">{t('shell.searching')}</p>
          ) : groups.length === 0 ? (
            <p className="sc-muted">{t('shell.searchNone')}</p>
          ) : (
            groups.map((g) => {
              const entity = app.entities.find((e) => e.id === g.entity);
              return (
                <section key={g.entity} className="global-search-group" data-entity={g.entity}>
                  <h2>
                    {localize(entity?.label, locale)}{' '}
                    <span className="sc-muted">
                      {g.total > g.records.length
                        ? t('shell.searchMore', { shown: g.records.length, total: g.total })
                        : g.total}
                    </span>
                  </h2>
                  <ul>
                    {g.records.map((r) => (
                      <li key={r.id}>
                        <a href={href({ page: 'record', app: appId, entity: g.entity, id: r.id })}>
                          {r.title || t('title.untitled', { entity: localize(entity?.label, locale) })}
                        </a>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })
          )}
        </div>
      )}
    </div>
  );
}
