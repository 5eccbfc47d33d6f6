/**
 * The record page's approval panel: for each approval of the record's entity, the threshold in
 * words, whether it applies, the moves it guards, and per step and branch who decides (by name)
 * and what they decided. Read through the caller's scope like every record read; the engine's
 * `approvalOutlook` decides, with the same approver resolution as starting one.
 */
import type { ApprovalStateOut } from '@stagecraft/contract';
import { type ApprovalState, approvalOutlook } from '@stagecraft/engine';
import { describeRule } from '@stagecraft/rules';
import type { App, Approval, LocalizedText } from '@stagecraft/schema';
import { unwrap } from '../errors/issues-error.js';
import type { ServerServices } from '../services.js';
import { approverResolver } from './approval-service.js';
import { authorize } from './authorization.js';
import { directoryOf } from './directory.js';
import type { EntityRequest } from './request-context.js';
import { fieldLabels } from './transition-support.js';

const LOCALES = ['zh-CN', 'en'] as const;

/** "Who decides" in words, for both languages. */
function ruleText(
  app: App,
  approvers: Approval['steps'][number]['branches'][number]['approvers'],
): LocalizedText {
  switch (approvers.type) {
    case 'role': {
      const role = app.roles.find((r) => r.id === approvers.role)?.label;
      return {
        'zh-CN': `角色：${role?.['zh-CN'] ?? approvers.role}`,
        en: `Role: ${role?.en ?? approvers.role}`,
      };
    }
    case 'manager_chain':
      return approvers.levels === 1
        ? { 'zh-CN': '负责人的上级', en: "The owner's manager" }
        : {
            'zh-CN': `负责人的上级（${approvers.levels} 级）`,
            en: `The owner's managers (${approvers.levels} levels)`,
          };
    case 'users':
      return { 'zh-CN': '指定人员', en: 'Named people' };
  }
}

/** Every approval of the entity as it stands on the record. */
export async function recordApprovalState(
  services: ServerServices,
  req: EntityRequest,
  recordId: string,
): Promise<{ approvals: ApprovalStateOut[] }> {
  const { store } = services;
  const { actor, pub, entity } = req;
  authorize(req.ctx, 'read');
  const record = unwrap(await req.records.get(recordId));
  const app = pub.definition;
  const mine = app.approvals.filter((a) => a.entity === entity.id);
  if (mine.length === 0) return { approvals: [] };
  const [{ users }, people, instances] = await Promise.all([
    directoryOf(store, actor.workspaceId),
    store.identity.users(actor.workspaceId),
    store.automation.approvals.ofRecord(actor.workspaceId, pub.appId, entity.id, record.id),
  ]);
  const names = new Map(people.map((u) => [u.id, u.name]));
  const person = (id: string) => ({ id, name: names.get(id) ?? '—' });
  const labels = fieldLabels(entity);
  const transitions = app.stageMachines.filter((m) => m.entity === entity.id).flatMap((m) => m.transitions);
  const resolve = approverResolver(users, record);
  return {
    approvals: mine.map((approval) => {
      const newest = instances.find((i) => i.approvalId === approval.id);
      const outlook = approvalOutlook(
        approval,
        record,
        newest?.state as unknown as ApprovalState | undefined,
        resolve,
        { now: req.now, timeZone: req.timeZone },
      );
      const criteria = approval.entryCriteria;
      return {
        approvalId: approval.id,
        label: approval.label,
        threshold:
          criteria === undefined || criteria === null
            ? null
            : Object.fromEntries(
                LOCALES.map((locale) => [locale, describeRule(criteria, { locale, labels })]),
              ),
        applies: outlook.applies,
        status: outlook.status,
        instanceId: newest?.id ?? null,
        guards: (approval.guardsTransitions ?? []).map((id) => ({
          id,
          label: transitions.find((t) => t.id === id)?.label ?? { en: id, 'zh-CN': id },
        })),
        steps: outlook.steps.map((step, s) => {
          const doc = approval.steps[s]!;
          return {
            id: step.id,
            label: doc.label,
            current: step.current,
            branches: step.branches.map((branch, b) => {
              const def = doc.branches[b]!;
              return {
                id: branch.id,
                label: def.label,
                rule: ruleText(app, def.approvers),
                deciders: branch.deciders.map(person),
                status: branch.status,
                decisions: branch.decisions.map((d) => ({ ...d, userName: names.get(d.user) ?? null })),
              };
            }),
          };
        }),
      };
    }),
  };
}
