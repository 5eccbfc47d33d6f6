/** The default rule port: evaluation and explanations from @stagecraft/rules. */
import { apply, buildRuleContext, explain, type RuleContext } from '@stagecraft/rules';
import type { RuleEnv, RulePort } from './rule-port.js';

/** Truthiness as JSON Logic defines it (empty arrays are false). */
function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** A guard's rule context, built as record validation and the browser's forms build theirs. */
function contextOf(env: RuleEnv): RuleContext {
  return buildRuleContext({ now: env.now, timeZone: env.timeZone, user: env.user, locale: env.locale });
}

export const defaultRulePort: RulePort = {
  holds(rule, data, env) {
    try {
      return truthy(apply(rule, data, contextOf(env)));
    } catch {
      // A rule that cannot run (refused at publish, or over budget) never lets a transition through.
      return false;
    }
  },
  value(rule, data, env) {
    return apply(rule, data, contextOf(env));
  },
  explain(rule, data, env) {
    try {
      const result = explain(rule, data, contextOf(env), { locale: env.locale, labels: env.labels });
      const text = result.failed
        .map((f) => f.text)
        .filter(Boolean)
        .join('; ');
      return text || undefined;
    } catch {
      return undefined;
    }
  },
};
