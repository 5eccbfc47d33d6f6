/**
 * The pure transition step (xstate-style): machine + record + request + context → the next record
 * state and its history entry, or every unmet condition with an explanation. It runs nothing: the
 * server applies the result in one transaction, whose audit row is the `stage_changed` event that
 * automations listen to.
 */
import { type Issue, issue, localize, type StageMachine, type Transition } from '@stagecraft/schema';
import { checkCriteria, checkEvidence, checkFields, checkRole, ruleEnv } from './checks.js';
import { defaultRulePort } from './default-rules.js';
import { currentStageId, findStage, transitionsFrom } from './match.js';
import { message, orList } from './messages.js';
import type { RulePort } from './rule-port.js';
import type { StageRecord, StepResult, TransitionContext, TransitionRequest } from './types.js';

/** Milliseconds since an ISO time, or null when there is no valid time. */
export function elapsedMs(since: string | null | undefined, now: Date): number | null {
  if (!since) return null;
  const t = Date.parse(since);
  return Number.isNaN(t) ? null : Math.max(0, now.getTime() - t);
}

/** The context's clock value as a Date (it may come as a Date or an ISO string). */
export function toDate(now: string | Date): Date {
  const d = now instanceof Date ? now : new Date(now);
  if (Number.isNaN(d.getTime())) throw new TypeError(`invalid clock value: ${String(now)}`);
  return d;
}

function stageName(machine: StageMachine, id: string, ctx: TransitionContext): string {
  return localize(findStage(machine, id)?.label, ctx.locale) || id;
}

/** Why `to` cannot be reached from the current stage at all: unknown, same, or not declared (a skip). */
function routeIssue(
  machine: StageMachine,
  from: string,
  request: TransitionRequest,
  ctx: TransitionContext,
): Issue {
  const to = request.to;
  if (!findStage(machine, to))
    return issue('TRANSITION_NOT_FOUND', '/to', message('unknownStage', ctx.locale, { to }), {
      kind: 'route',
      from,
      to,
    });
  if (to === from)
    return issue(
      'TRANSITION_NOT_FOUND',
      '/to',
      message('sameStage', ctx.locale, { to: stageName(machine, to, ctx) }),
      { kind: 'route', from, to },
    );
  const out = transitionsFrom(machine, from);
  const fromName = stageName(machine, from, ctx);
  if (request.transitionId && out.some((t) => t.to === to)) {
    const text = message('unknownTransition', ctx.locale, {
      id: request.transitionId,
      from: fromName,
      to: stageName(machine, to, ctx),
    });
    return issue('TRANSITION_NOT_FOUND', '/transitionId', text, { kind: 'route', from, to });
  }
  const targets = [...new Set(out.map((t) => t.to))];
  const text =
    targets.length === 0
      ? message('deadEnd', ctx.locale, { from: fromName })
      : message('skip', ctx.locale, {
          from: fromName,
          targets: orList(
            targets.map((t) => stageName(machine, t, ctx)),
            ctx.locale,
          ),
        });
  return issue('TRANSITION_NOT_FOUND', '/to', text, {
    kind: 'skip',
    from,
    to,
    available: out.map((t) => ({ transition: t.id, to: t.to })),
  });
}

/**
 * The values of a transition's `setFields`, each a rule over the record with the transition's
 * fields applied, on the context's clock; a rule that cannot be evaluated is an issue at its field.
 */
function serverValues(
  transition: Transition,
  data: Record<string, unknown>,
  ctx: TransitionContext,
  rules: RulePort,
): { values: Record<string, unknown>; issues: Issue[] } {
  const values: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const [field, rule] of Object.entries(transition.setFields ?? {})) {
    try {
      values[field] = rules.value(rule, data, ruleEnv(ctx));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      issues.push(
        issue(
          'RULE_FAILED',
          `/record/${field}`,
          { en: reason, 'zh-CN': reason },
          { kind: 'setField', field },
        ),
      );
    }
  }
  return { values, issues };
}

/** Every unmet condition of one transition, in the order a user would fix them. */
export function transitionIssues(
  transition: Transition,
  record: StageRecord,
  request: TransitionRequest,
  ctx: TransitionContext,
  rules: RulePort,
): {
  issues: Issue[];
  after: Record<string, unknown>;
  evidence: Record<string, string[]>;
  /** What the move writes besides the stage: the user's transition fields and the server's `setFields`. */
  values: Record<string, unknown>;
} {
  const given = request.fields ?? {};
  const declared = new Set((transition.fields ?? []).map((f) => f.field));
  const applied = Object.fromEntries(Object.entries(given).filter(([k]) => declared.has(k)));
  const set = serverValues(transition, { ...record, ...applied }, ctx, rules);
  const values = { ...applied, ...set.values };
  const after: Record<string, unknown> = { ...record, ...values };
  const evidence = checkEvidence(transition, request.evidence ?? {}, ctx);
  const issues = [
    ...checkRole(transition, ctx),
    ...checkCriteria('entryCriterion', transition.entryCriteria, record, ctx, rules, (f) =>
      f ? `/record/${f}` : '/record',
    ),
    ...checkFields(transition, given, after, ctx, rules),
    ...evidence.issues,
    ...set.issues,
    ...checkCriteria('exitCriterion', transition.exitCriteria, after, ctx, rules, (f) =>
      f ? (declared.has(f) ? `/fields/${f}` : `/record/${f}`) : '/record',
    ),
  ];
  return { issues, after, evidence: evidence.accepted, values };
}

/**
 * Runs one transition request against a record. On success the returned record has the new stage,
 * `stageEnteredAt = now`, the transition's field values and the values of its `setFields`;
 * `changes` holds just those keys.
 */
export function stepTransition(
  machine: StageMachine,
  record: StageRecord,
  request: TransitionRequest,
  ctx: TransitionContext,
): StepResult {
  const rules = ctx.rules ?? defaultRulePort;
  const from = currentStageId(machine, record.stage);
  const candidates = transitionsFrom(machine, from).filter(
    (t) => t.to === request.to && (request.transitionId === undefined || t.id === request.transitionId),
  );
  if (candidates.length === 0) return { ok: false, issues: [routeIssue(machine, from, request, ctx)] };

  let best: { transition: Transition; result: ReturnType<typeof transitionIssues> } | undefined;
  for (const transition of candidates) {
    const result = transitionIssues(transition, record, request, ctx, rules);
    if (!best || result.issues.length < best.result.issues.length) best = { transition, result };
    if (result.issues.length === 0) break;
  }
  if (!best) return { ok: false, issues: [routeIssue(machine, from, request, ctx)] };
  if (best.result.issues.length > 0) return { ok: false, issues: best.result.issues };

  const { transition, result } = best;
  const now = toDate(ctx.now);
  const at = now.toISOString();
  const changes: Record<string, unknown> = { ...result.values, stage: transition.to, stageEnteredAt: at };
  return {
    ok: true,
    record: { ...record, ...changes, stage: transition.to, stageEnteredAt: at },
    changes,
    transition,
    history: {
      from,
      to: transition.to,
      transitionId: transition.id,
      actor: ctx.user.id,
      at,
      // A record that never moved has been in the initial stage since it was created.
      dwellMs: elapsedMs(
        record.stageEnteredAt ?? (record.stage == null ? (record.createdAt as string | undefined) : null),
        now,
      ),
    },
    evidence: Object.fromEntries(Object.entries(result.evidence).filter(([, ids]) => ids.length > 0)),
  };
}
