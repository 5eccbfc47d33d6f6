import type { Entity, Recipient } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useDesigner } from './designer-context.js';

const KINDS = ['owner', 'owner_manager', 'role', 'users', 'field'] as const;

/**
 * Who receives a notification or a task, picked by name: the owner, the owner's manager, a role of
 * the app, named people from the directory, or the person in one of the entity's user fields.
 */
export function RecipientPicker({
  value,
  onChange,
  entity,
  people,
  label,
}: {
  value: Recipient;
  onChange(r: Recipient): void;
  entity: Entity;
  people: readonly { id: string; name: string }[];
  label: string;
}) {
  const { state, t, locale } = useDesigner();
  const roles = state.doc.roles;
  const userFields = entity.fields.filter((f) => f.type === 'user');
  const first = (type: Recipient['type']): Recipient | undefined => {
    if (type === 'owner') return { type };
    if (type === 'owner_manager') return { type, levels: 1 };
    if (type === 'role') return roles[0] && { type, role: roles[0].id };
    if (type === 'users') return people[0] && { type, users: [people[0].id] };
    return userFields[0] && { type, field: userFields[0].id };
  };
  const offered = KINDS.filter((k) => k === value.type || first(k));
  return (
    <span className="sc-recipient">
      <select
        aria-label={label}
        value={value.type}
        onChange={(e) => {
          const next = first(e.target.value as Recipient['type']);
          if (next) onChange(next);
        }}
      >
        {offered.map((k) => (
          <option key={k} value={k}>
            {t(`recipient_${k}`)}
          </option>
        ))}
      </select>
      {value.type === 'role' && (
        <select
          aria-label={t('recipient_role')}
          value={value.role}
          onChange={(e) => onChange({ type: 'role', role: e.target.value })}
        >
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {localize(r.label, locale)}
            </option>
          ))}
        </select>
      )}
      {value.type === 'users' && (
        <select
          multiple
          aria-label={t('recipient_users')}
          value={value.users}
          onChange={(e) => {
            const users = [...e.target.selectedOptions].map((o) => o.value);
            if (users.length) onChange({ type: 'users', users });
          }}
        >
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      )}
      {value.type === 'field' && (
        <select
          aria-label={t('recipient_field')}
          value={value.field}
          onChange={(e) => onChange({ type: 'field', field: e.target.value })}
        >
          {userFields.map((f) => (
            <option key={f.id} value={f.id}>
              {localize(f.label, locale)}
            </option>
          ))}
        </select>
      )}
    </span>
  );
}
