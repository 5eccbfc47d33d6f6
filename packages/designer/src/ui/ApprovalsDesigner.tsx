import type { Approval } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useEffect, useState } from 'react';
import {
  addApproval,
  addApprovalBranch,
  addApprovalStep,
  removeApproval,
  removeApprovalBranch,
  removeApprovalStep,
  updateApproval,
  updateApprovalBranch,
} from '../ops/approval-ops.js';
import { useDesigner } from './designer-context.js';
import { LabelInput } from './LabelInput.js';
import { RuleBuilder } from './RuleBuilder.js';
import type { DesignerServices } from './services.js';

type Approvers = Approval['steps'][number]['branches'][number]['approvers'];

/**
 * Approval definitions of an entity: name, threshold (the visual rule builder), the moves they
 * guard, steps in sequence and parallel branches, each decided by a role of the app, the owner's
 * manager chain, or people picked by name. Published with the app like every other element.
 */
export function ApprovalsDesigner({ services }: { services: DesignerServices }) {
  const { state, t, locale, run, selection, select } = useDesigner();
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    void services.people?.().then((r) => r.ok && setPeople(r.value));
  }, [services]);
  const app = state.doc;
  const entity = app.entities.find((e) => e.id === selection.entity) ?? app.entities[0];
  if (!entity) return null;
  const approvals = app.approvals.filter((a) => a.entity === entity.id);
  const transitions = app.stageMachines.filter((m) => m.entity === entity.id).flatMap((m) => m.transitions);
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? '—';
  const kinds = { role: t('approverRole'), manager_chain: t('approverManager'), users: t('approverUsers') };
  const approversOf = (type: Approvers['type'], current: Approvers): Approvers =>
    type === 'role'
      ? { type, role: current.type === 'role' ? current.role : (app.roles[0]?.id ?? 'member') }
      : type === 'manager_chain'
        ? { type, levels: 1 }
        : { type, users: current.type === 'users' ? current.users : [(people[0] as { id: string }).id] };

  return (
    <div className="sc-rules-designer sc-approvals-designer">
      <div className="sc-toolbar-row">
        <label>
          {t('entity')}{' '}
          <select
            aria-label={t('entity')}
            value={entity.id}
            onChange={(e) => select({ tab: 'approvals', entity: e.target.value })}
          >
            {app.entities.map((e) => (
              <option key={e.id} value={e.id}>
                {localize(e.label, locale)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="sc-button"
          onClick={() => run(addApproval(entity.id, { 'zh-CN': '审批', en: 'Approval' }))}
        >
          + {t('addApproval')}
        </button>
      </div>
      {approvals.map((a) => (
        <article key={a.id} className="sc-card sc-vrule" data-approval={a.id}>
          <LabelInput
            label={t('approvalName')}
            value={a.label}
            onCommit={(label) => run(updateApproval(a.id, { label }))}
          />
          <RuleBuilder
            name={`${a.id}-threshold`}
            label={t('threshold')}
            value={a.entryCriteria}
            fields={entity.fields}
            onChange={(v) => run(updateApproval(a.id, { entryCriteria: v as Approval['entryCriteria'] }))}
          />
          <fieldset>
            <legend>{t('guardedMoves')}</legend>
            {transitions.map((tr) => (
              <label key={tr.id} className="sc-chip">
                <input
                  type="checkbox"
                  checked={a.guardsTransitions?.includes(tr.id) ?? false}
                  onChange={(e) => {
                    const rest = (a.guardsTransitions ?? []).filter((x) => x !== tr.id);
                    run(
                      updateApproval(a.id, { guardsTransitions: e.target.checked ? [...rest, tr.id] : rest }),
                    );
                  }}
                />{' '}
                {localize(tr.label, locale)}
              </label>
            ))}
          </fieldset>
          {a.steps.map((step, n) => (
            <fieldset key={step.id} data-step={step.id}>
              <legend>{t('approvalStep', { n: n + 1 })}</legend>
              {step.branches.map((b) => {
                const set = (patch: Parameters<typeof updateApprovalBranch>[3]) =>
                  run(updateApprovalBranch(a.id, step.id, b.id, patch));
                return (
                  <div key={b.id} className="sc-toolbar-row" data-branch={b.id}>
                    <LabelInput
                      label={t('branchName')}
                      value={b.label}
                      onCommit={(label) => set({ label })}
                    />
                    <label>
                      {t('approvers')}{' '}
                      <select
                        value={b.approvers.type}
                        onChange={(e) =>
                          set({ approvers: approversOf(e.target.value as Approvers['type'], b.approvers) })
                        }
                      >
                        {Object.entries(kinds).map(([k, label]) => (
                          // named people need someone to pick: offered once the directory is loaded
                          <option key={k} value={k} disabled={k === 'users' && people.length === 0}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </label>
                    {b.approvers.type === 'role' && (
                      <select
                        aria-label={t('approverRole')}
                        value={b.approvers.role}
                        onChange={(e) => set({ approvers: { type: 'role', role: e.target.value } })}
                      >
                        {app.roles.map((r) => (
                          <option key={r.id} value={r.id}>
                            {localize(r.label, locale)}
                          </option>
                        ))}
                      </select>
                    )}
                    {b.approvers.type === 'manager_chain' && (
                      <label>
                        {t('managerLevels')}{' '}
                        <input
                          type="number"
                          min={1}
                          max={5}
                          value={b.approvers.levels}
                          onChange={(e) =>
                            set({
                              approvers: {
                                type: 'manager_chain',
                                levels: Math.min(5, Math.max(1, Number(e.target.value) || 1)),
                              },
                            })
                          }
                        />
                      </label>
                    )}
                    {b.approvers.type === 'users' &&
                      (people.length === 0 ? (
                        <span className="sc-muted">{t('noPeople')}</span>
                      ) : (
                        <select
                          multiple
                          aria-label={t('approverUsers')}
                          value={b.approvers.users}
                          onChange={(e) => {
                            const users = [...e.target.selectedOptions].map((o) => o.value);
                            if (users.length) set({ approvers: { type: 'users', users } });
                          }}
                        >
                          {people.map((p) => (
                            <option key={p.id} value={p.id}>
                              {p.name}
                            </option>
                          ))}
                        </select>
                      ))}
                    {b.approvers.type === 'users' && (
                      <span className="sc-muted">
                        {b.approvers.users.map(nameOf).join(locale === 'en' ? ', ' : '、')}
                      </span>
                    )}
                    <label>
                      {t('branchMode')}{' '}
                      <select value={b.mode} onChange={(e) => set({ mode: e.target.value as 'any' | 'all' })}>
                        <option value="any">{t('modeAny')}</option>
                        <option value="all">{t('modeAll')}</option>
                      </select>
                    </label>
                    {step.branches.length > 1 && (
                      <button
                        type="button"
                        className="sc-button sc-danger"
                        onClick={() => run(removeApprovalBranch(a.id, step.id, b.id))}
                      >
                        {t('remove')}
                      </button>
                    )}
                  </div>
                );
              })}
              <button
                type="button"
                className="sc-button"
                onClick={() => run(addApprovalBranch(a.id, step.id, a.label))}
              >
                + {t('addBranch')}
              </button>
              {a.steps.length > 1 && (
                <button
                  type="button"
                  className="sc-button sc-danger"
                  onClick={() => run(removeApprovalStep(a.id, step.id))}
                >
                  {t('remove')}
                </button>
              )}
            </fieldset>
          ))}
          <button type="button" className="sc-button" onClick={() => run(addApprovalStep(a.id, a.label))}>
            + {t('addStep')}
          </button>
          <button type="button" className="sc-button sc-danger" onClick={() => run(removeApproval(a.id))}>
            {t('remove')}
          </button>
        </article>
      ))}
    </div>
  );
}
