import type { Entity, EvidenceRequirement, StageMachine, Transition } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { uniqueId } from '../core/ids.js';
import { addTransition, removeTransition, updateTransition } from '../ops/stage-ops.js';
import { CommitInput } from './CommitInput.js';
import { CriteriaEditor } from './CriteriaEditor.js';
import { useDesigner } from './designer-context.js';

const WILDCARDS = ['@open', '@won', '@lost', '*'] as const;

/** Transitions of a machine: from/to (wildcards for common ones), roles, criteria, fields, evidence. */
export function TransitionsEditor({ machine, entity }: { machine: StageMachine; entity: Entity }) {
  const { t, run } = useDesigner();
  const [first, second] = machine.stages;
  return (
    <section className="scd-transitions" aria-label={t('transitions')}>
      <h3>{t('transitions')}</h3>
      {machine.transitions.map((tr) => (
        <TransitionCard key={tr.id} machine={machine} entity={entity} transition={tr} />
      ))}
      <button
        type="button"
        className="sc-button"
        disabled={!first}
        onClick={() =>
          first &&
          run(addTransition(machine.id, [first.id], (second ?? first).id, { 'zh-CN': '推进', en: 'Advance' }))
        }
      >
        + {t('addTransition')}
      </button>
    </section>
  );
}

function TransitionCard({
  machine,
  entity,
  transition: tr,
}: {
  machine: StageMachine;
  entity: Entity;
  transition: Transition;
}) {
  const { t, locale, run } = useDesigner();
  const set = (patch: Partial<Transition>) => run(updateTransition(machine.id, tr.id, patch));
  const sources = [
    ...machine.stages.map((s) => ({ id: s.id, label: localize(s.label, locale) })),
    ...WILDCARDS.map((w) => ({ id: w, label: w })),
  ];
  const fill = new Set((tr.fields ?? []).map((f) => f.field));
  return (
    <details className="scd-transition" data-transition={tr.id} open>
      <summary>
        {localize(tr.label, locale)}{' '}
        <span className="sc-muted">
          ({tr.from.join(', ')} → {tr.to})
        </span>
      </summary>
      <div className="sc-transition-body">
        <label>
          {t('labelZh')}
          <CommitInput
            value={tr.label['zh-CN'] ?? ''}
            onCommit={(v) => v && set({ label: { ...tr.label, 'zh-CN': v } })}
          />
        </label>
        <label>
          {t('labelEn')}
          <CommitInput
            value={tr.label.en ?? ''}
            onCommit={(v) => v && set({ label: { ...tr.label, en: v } })}
          />
        </label>
        <label>
          {t('from')}
          <select
            multiple
            aria-label={`${tr.id} ${t('from')}`}
            value={tr.from}
            onChange={(e) => {
              const from = [...e.target.selectedOptions].map((o) => o.value);
              if (from.length > 0) set({ from });
            }}
          >
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('to')}
          <select
            aria-label={`${tr.id} ${t('to')}`}
            value={tr.to}
            onChange={(e) => set({ to: e.target.value })}
          >
            {machine.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {localize(s.label, locale)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('roles')}
          <CommitInput
            value={(tr.roles ?? []).join(', ')}
            onCommit={(v) => {
              const roles = v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean);
              set({ roles: roles.length > 0 ? roles : undefined });
            }}
          />
        </label>
        <CriteriaEditor
          name={`${tr.id}-entry`}
          label={t('entryCriteria')}
          value={tr.entryCriteria}
          fields={entity.fields}
          onChange={(entryCriteria) => set({ entryCriteria })}
        />
        <CriteriaEditor
          name={`${tr.id}-exit`}
          label={t('exitCriteria')}
          value={tr.exitCriteria}
          fields={entity.fields}
          onChange={(exitCriteria) => set({ exitCriteria })}
        />
        <fieldset>
          <legend>{t('fieldsToFill')}</legend>
          {entity.fields.map((f) => (
            <label key={f.id} className="sc-check">
              <input
                type="checkbox"
                checked={fill.has(f.id)}
                onChange={(e) => {
                  const next = e.target.checked
                    ? [...(tr.fields ?? []), { field: f.id }]
                    : (tr.fields ?? []).filter((x) => x.field !== f.id);
                  set({ fields: next.length > 0 ? next : undefined });
                }}
              />{' '}
              {localize(f.label, locale)}
            </label>
          ))}
        </fieldset>
        <EvidenceEditor value={tr.evidence} onChange={(evidence) => set({ evidence })} />
        <button
          type="button"
          className="sc-button sc-danger"
          onClick={() => run(removeTransition(machine.id, tr.id))}
        >
          {t('remove')}
        </button>
      </div>
    </details>
  );
}

function EvidenceEditor({
  value,
  onChange,
}: {
  value: EvidenceRequirement[] | undefined;
  onChange(v: EvidenceRequirement[] | undefined): void;
}) {
  const { t, locale } = useDesigner();
  const list = value ?? [];
  const put = (next: EvidenceRequirement[]) => onChange(next.length > 0 ? next : undefined);
  return (
    <fieldset>
      <legend>{t('evidence')}</legend>
      {list.map((ev, i) => (
        <div key={ev.id} className="sc-option-row">
          <CommitInput
            value={localize(ev.label, locale)}
            onCommit={(v) =>
              v && put(list.map((x, j) => (j === i ? { ...x, label: { ...x.label, [locale]: v } } : x)))
            }
          />
          <CommitInput
            type="number"
            min={1}
            value={String(ev.minCount)}
            onCommit={(v) =>
              put(list.map((x, j) => (j === i ? { ...x, minCount: Math.max(1, Number(v) || 1) } : x)))
            }
          />
          <button type="button" className="sc-link" onClick={() => put(list.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="sc-button"
        onClick={() =>
          put([
            ...list,
            {
              id: uniqueId(
                'evidence',
                list.map((e) => e.id),
              ),
              label: { 'zh-CN': '证据', en: 'Evidence' },
              minCount: 1,
            },
          ])
        }
      >
        + {t('addEvidence')}
      </button>
    </fieldset>
  );
}
