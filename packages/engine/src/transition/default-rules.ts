/** The default rule port: evaluation and explanations from @stagecraft/rules. */
import { apply, explain } from '@stagecraft/rules';
import type { RulePort } from './rule-port.js';

/** Truthiness as JSON Logic defines it (empty arrays are false). */
function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

export const defaultRulePort: RulePort = {
  holds(rule, data, env) {
    try {
      return truthy(apply(rule, data, { now: env.now, user: env.user, locale: env.locale }));
    } catch {
      // A rule that cannot run (refused at publish, or over budget) never lets a transition through.
      return false;
    }
  },
  value(rule, data, env) {
    return apply(rule, data, { now: env.now, user: env.user, locale: env.locale });
  },
  explain(rule, data, env) {
    try {
      const result = explain(
        rule,
        data,
        { now: env.now, user: env.user, locale: env.locale },
        { locale: env.locale, labels: env.labels },
      );
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
