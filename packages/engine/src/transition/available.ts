/**
 * The transitions a user can see from a record's current stage, each with whether it may run now
 * (role and entry criteria) and what it will ask for (fields and evidence).
 */
import { localize, type StageMachine } from '@stagecraft/schema';
import { checkCriteria, checkRole, fieldLabel } from './checks.js';
import { defaultRulePort } from './default-rules.js';
import { currentStageId, findStage, transitionsFrom } from './match.js';
import type { AvailableTransition, StageRecord, TransitionContext } from './types.js';

/** Lists every declared transition out of the record's stage, allowed or not, with the reasons. */
export function availableTransitions(
  machine: StageMachine,
  record: StageRecord,
  ctx: TransitionContext,
): AvailableTransition[] {
  const rules = ctx.rules ?? defaultRulePort;
  const from = currentStageId(machine, record.stage);
  return transitionsFrom(machine, from).map((t) => {
    const reasons = [
      ...checkRole(t, ctx),
      ...checkCriteria('entryCriterion', t.entryCriteria, record, ctx, rules, (f) =>
        f ? `/record/${f}` : '/record',
      ),
    ];
    return {
      id: t.id,
      to: t.to,
      label: localize(t.label, ctx.locale),
      toLabel: localize(findStage(machine, t.to)?.label, ctx.locale) || t.to,
      allowed: reasons.length === 0,
      reasons,
      requires: {
        fields: (t.fields ?? []).map((f) => ({ field: f.field, label: fieldLabel(ctx, f.field) })),
        evidence: (t.evidence ?? []).map((e) => ({
          id: e.id,
          label: localize(e.label, ctx.locale),
          minCount: e.minCount,
          ...(e.accept ? { accept: e.accept } : {}),
        })),
      },
    };
  });
}
