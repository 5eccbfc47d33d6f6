import { type RuleContext, truthy } from '@stagecraft/rules';
import type { Locale, ValidationRule } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import type { RuleRuntime } from '../rules/rule-runtime.js';

/**
 * Runs the entity's validation rules in the browser with the same rule language and the same rule
 * context as the server (`formRuleContext`: the server's clock, the app's zone, the user), so a
 * broken rule shows at its field before the round trip. The server runs them again on save.
 */
export function checkRules(
  rules: ValidationRule[],
  runtime: RuleRuntime,
  data: Record<string, unknown>,
  mode: 'create' | 'update',
  locale: Locale,
  context: RuleContext,
): { field: string | undefined; message: string }[] {
  const out: { field: string | undefined; message: string }[] = [];
  for (const r of rules) {
    if (r.on && !r.on.includes(mode)) continue;
    try {
      if (r.appliesWhen !== undefined && !truthy(runtime.compile(r.appliesWhen)(data, context))) continue;
      if (truthy(runtime.compile(r.assert)(data, context))) continue;
    } catch {
      continue; // the server is the judge of rules the browser subset cannot run
    }
    out.push({ field: r.field, message: localize(r.message, locale) });
  }
  return out;
}
