/**
 * A form item's `widget` must name an input that exists and can edit the item's field. The built-in
 * widgets and the field types they edit are data in the schema (FORM_WIDGETS), so this check needs
 * no renderer; a host that registers its own widgets declares them here the same way.
 */
import type { App, Issue, Locale } from '@stagecraft/schema';
import { FORM_WIDGETS, localizedIssue, pointer } from '@stagecraft/schema';

/** Widget name → the field types it edits. */
export type WidgetCatalogue = Readonly<Record<string, readonly string[]>>;

/** Issues for widgets no one registers, or that cannot edit their item's field. */
export function widgetIssues(app: App, extra: WidgetCatalogue = {}, locale: Locale = 'en'): Issue[] {
  const catalogue: WidgetCatalogue = { ...FORM_WIDGETS, ...extra };
  const issues: Issue[] = [];
  app.forms.forEach((form, i) => {
    const fields = new Map(app.entities.find((e) => e.id === form.entity)?.fields.map((f) => [f.id, f]));
    form.sections.forEach((section, s) => {
      section.items.forEach((item, k) => {
        if (item.widget === undefined) return;
        const at = pointer('forms', i, 'sections', s, 'items', k, 'widget');
        const types = Object.hasOwn(catalogue, item.widget) ? catalogue[item.widget] : undefined;
        if (!types) {
          const known = Object.keys(catalogue).join(', ');
          issues.push(
            localizedIssue(
              'REFERENCE_UNKNOWN',
              at,
              {
                en: `Unknown widget "${item.widget}" (known: ${known}).`,
                'zh-CN': `控件「${item.widget}」不存在（可用：${known}）。`,
              },
              locale,
              { widget: item.widget },
            ),
          );
          return;
        }
        const field = fields.get(item.field);
        if (field && !types.includes(field.type))
          issues.push(
            localizedIssue(
              'VALIDATION_FAILED',
              at,
              {
                en: `Widget "${item.widget}" cannot edit a ${field.type} field; it edits ${types.join(', ')}.`,
                'zh-CN': `控件「${item.widget}」不能编辑 ${field.type} 类型的字段，只能编辑 ${types.join('、')}。`,
              },
              locale,
              { widget: item.widget, fieldType: field.type },
            ),
          );
      });
    });
  });
  return issues;
}
