import { type CSSProperties, useState } from 'react';
import type { OrgUnit, PersonView } from './people-api.js';
import { peopleApi } from './people-api.js';
import { UnitOptions } from './UserDialog.js';
import { usePeopleText } from './usePeopleText.js';

/**
 * The org tree (company → region → team), indented by level: add a unit under any unit, rename it,
 * move it (with its subtree) under another unit. The server refuses a move under its own subtree.
 */
export function OrgTreePanel({
  units,
  people,
  onChanged,
}: {
  units: readonly OrgUnit[];
  people: readonly PersonView[];
  onChanged(): Promise<void>;
}) {
  const { t } = usePeopleText();
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [text, setText] = useState('');
  const levelName = (level: number) => t(`people.levels.${level <= 2 ? level : 'other'}`);
  const count = (id: string) => people.filter((p) => p.orgUnitId === id).length;
  const done = async (r: { ok: boolean; error?: { message: string } }) => {
    if (!r.ok) return setError(r.error?.message ?? '');
    setError(null);
    setAdding(null);
    setRenaming(null);
    setText('');
    await onChanged();
  };

  /** Opens the add form under a unit ('' for the top level) or the rename form; nulls close both. */
  const open = (addUnder: string | null, rename: string | null, initial: string) => {
    setAdding(addUnder);
    setRenaming(rename);
    setText(initial);
  };

  const nameForm = (label: string, submit: () => Promise<void>) => (
    <form
      className="org-inline"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input
        className="sc-input"
        aria-label={label}
        value={text}
        onChange={(e) => setText(e.target.value)}
        required
        maxLength={200}
      />
      <button type="submit" className="sc-button sc-primary">
        {t('people.save')}
      </button>
      <button type="button" className="sc-button" onClick={() => open(null, null, '')}>
        {t('people.cancel')}
      </button>
    </form>
  );

  return (
    <div className="org-tree" data-testid="org-tree">
      {error && (
        <p className="sc-banner sc-banner-error" role="alert">
          {error}
        </p>
      )}
      <ul>
        {units.map((u) => (
          <li key={u.id} className="sc-card org-unit" style={{ '--level': u.level } as CSSProperties}>
            <div className="org-head">
              <span className="person-badge">{levelName(u.level)}</span>
              <strong>{u.name}</strong>
              <span className="sc-muted">{t('people.members', { n: count(u.id) })}</span>
            </div>
            {renaming === u.id ? (
              nameForm(t('people.unitName'), async () =>
                done(await peopleApi.updateUnit(u.id, { name: text.trim() })),
              )
            ) : adding === u.id ? (
              nameForm(t('people.unitName'), async () => done(await peopleApi.addUnit(text.trim(), u.id)))
            ) : (
              <div className="sc-actions org-actions">
                <button
                  type="button"
                  className="sc-button"
                  aria-label={t('people.addUnit', { parent: u.name })}
                  onClick={() => open(u.id, null, '')}
                >
                  ＋
                </button>
                <button type="button" className="sc-button" onClick={() => open(null, u.id, u.name)}>
                  {t('people.rename')}
                </button>
                <label className="org-move">
                  <span className="sc-muted">{t('people.move')}</span>
                  <select
                    className="sc-input"
                    value={u.parentId ?? ''}
                    onChange={async (e) =>
                      done(await peopleApi.updateUnit(u.id, { parentId: e.target.value || null }))
                    }
                  >
                    <option value="">{t('people.moveTop')}</option>
                    <UnitOptions units={units.filter((o) => !o.path.startsWith(u.path))} />
                  </select>
                </label>
              </div>
            )}
          </li>
        ))}
      </ul>
      {adding === '' ? (
        nameForm(t('people.unitName'), async () => done(await peopleApi.addUnit(text.trim(), null)))
      ) : (
        <button type="button" className="sc-button" onClick={() => open('', null, '')}>
          {t('people.addRoot')}
        </button>
      )}
    </div>
  );
}
