import type { Locale, ValidationRule } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import type { RuleRuntime } from '../rules/rule-runtime.js';

/**
 * Runs the entity's validation rules in the browser with the same rule language as the server, so
 * a broken rule shows at its field before the round trip. The server runs them again on save.
 */
export function checkRules(
  rules: ValidationRule[],
  runtime: RuleRuntime,
  data: Record<string, unknown>,
  mode: 'create' | 'update',
  locale: Locale,
): { field: string | undefined; message: string }[] {
  const out: { field: string | undefined; message: string }[] = [];
  for (const r of rules) {
    if (r.on && !r.on.includes(mode)) continue;
    try {
      if (r.appliesWhen !== undefined && !runtime.compile(r.appliesWhen)(data)) continue;
      if (runtime.compile(r.assert)(data)) continue;
    } catch {
      continue; // the server is the judge of rules the browser subset cannot run
    }
    out.push({ field: r.field, message: localize(r.message, locale) });
  }
  return out;
}
