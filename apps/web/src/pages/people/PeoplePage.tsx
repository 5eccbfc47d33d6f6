import type { ApiError } from '@stagecraft/renderer';
import { useEffect, useState } from 'react';
import { ImportUsersPanel } from './ImportUsersPanel.js';
import { OneTimePasswordDialog } from './OneTimePasswordDialog.js';
import { OrgTreePanel } from './OrgTreePanel.js';
import { type GrantableRole, type OrgUnit, type PersonView, peopleApi } from './people-api.js';
import { UserDialog } from './UserDialog.js';
import { usePeopleText } from './usePeopleText.js';
import './people.css';

type Tab = 'users' | 'org' | 'import';

/**
 * "People" for admins: the users with their roles, org unit, manager and state; create (a one-time
 * password is shown once), edit roles/org unit/manager, disable and enable, reset the password; and
 * the org tree (company → region → team) and the CSV import on their own tabs.
 */
export function PeoplePage({ meId }: { meId: string }) {
  const { t, locale } = usePeopleText();
  const [tab, setTab] = useState<Tab>('users');
  const [people, setPeople] = useState<PersonView[] | null>(null);
  const [roles, setRoles] = useState<GrantableRole[]>([]);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<PersonView | 'new' | null>(null);
  const [oneTime, setOneTime] = useState<{ email: string; password: string } | null>(null);
  const [confirmReset, setConfirmReset] = useState<PersonView | null>(null);

  const load = async () => {
    const [u, r, o] = await Promise.all([peopleApi.users(), peopleApi.roles(), peopleApi.orgUnits()]);
    const failed = [u, r, o].find((x) => !x.ok);
    if (failed && !failed.ok) return setError(failed.error.message);
    if (u.ok) setPeople(u.value);
    if (r.ok) setRoles(r.value);
    if (o.ok) setUnits(o.value);
    setError(null);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once on open
  useEffect(() => void load(), []);

  const roleLabel = (id: string) => roles.find((r) => r.id === id)?.label[locale] ?? id;
  const unitName = (id: string | null) => units.find((u) => u.id === id)?.name ?? t('people.none');
  const personName = (id: string | null) => people?.find((p) => p.id === id)?.name ?? t('people.none');

  const save = async (value: Parameters<typeof peopleApi.create>[0]): Promise<ApiError | null> => {
    if (editing === 'new') {
      const r = await peopleApi.create(value);
      if (!r.ok) return r.error;
      if (r.value.oneTimePassword) setOneTime({ email: r.value.email, password: r.value.oneTimePassword });
    } else if (editing) {
      const { email: _email, ...patch } = value;
      const r = await peopleApi.update(editing.id, patch);
      if (!r.ok) return r.error;
    }
    setEditing(null);
    await load();
    return null;
  };

  const setDisabled = async (p: PersonView, disabled: boolean) => {
    const r = await peopleApi.update(p.id, { disabled });
    if (!r.ok) setError(r.error.message);
    await load();
  };

  const reset = async (p: PersonView) => {
    setConfirmReset(null);
    const r = await peopleApi.resetPassword(p.id);
    if (!r.ok) return setError(r.error.message);
    setOneTime({ email: p.email, password: r.value.oneTimePassword });
    await load();
  };

  return (
    <section className="people-page" aria-labelledby="people-title">
      <h1 id="people-title">{t('people.title')}</h1>
      <p className="sc-muted">{t('people.intro')}</p>
      <div className="people-tabs" role="tablist">
        {(['users', 'org', 'import'] as const).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'sc-button sc-active' : 'sc-button'}
            onClick={() => setTab(id)}
          >
            {t(`people.tabs.${id}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="sc-banner sc-banner-error" role="alert">
          {t('people.loadFailed', { message: error })}
        </p>
      )}
      {tab === 'import' ? (
        <ImportUsersPanel onImported={load} />
      ) : tab === 'org' ? (
        <OrgTreePanel units={units} people={people ?? []} onChanged={load} />
      ) : people === null ? (
        !error && <p className="sc-state">{t('shell.loading')}</p>
      ) : (
        <>
          <div className="sc-actions">
            <button type="button" className="sc-button sc-primary" onClick={() => setEditing('new')}>
              {t('people.add')}
            </button>
          </div>
          {people.length === 0 && <p className="sc-state">{t('people.noUsers')}</p>}
          <ul className="people-list" data-testid="people-list">
            {people.map((p) => (
              <li key={p.id} className="sc-card person-card" data-disabled={p.disabled || undefined}>
                <div className="person-head">
                  <strong>
                    {p.name} {p.id === meId && <span className="sc-muted">{t('people.you')}</span>}
                  </strong>
                  <span className={p.disabled ? 'person-badge person-off' : 'person-badge'}>
                    {p.disabled ? t('people.disabled') : t('people.enabled')}
                  </span>
                  {p.mustChangePassword && !p.disabled && (
                    <span className="person-badge">{t('people.pendingPassword')}</span>
                  )}
                </div>
                <dl className="person-facts">
                  <dt>{t('people.email')}</dt>
                  <dd>{p.email}</dd>
                  <dt>{t('people.roles')}</dt>
                  <dd>{p.roles.map(roleLabel).join('、')}</dd>
                  <dt>{t('people.orgUnit')}</dt>
                  <dd>{unitName(p.orgUnitId)}</dd>
                  <dt>{t('people.manager')}</dt>
                  <dd>{personName(p.managerId)}</dd>
                </dl>
                <div className="sc-actions person-actions">
                  <button
                    type="button"
                    className="sc-button"
                    aria-label={`${t('people.edit')} ${p.name}`}
                    onClick={() => setEditing(p)}
                  >
                    {t('people.edit')}
                  </button>
                  {p.id !== meId && (
                    <button
                      type="button"
                      className="sc-button"
                      onClick={() => void setDisabled(p, !p.disabled)}
                    >
                      {p.disabled ? t('people.enable') : t('people.disable')}
                    </button>
                  )}
                  <button type="button" className="sc-button" onClick={() => setConfirmReset(p)}>
                    {t('people.resetPassword')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {editing && (
        <UserDialog
          user={editing === 'new' ? null : editing}
          roles={roles}
          units={units}
          people={people ?? []}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      )}
      {confirmReset && (
        <div className="sc-dialog-backdrop">
          <div
            className="sc-dialog"
            role="alertdialog"
            aria-modal="true"
            aria-label={t('people.resetPassword')}
          >
            <p>{t('people.resetConfirm', { name: confirmReset.name })}</p>
            <div className="sc-actions">
              <button type="button" className="sc-button" onClick={() => setConfirmReset(null)}>
                {t('people.cancel')}
              </button>
              <button type="button" className="sc-button sc-primary" onClick={() => void reset(confirmReset)}>
                {t('people.resetPassword')}
              </button>
            </div>
          </div>
        </div>
      )}
      {oneTime && (
        <OneTimePasswordDialog
          email={oneTime.email}
          password={oneTime.password}
          onClose={() => setOneTime(null)}
        />
      )}
    </section>
  );
}
