import type { ApiError } from '@stagecraft/renderer';
import { useId, useState } from 'react';
import type { GrantableRole, NewPerson, OrgUnit, PersonView } from './people-api.js';
import { usePeopleText } from './usePeopleText.js';

/** Org units as `<option>`s, indented by level so the tree shows in a plain select. */
export function UnitOptions({ units }: { units: readonly OrgUnit[] }) {
  return (
    <>
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {`${'\u3000'.repeat(u.level)}${u.name}`}
        </option>
      ))}
    </>
  );
}

/**
 * Create or edit a user: name, email (create only), roles as checkboxes (built-in, then the apps'
 * roles such as approvers), org unit and manager. The server checks everything again; its issues
 * show under the field they name.
 */
export function UserDialog(props: {
  user: PersonView | null;
  roles: readonly GrantableRole[];
  units: readonly OrgUnit[];
  people: readonly PersonView[];
  onSave(value: NewPerson): Promise<ApiError | null>;
  onCancel(): void;
}) {
  const { t, locale } = usePeopleText();
  const titleId = useId();
  const { user } = props;
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [roles, setRoles] = useState<string[]>(user?.roles ?? ['member']);
  const [orgUnitId, setOrgUnitId] = useState(user?.orgUnitId ?? '');
  const [managerId, setManagerId] = useState(user?.managerId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const at = (path: string) =>
    (error?.details ?? []).filter((d) => d.path === path || d.path.startsWith(`${path}/`));
  const toggle = (id: string) => setRoles((r) => (r.includes(id) ? r.filter((x) => x !== id) : [...r, id]));
  const group = (builtIn: boolean) => props.roles.filter((r) => r.builtIn === builtIn);
  const fieldErrors = (path: string) =>
    at(path).map((d) => (
      <p key={`${d.path}${d.code}`} className="sc-error" role="alert">
        {d.message}
      </p>
    ));
  const known = new Set(['/name', '/email', '/roles', '/orgUnitId', '/managerId']);
  const other =
    error && !error.details.some((d) => [...known].some((k) => d.path === k || d.path.startsWith(`${k}/`)));

  return (
    <div className="sc-dialog-backdrop">
      <form
        className="sc-dialog user-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="user-dialog"
        onKeyDown={(e) => e.key === 'Escape' && !busy && props.onCancel()}
        onSubmit={async (e) => {
          e.preventDefault();
          if (roles.length === 0) {
            setError({
              status: 0,
              code: 'ROLE_UNKNOWN',
              message: t('people.pickRole'),
              details: [{ path: '/roles', code: 'ROLE_UNKNOWN', message: t('people.pickRole') }],
            });
            return;
          }
          setBusy(true);
          const failed = await props.onSave({
            name: name.trim(),
            email: email.trim(),
            roles,
            orgUnitId: orgUnitId || null,
            managerId: managerId || null,
          });
          setBusy(false);
          setError(failed);
        }}
      >
        <h2 id={titleId}>{user ? t('people.editUser', { name: user.name }) : t('people.newUser')}</h2>
        <label className="sc-label" htmlFor="person-name">
          {t('people.name')}
        </label>
        <input
          id="person-name"
          className="sc-input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={200}
        />
        {fieldErrors('/name')}
        {!user && (
          <>
            <label className="sc-label" htmlFor="person-email">
              {t('people.email')}
            </label>
            <input
              id="person-email"
              className="sc-input"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
            {fieldErrors('/email')}
          </>
        )}
        <fieldset className="person-roles">
          <legend className="sc-label">{t('people.roles')}</legend>
          {[true, false].map((builtIn) =>
            group(builtIn).length ? (
              <div key={String(builtIn)} className="person-role-group">
                <p className="sc-muted">{builtIn ? t('people.builtIn') : t('people.appRoles')}</p>
                {group(builtIn).map((r) => (
                  <label key={r.id} className="sc-check">
                    <input type="checkbox" checked={roles.includes(r.id)} onChange={() => toggle(r.id)} />
                    {r.label[locale]}
                  </label>
                ))}
              </div>
            ) : null,
          )}
        </fieldset>
        {fieldErrors('/roles')}
        <label className="sc-label" htmlFor="person-unit">
          {t('people.orgUnit')}
        </label>
        <select
          id="person-unit"
          className="sc-input"
          value={orgUnitId}
          onChange={(e) => setOrgUnitId(e.target.value)}
        >
          <option value="">{t('people.none')}</option>
          <UnitOptions units={props.units} />
        </select>
        {fieldErrors('/orgUnitId')}
        <label className="sc-label" htmlFor="person-manager">
          {t('people.manager')}
        </label>
        <select
          id="person-manager"
          className="sc-input"
          value={managerId}
          onChange={(e) => setManagerId(e.target.value)}
        >
          <option value="">{t('people.none')}</option>
          {props.people
            .filter((p) => p.id !== user?.id && !p.disabled)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.orgUnitName ? `${p.name} · ${p.orgUnitName}` : p.name}
              </option>
            ))}
        </select>
        {fieldErrors('/managerId')}
        {other && (
          <p className="sc-error" role="alert">
            {error?.message}
          </p>
        )}
        <div className="sc-actions">
          <button type="button" className="sc-button" disabled={busy} onClick={props.onCancel}>
            {t('people.cancel')}
          </button>
          <button type="submit" className="sc-button sc-primary" disabled={busy}>
            {busy ? t('people.saving') : user ? t('people.save') : t('people.create')}
          </button>
        </div>
      </form>
    </div>
  );
}
