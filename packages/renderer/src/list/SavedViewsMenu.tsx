import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuntime } from '../runtime/runtime-context.js';
import type { SavedViewData } from '../services/runtime-services.js';
import { type SavedView, SavedViewStore } from './saved-views.js';

interface Props {
  /** The list view's id: saved views on the server belong to it. */
  viewId: string;
  /** Where saved views are kept when the shell has no server port (localStorage key). */
  storageKey: string;
  current: Omit<SavedView, 'name'>;
  onPick(view: SavedView): void;
}

/** One entry of the menu, wherever it is kept. */
interface Entry {
  key: string;
  view: SavedView;
  shared: boolean;
  mine: boolean;
  ownerName: string | null;
  remove(): Promise<void>;
}

/**
 * Pick, save and delete saved views of a list. With the server's port they are kept on the
 * server, personal or shared with everyone who may read the list (the owner or an admin deletes a
 * shared one); without it, in this browser.
 */
export function SavedViewsMenu({ viewId, storageKey, current, onPick }: Props) {
  const { t } = useTranslation();
  const { services } = useRuntime();
  const port = services.savedViews;
  const local = useMemo(() => new SavedViewStore(storageKey), [storageKey]);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const shareId = useId();

  const load = useCallback(async () => {
    if (!port) {
      setEntries(
        local.list().map((v) => ({
          key: v.name,
          view: v,
          shared: false,
          mine: true,
          ownerName: null,
          remove: async () => {
            local.remove(v.name);
          },
        })),
      );
      return;
    }
    const res = await port.list(viewId);
    setEntries(
      res.ok
        ? res.value.map((v: SavedViewData) => ({
            key: v.id,
            view: { ...(v.state as Omit<SavedView, 'name'>), name: v.name },
            shared: v.shared,
            mine: v.mine,
            ownerName: v.ownerName,
            remove: async () => {
              await port.remove(v.id);
            },
          }))
        : [],
    );
  }, [port, local, viewId]);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  async function save() {
    const trimmed = name.trim();
    if (!trimmed) return;
    if (port) {
      const res = await port.create(viewId, { name: trimmed, shared, state: current });
      if (!res.ok) return setError(res.error.message);
    } else local.save({ ...current, name: trimmed });
    setError(null);
    setName('');
    setShared(false);
    await load();
  }

  return (
    <div className="sc-saved">
      <button type="button" className="sc-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t('list.savedViews')}
      </button>
      {open && (
        <div className="sc-popover">
          {entries.length === 0 && <p className="sc-muted">{t('list.noSavedViews')}</p>}
          <ul>
            {entries.map((e) => (
              <li key={e.key} data-shared={e.shared}>
                <button
                  type="button"
                  className="sc-link"
                  onClick={() => {
                    onPick(e.view);
                    setOpen(false);
                  }}
                >
                  {e.view.name}
                </button>
                {e.shared && (
                  <span className="sc-muted">
                    {' '}
                    {e.mine || !e.ownerName
                      ? t('list.sharedView')
                      : t('list.sharedBy', { name: e.ownerName })}
                  </span>
                )}
                {e.mine && (
                  <button
                    type="button"
                    className="sc-link"
                    aria-label={`${t('list.deleteView')} ${e.view.name}`}
                    onClick={() => void e.remove().then(load)}
                  >
                    ✕
                  </button>
                )}
              </li>
            ))}
          </ul>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <input
              className="sc-input"
              aria-label={t('list.viewName')}
              placeholder={t('list.viewName')}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            {port && (
              <label htmlFor={shareId} className="sc-check">
                <input
                  id={shareId}
                  type="checkbox"
                  checked={shared}
                  onChange={(e) => setShared(e.target.checked)}
                />{' '}
                {t('list.shareView')}
              </label>
            )}
            <button type="submit" className="sc-button">
              {t('list.saveView')}
            </button>
            {error && (
              <p className="sc-error" role="alert">
                {error}
              </p>
            )}
          </form>
        </div>
      )}
    </div>
  );
}
