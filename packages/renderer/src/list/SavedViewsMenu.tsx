import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SavedView, SavedViewStore } from './saved-views.js';

interface Props {
  storageKey: string;
  current: Omit<SavedView, 'name'>;
  onPick(view: SavedView): void;
}

/** Pick, save and delete the user's saved views of a list. */
export function SavedViewsMenu({ storageKey, current, onPick }: Props) {
  const { t } = useTranslation();
  const store = useMemo(() => new SavedViewStore(storageKey), [storageKey]);
  const [views, setViews] = useState(() => store.list());
  const [name, setName] = useState('');
  const [open, setOpen] = useState(false);
  return (
    <div className="sc-saved">
      <button type="button" className="sc-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t('list.savedViews')}
      </button>
      {open && (
        <div className="sc-popover">
          <ul>
            {views.map((v) => (
              <li key={v.name}>
                <button
                  type="button"
                  className="sc-link"
                  onClick={() => {
                    onPick(v);
                    setOpen(false);
                  }}
                >
                  {v.name}
                </button>
                <button
                  type="button"
                  className="sc-link"
                  aria-label={`${t('list.deleteView')} ${v.name}`}
                  onClick={() => setViews(store.remove(v.name))}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!name.trim()) return;
              setViews(store.save({ ...current, name: name.trim() }));
              setName('');
            }}
          >
            <input
              className="sc-input"
              aria-label={t('list.viewName')}
              placeholder={t('list.viewName')}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="sc-button">
              {t('list.saveView')}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
