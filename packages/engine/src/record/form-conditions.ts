/**
 * Required-when conditions of the entity's forms, enforced again on the server: the renderer shows
 * them live, but a write that skips the form (API, import, a stale page) must not skip them. A field
 * is required when, in some form, its item's `requiredWhen` holds and the item is visible (its own
 * and its section's `visibleWhen` hold or are absent); hidden fields are never required.
 */
import { type CompiledRule, compile, type RuleContext } from '@stagecraft/rules';
import type { App, Entity, Issue, Locale } from '@stagecraft/schema';
import { isEmptyValue as isEmpty, localizedIssue, pointer } from '@stagecraft/schema';
import { text } from './field-checks.js';

/** One form item's condition: all of `when` must hold for `field` to be required. */
export interface ConditionalRequirement {
  field: string;
  form: string;
  when: CompiledRule[];
}

/** Wraps a rule so the compiled function returns JSON Logic truthiness (`[]` is false) as a boolean. */
export const truthy = (rule: unknown): CompiledRule => compile({ '!!': [rule] });

/** Compiles the required-when conditions of every form of the entity. */
export function compileFormRequirements(app: App, entity: Entity): ConditionalRequirement[] {
  const out: ConditionalRequirement[] = [];
  for (const form of app.forms) {
    if (form.entity !== entity.id) continue;
    for (const section of form.sections) {
      for (const item of section.items) {
        if (item.requiredWhen === undefined) continue;
        const conditions = [section.visibleWhen, item.visibleWhen, item.requiredWhen].filter(
          (r) => r !== undefined,
        );
        out.push({ field: item.field, form: form.id, when: conditions.map(truthy) });
      }
    }
  }
  return out;
}

/** FIELD_REQUIRED for each conditionally required field that is empty in the record to be stored. */
export function formRequirementIssues(
  requirements: readonly ConditionalRequirement[],
  record: Record<string, unknown>,
  context: RuleContext,
  locale: Locale,
): Issue[] {
  const reported = new Set<string>();
  const issues: Issue[] = [];
  for (const r of requirements) {
    if (reported.has(r.field) || !isEmpty(record[r.field])) continue;
    if (!r.when.every((holds) => holds(record, context))) continue;
    reported.add(r.field);
    issues.push(localizedIssue('FIELD_REQUIRED', pointer(r.field), text.required, locale, { form: r.form }));
  }
  return issues;
}
