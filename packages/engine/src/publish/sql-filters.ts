/**
 * Filters that run inside the database (view, widget, goal, forecast and scorecard filters, and
 * forecast factors) must translate to SQL. The store translates them on every load with
 * `ruleToSql`; one that cannot be translated would publish fine and then fail every load with 400,
 * so publish runs the same translation and refuses it at the rule's JSON path. Nothing here touches
 * a database: the translation only builds an expression.
 */
import { ruleToSql } from '@stagecraft/rules';
import type { Issue, Locale } from '@stagecraft/schema';
import type { RuleSite } from './rule-sites.js';

/**
 * The context the parts of a filter that do not read the record are computed with (`today`, the
 * current user). Loads bind the real clock and user; any fixed values show whether a part can be
 * computed and bound at all, which is all publish asks.
 */
const CHECK_CONTEXT = {
  now: '2000-01-01T00:00:00.000Z',
  user: { id: 'publish-check', roles: [], orgUnit: null },
};

/** Issues (RULE_NOT_TRANSLATABLE, RULE_LIMIT_EXCEEDED) of a database filter, at the site's paths. */
export function sqlFilterIssues(site: RuleSite, locale: Locale, timeZone?: string): Issue[] {
  const translated = ruleToSql(site.rule, {
    // Column names do not matter for a translation that is never run; types do.
    column: (field) => {
      const type = Object.hasOwn(site.fields, field) ? site.fields[field] : undefined;
      return type === undefined ? undefined : { column: field, type };
    },
    context: { ...CHECK_CONTEXT, ...(timeZone ? { timeZone } : {}) },
    locale,
  });
  return translated.ok ? [] : translated.issues.map((i) => ({ ...i, path: `${site.path}${i.path}` }));
}
