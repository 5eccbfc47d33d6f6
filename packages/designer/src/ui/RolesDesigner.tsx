import { localize, RECORD_SCOPES, type Role } from '@stagecraft/schema';
import { Fragment, useState } from 'react';
import {
  addRole,
  CRUD,
  type FieldAccessChoice,
  permissionOf,
  removeRole,
  renameRole,
  setFieldAccess,
  setRight,
  setScope,
} from '../ops/role-ops.js';
import { CommitInput } from './CommitInput.js';
import { useDesigner } from './designer-context.js';

const ACCESS: readonly FieldAccessChoice[] = ['inherit', 'none', 'read', 'write'];

/**
 * The roles grid: pick a role of the app (or add one), then per entity tick create, read, update
 * and delete, choose which records it reaches, and open the entity's fields to set read or write
 * access per field. Every change is one undoable designer edit; it takes effect when published.
 */
export function RolesDesigner() {
  const { state, t, locale, run } = useDesigner();
  const app = state.doc;
  const [roleId, setRoleId] = useState<string | undefined>(app.roles[0]?.id);
  const [open, setOpen] = useState<string | null>(null);
  const role: Role | undefined = app.roles.find((r) => r.id === roleId) ?? app.roles[0];

  const add = () => {
    const { id, command } = addRole(
      { 'zh-CN': '新角色', en: 'New role' },
      app.roles.map((r) => r.id),
    );
    run(command);
    setRoleId(id);
  };

  return (
    <div className="sc-roles-designer">
      <p className="sc-muted">{t('rolesIntro')}</p>
      <div className="sc-toolbar-row">
        <label>
          {t('role')}{' '}
          <select aria-label={t('role')} value={role?.id ?? ''} onChange={(e) => setRoleId(e.target.value)}>
            {app.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {localize(r.label, locale)} ({r.id})
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="sc-button" data-testid="add-role" onClick={add}>
          + {t('addRole')}
        </button>
        {role && (
          <button
            type="button"
            className="sc-button"
            onClick={() => {
              run(removeRole(role.id));
              setRoleId(app.roles.find((r) => r.id !== role.id)?.id);
            }}
          >
            {t('removeRole')}
          </button>
        )}
      </div>
      {role && (
        <>
          <div className="sc-toolbar-row">
            <label>
              {t('roleName')} (中文){' '}
              <CommitInput
                name="role-label-zh"
                value={role.label['zh-CN'] ?? ''}
                onCommit={(v) => v && run(renameRole(role.id, { ...role.label, 'zh-CN': v }))}
              />
            </label>
            <label>
              {t('roleName')} (English){' '}
              <CommitInput
                name="role-label-en"
                value={role.label.en ?? ''}
                onCommit={(v) => v && run(renameRole(role.id, { ...role.label, en: v }))}
              />
            </label>
          </div>
          <div className="sc-roles-scroll">
            <table className="sc-roles-grid" data-role={role.id}>
              <thead>
                <tr>
                  <th scope="col">{t('entity')}</th>
                  {CRUD.map((c) => (
                    <th key={c} scope="col">
                      {t(`right_${c}`)}
                    </th>
                  ))}
                  <th scope="col">{t('recordScope')}</th>
                  <th scope="col">{t('fieldAccess')}</th>
                </tr>
              </thead>
              <tbody>
                {app.entities.map((entity) => {
                  const p = permissionOf(role, entity.id);
                  const name = localize(entity.label, locale);
                  const expanded = open === entity.id;
                  return (
                    <Fragment key={entity.id}>
                      <tr data-entity={entity.id}>
                        <th scope="row">{name}</th>
                        {CRUD.map((c) => (
                          <td key={c}>
                            <input
                              type="checkbox"
                              data-right={c}
                              aria-label={`${t(`right_${c}`)} · ${name}`}
                              checked={p[c]}
                              onChange={(e) => run(setRight(role.id, entity.id, c, e.target.checked))}
                            />
                          </td>
                        ))}
                        <td>
                          <select
                            aria-label={`${t('recordScope')} · ${name}`}
                            value={p.scope}
                            disabled={!p.read}
                            onChange={(e) =>
                              run(
                                setScope(
                                  role.id,
                                  entity.id,
                                  e.target.value as (typeof RECORD_SCOPES)[number],
                                ),
                              )
                            }
                          >
                            {RECORD_SCOPES.map((s) => (
                              <option key={s} value={s}>
                                {t(`scope_${s}`)}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <button
                            type="button"
                            className="sc-link"
                            aria-expanded={expanded}
                            disabled={!p.read}
                            onClick={() => setOpen(expanded ? null : entity.id)}
                          >
                            {t('fieldsCount', { n: p.fields?.length ?? 0 })}
                          </button>
                        </td>
                      </tr>
                      {expanded && p.read && (
                        <tr className="sc-roles-fields">
                          <td colSpan={7}>
                            <ul>
                              {entity.fields.map((f) => {
                                const listed = p.fields?.find((x) => x.field === f.id)?.access ?? 'inherit';
                                return (
                                  <li key={f.id}>
                                    <label>
                                      <span>{localize(f.label, locale)}</span>{' '}
                                      <select
                                        data-field={f.id}
                                        value={listed}
                                        onChange={(e) =>
                                          run(
                                            setFieldAccess(
                                              role.id,
                                              entity.id,
                                              f.id,
                                              e.target.value as FieldAccessChoice,
                                            ),
                                          )
                                        }
                                      >
                                        {ACCESS.map((a) => (
                                          <option key={a} value={a}>
                                            {t(`access_${a}`)}
                                          </option>
                                        ))}
                                      </select>
                                    </label>
                                  </li>
                                );
                              })}
                            </ul>
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      {!role && <p className="sc-state">{t('noRoles')}</p>}
    </div>
  );
}
