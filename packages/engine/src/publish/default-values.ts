/**
 * A field's `defaultValue` must be a value the field accepts: a form pre-fills it, and a default the
 * server would then refuse is a trap for every user. Checked at publish with the same JSON Schema
 * the record payloads use.
 */
import type { App, Issue, Locale } from '@stagecraft/schema';
import { localizedIssue, pointer } from '@stagecraft/schema';
import { ajv, ajvIssues } from '../record/ajv-issues.js';
import { fieldValueSchema } from '../record/payload-schema.js';

const text = {
  computed: { en: 'A computed field has no default value.', 'zh-CN': '计算字段不能设置默认值。' },
} as const;

/** Issues for default values a field would refuse, at `/entities/i/fields/j/defaultValue…`. */
export function defaultValueIssues(app: App, locale: Locale = 'en'): Issue[] {
  const issues: Issue[] = [];
  app.entities.forEach((entity, i) => {
    entity.fields.forEach((field, j) => {
      if (field.defaultValue === undefined || field.defaultValue === null) return;
      const at = ['entities', i, 'fields', j, 'defaultValue'] as const;
      const schema = fieldValueSchema(field);
      if (!schema) {
        issues.push(localizedIssue('VALIDATION_FAILED', pointer(...at), text.computed, locale));
        return;
      }
      const validate = ajv.compile(schema);
      if (validate(field.defaultValue)) return;
      for (const found of ajvIssues(validate.errors ?? [], locale))
        issues.push({ ...found, path: `${pointer(...at)}${found.path}` });
    });
  });
  return issues;
}
