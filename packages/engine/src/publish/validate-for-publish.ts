/**
 * Everything publish requires of an app before the store migrates a table: the document is valid
 * (validateApp), every rule is well formed, safe and type-checks against its entity, filters the
 * store runs in SQL (views, widgets, goals, forecasts, scorecards) translate to SQL, default values
 * are values their fields accept, form widgets exist and fit their fields, and no field changes type
 * in a way the store could not convert.
 */
import { check, fieldsRead, typeCheck } from '@stagecraft/rules';
import {
  type App,
  type FieldType,
  type Issue,
  type Locale,
  localizedIssue,
  type Result,
  validateApp,
} from '@stagecraft/schema';
import { defaultValueIssues } from './default-values.js';
import { ruleSites } from './rule-sites.js';
import { sqlFilterIssues } from './sql-filters.js';
import { typeChangeIssues } from './type-change.js';
import { type WidgetCatalogue, widgetIssues } from './widget-issues.js';

/** Options of `validateAppForPublish`. */
export interface PublishOptions {
  locale?: Locale;
  /**
   * Widgets the host registers in its renderer besides the built-in FORM_WIDGETS, with the field
   * types each edits; a form item naming any other widget is refused.
   */
  widgets?: WidgetCatalogue;
}

/** Issues of one rule: syntax, operators, limits and hostile input, then types and unknown fields. */
function ruleIssues(rule: unknown, path: string, fields: Record<string, FieldType>, locale: Locale): Issue[] {
  const compiled = check(rule, { path, locale });
  if (!compiled.ok) return compiled.issues;
  const typed = typeCheck(rule, fields, path, locale);
  if (typed.length > 0) return typed;
  return fieldsRead(rule)
    .filter((f) => f !== '*' && !Object.hasOwn(fields, f))
    .map((f) =>
      localizedIssue(
        'UNKNOWN_FIELD',
        path,
        { en: `The rule reads the unknown field "${f}".`, 'zh-CN': `规则读取了不存在的字段「${f}」。` },
        locale,
        { field: f },
      ),
    );
}

/**
 * Validates an app for publishing. `previous` is the currently published version, if any: field
 * type changes against it must be convertible (see CONVERTIBLE_TYPE_CHANGES).
 */
export function validateAppForPublish(
  input: unknown,
  previous?: App,
  options: PublishOptions = {},
): Result<App> {
  const locale = options.locale ?? 'en';
  const validated = validateApp(input, { locale });
  if (!validated.ok) return validated;
  const app = validated.value;
  const issues: Issue[] = [];
  for (const site of ruleSites(app)) {
    const found = ruleIssues(site.rule, site.path, site.fields, locale);
    // A well-typed database filter must also translate, or every load would fail after publish.
    if (found.length === 0 && site.sql) found.push(...sqlFilterIssues(site, locale, app.settings?.timeZone));
    issues.push(...found);
  }
  issues.push(...defaultValueIssues(app, locale));
  issues.push(...widgetIssues(app, options.widgets, locale));
  if (previous) issues.push(...typeChangeIssues(app, previous, locale));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: app };
}
