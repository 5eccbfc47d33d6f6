import type { Action, Entity } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import type { ActionDraft } from '../ops/automation-ops.js';
import { CommitInput } from './CommitInput.js';
import { useDesigner } from './designer-context.js';
import { IdChips } from './IdChips.js';
import { LabelInput } from './LabelInput.js';
import { RecipientPicker } from './RecipientPicker.js';

type People = readonly { id: string; name: string }[];

/**
 * The details of one action, every reference picked by name: recipients, the task's entity and
 * assignee, the fields to set, the assignment pool, the webhook's fields, the approval to start.
 */
export function ActionEditor({
  action,
  entity,
  people,
  onChange,
}: {
  action: Action;
  entity: Entity;
  people: People;
  onChange(a: ActionDraft): void;
}) {
  const { state, t, locale } = useDesigner();
  const app = state.doc;
  const { id: _, ...draft } = action;
  const fieldsOf = (e: Entity | undefined) =>
    (e?.fields ?? []).map((f) => ({ id: f.id, label: localize(f.label, locale), type: f.type }));
  switch (draft.type) {
    case 'notify':
      return (
        <>
          {draft.recipients.map((r, i) => (
            <RecipientPicker
              // biome-ignore lint/suspicious/noArrayIndexKey: recipients have no id; the position is the identity
              key={i}
              label={t('recipients')}
              value={r}
              entity={entity}
              people={people}
              onChange={(next) => onChange({ ...draft, recipients: draft.recipients.with(i, next) })}
            />
          ))}
          <button
            type="button"
            className="sc-button"
            onClick={() => onChange({ ...draft, recipients: [...draft.recipients, { type: 'owner' }] })}
          >
            + {t('addRecipient')}
          </button>
          <LabelInput
            label={t('notifyTitle')}
            value={draft.title}
            onCommit={(title) => onChange({ ...draft, title })}
          />
          <LabelInput
            label={t('notifyMessage')}
            value={draft.message}
            onCommit={(message) => onChange({ ...draft, message })}
          />
        </>
      );
    case 'create_task': {
      const target = app.entities.find((e) => e.id === draft.entity);
      const titleField = target?.fields.find((f) => f.type === 'text');
      const title = titleField && draft.values?.[titleField.id];
      return (
        <>
          <label>
            {t('taskEntity')}{' '}
            <select
              value={draft.entity}
              onChange={(e) => onChange({ ...draft, entity: e.target.value, values: {} })}
            >
              {app.entities.map((e) => (
                <option key={e.id} value={e.id}>
                  {localize(e.label, locale)}
                </option>
              ))}
            </select>
          </label>
          {titleField && (
            <label>
              {t('taskHeading')}{' '}
              <CommitInput
                value={typeof title === 'string' ? title : ''}
                onCommit={(v) => onChange({ ...draft, values: { ...draft.values, [titleField.id]: v } })}
              />
            </label>
          )}
          <RecipientPicker
            label={t('assignee')}
            value={draft.assignee}
            entity={entity}
            people={people}
            onChange={(assignee) => onChange({ ...draft, assignee })}
          />
          <label>
            {t('dueInHours')}{' '}
            <CommitInput
              type="number"
              min={1}
              value={String(draft.dueInHours ?? '')}
              onCommit={(v) => Number(v) > 0 && onChange({ ...draft, dueInHours: Number(v) })}
            />
          </label>
        </>
      );
    }
    case 'update_fields': {
      const writable = fieldsOf(entity);
      const unset = writable.filter((f) => !(f.id in draft.values));
      return (
        <>
          {Object.entries(draft.values).map(([field, value]) => (
            <div key={field} className="sc-toolbar-row">
              {t('setField')} <strong>{writable.find((f) => f.id === field)?.label ?? field}</strong>{' '}
              {t('toValue')}{' '}
              <CommitInput
                aria-label={field}
                value={
                  typeof value === 'string' || typeof value === 'number'
                    ? String(value)
                    : JSON.stringify(value)
                }
                onCommit={(v) => {
                  const type = writable.find((f) => f.id === field)?.type;
                  const typed =
                    type === 'number' || type === 'currency' || type === 'percent' ? Number(v) : v;
                  onChange({ ...draft, values: { ...draft.values, [field]: typed } });
                }}
              />
              <button
                type="button"
                className="sc-button sc-danger"
                onClick={() => {
                  const { [field]: _, ...values } = draft.values;
                  onChange({ ...draft, values });
                }}
              >
                {t('remove')}
              </button>
            </div>
          ))}
          {unset.length > 0 && (
            <select
              aria-label={t('addFieldValue')}
              value=""
              onChange={(e) => onChange({ ...draft, values: { ...draft.values, [e.target.value]: null } })}
            >
              <option value="">+ {t('addFieldValue')}</option>
              {unset.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          )}
        </>
      );
    }
    case 'assign':
      return (
        <>
          <label>
            {t('strategy')}{' '}
            <select
              value={draft.strategy}
              onChange={(e) => onChange({ ...draft, strategy: e.target.value as typeof draft.strategy })}
            >
              <option value="round_robin">{t('strategy_round_robin')}</option>
              <option value="load_balanced">{t('strategy_load_balanced')}</option>
            </select>
          </label>
          <label>
            {t('poolRole')}{' '}
            <select
              value={draft.pool.role ?? ''}
              onChange={(e) => {
                const { role: _, ...pool } = draft.pool;
                onChange({ ...draft, pool: e.target.value ? { ...pool, role: e.target.value } : pool });
              }}
            >
              <option value="">{t('anyone')}</option>
              {app.roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {localize(r.label, locale)}
                </option>
              ))}
            </select>
          </label>
          <IdChips
            legend={t('poolUsers')}
            options={people.map((p) => ({ id: p.id, label: p.name }))}
            value={draft.pool.users}
            onChange={(users) => {
              const { users: _, ...pool } = draft.pool;
              onChange({ ...draft, pool: users.length ? { ...pool, users } : pool });
            }}
          />
        </>
      );
    case 'webhook':
      return (
        <>
          <label>
            {t('webhookUrl')}{' '}
            <CommitInput
              type="url"
              value={draft.url}
              onCommit={(url) => URL.canParse(url) && onChange({ ...draft, url })}
            />
          </label>
          <IdChips
            legend={t('webhookFields')}
            options={fieldsOf(entity)}
            value={draft.fields}
            onChange={(fields) => {
              const { fields: _, ...rest } = draft;
              onChange(fields.length ? { ...rest, fields } : rest);
            }}
          />
        </>
      );
    case 'start_approval':
      return (
        <label>
          {t('approval')}{' '}
          <select value={draft.approval} onChange={(e) => onChange({ ...draft, approval: e.target.value })}>
            {app.approvals
              .filter((a) => a.entity === entity.id)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {localize(a.label, locale)}
                </option>
              ))}
          </select>
        </label>
      );
  }
}
