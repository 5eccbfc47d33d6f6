/**
 * The type-change pre-check of publish: refuses, against the published version, the field type
 * changes the store could not convert (the table is `CONVERTIBLE_TYPE_CHANGES` in the schema).
 */
import type { App, Issue, Locale } from '@stagecraft/schema';
import { isConvertible, localizedIssue, pointer } from '@stagecraft/schema';

/** Issues for every field of `next` whose type changed from `previous` in a way the store cannot convert. */
export function typeChangeIssues(next: App, previous: App, locale: Locale = 'en'): Issue[] {
  const issues: Issue[] = [];
  const before = new Map(previous.entities.map((e) => [e.id, new Map(e.fields.map((f) => [f.id, f]))]));
  next.entities.forEach((entity, i) => {
    const old = before.get(entity.id);
    entity.fields.forEach((field, j) => {
      const was = old?.get(field.id);
      if (!was || isConvertible(was, field)) return;
      const what =
        was.type === field.type
          ? `${was.type} (${field.type === 'reference' ? 'target entity' : 'result type'})`
          : `${was.type} → ${field.type}`;
      const message = {
        en: `Field "${field.id}" cannot change ${what} without risking its data; add a new field instead.`,
        'zh-CN': `字段「${field.id}」不能变更 ${what}，否则可能丢失数据；请改为新增字段。`,
      };
      issues.push(
        localizedIssue('UNSAFE_TYPE_CHANGE', pointer('entities', i, 'fields', j, 'type'), message, locale, {
          from: was.type,
          to: field.type,
        }),
      );
    });
  });
  return issues;
}
