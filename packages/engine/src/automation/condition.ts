import { apply, buildRuleContext, RuleError } from '@stagecraft/rules';
import type { AutomationContext, AutomationRecord } from './types.js';

/** Evaluates a rule over the record, its previous version and the context (clock, zone). */
export function evaluateRule(
  rule: unknown,
  record: AutomationRecord,
  previous: AutomationRecord | null,
  context: AutomationContext,
): unknown {
  return apply(
    rule,
    record,
    buildRuleContext({
      now: context.now,
      timeZone: context.timeZone,
      user: null,
      previous,
      ...(context.locale ? { locale: context.locale } : {}),
    }),
  );
}

/**
 * Whether an automation's condition holds; an absent condition holds. A rule that cannot be
 * evaluated is reported as an error instead of silently passing.
 */
export function conditionHolds(
  rule: unknown,
  record: AutomationRecord,
  previous: AutomationRecord | null,
  context: AutomationContext,
): { ok: true; value: boolean } | { ok: false; error: string } {
  if (rule === undefined || rule === null) return { ok: true, value: true };
  try {
    return { ok: true, value: Boolean(evaluateRule(rule, record, previous, context)) };
  } catch (error) {
    const message =
      error instanceof RuleError
        ? error.issues.map((i) => i.message).join('; ')
        : error instanceof Error
          ? error.message
          : String(error);
    return { ok: false, error: message };
  }
}

/** Evaluates each value rule of an action (`update_fields`, `create_task`) against the record. */
export function evaluateValues(
  values: Record<string, unknown> | undefined,
  record: AutomationRecord,
  context: AutomationContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(values ?? {}))
    out[field] = evaluateRule(rule, record, null, context);
  return out;
}
