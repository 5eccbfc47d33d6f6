/**
 * A field's `defaultValue` must be a value the field accepts: a form pre-fills it, and a default the
 * server would then refuse is a trap for every user. Checked at publish with the same value check
 * the record payloads (and the browser's forms) use.
 */
import type { App, Issue, Locale } from '@stagecraft/schema';
import {
  checkFieldValue,
  FIELD_TYPE_TABLE,
  localizedIssue,
  pointer,
  valueIssueText,
} from '@stagecraft/schema';

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
      if (!FIELD_TYPE_TABLE[field.type].writable) {
        issues.push(localizedIssue('VALIDATION_FAILED', pointer(...at), text.computed, locale));
        return;
      }
      const found = checkFieldValue(field, field.defaultValue);
      if (found)
        issues.push(localizedIssue(found.code, pointer(...at, ...found.path), valueIssueText(found), locale));
    });
  });
  return issues;
}
