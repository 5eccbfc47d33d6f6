import { ruleSites, validateAppForPublish } from '@stagecraft/engine';
import { check, typeCheck } from '@stagecraft/rules';
import type { App, Issue, Locale } from '@stagecraft/schema';
import { getIn, pointerToPath } from '../core/path-edit.js';

/** Where the designer shows an element: which tab, and the ids to select there. */
export interface Target {
  tab:
    | 'form'
    | 'stages'
    | 'rules'
    | 'approvals'
    | 'automations'
    | 'views'
    | 'roles'
    | 'json'
    | 'publish'
    | 'dashboard';
  entity?: string;
  form?: string;
  field?: string;
  item?: string;
  machine?: string;
  stage?: string;
  transition?: string;
  view?: string;
  rule?: string;
}

/** One validation issue with the element it belongs to. */
export interface Problem extends Issue {
  target: Target;
}

/**
 * Every issue publish would raise for the draft, each linked to the element it is about. Publish
 * stops at the first failing stage (a document error hides rule errors); a designer wants all of
 * them at once, so rule problems are added even when the document itself is not valid yet.
 */
export function problemsOf(draft: App, published: App | undefined, locale: Locale): Problem[] {
  let issues: Issue[];
  try {
    const r = validateAppForPublish(draft, published, { locale });
    issues = r.ok ? [] : [...r.issues];
  } catch (e) {
    issues = [{ code: 'VALIDATION_FAILED', path: '', message: e instanceof Error ? e.message : String(e) }];
  }
  const seen = new Set(issues.map((i) => `${i.code} ${i.path}`));
  for (const extra of ruleProblems(draft, locale))
    if (!seen.has(`${extra.code} ${extra.path}`)) {
      seen.add(`${extra.code} ${extra.path}`);
      issues.push(extra);
    }
  return issues.map((issue) => ({ ...issue, target: targetOf(draft, issue.path) }));
}

/** Syntax and type problems of every rule of a draft, even an invalid one (best effort). */
function ruleProblems(draft: App, locale: Locale): Issue[] {
  try {
    return ruleSites(draft).flatMap((site) => {
      const checked = check(site.rule, { path: site.path, locale });
      return checked.ok ? typeCheck(site.rule, site.fields, site.path, locale) : checked.issues;
    });
  } catch {
    return [];
  }
}

const idAt = (app: App, path: (string | number)[]) => {
  const v = getIn(app, path) as { id?: unknown } | undefined;
  return typeof v?.id === 'string' ? v.id : undefined;
};

/** The element a JSON pointer into the app points into, for the problems panel's links. */
export function targetOf(app: App, pointer: string): Target {
  const p = pointerToPath(pointer);
  const [list, i] = p;
  if (typeof i !== 'number') return { tab: 'json' };
  switch (list) {
    case 'entities': {
      const entity = idAt(app, ['entities', i]);
      const field =
        p[2] === 'fields' && typeof p[3] === 'number'
          ? idAt(app, ['entities', i, 'fields', p[3]])
          : undefined;
      const form = app.forms.find((f) => f.entity === entity)?.id;
      return {
        tab: 'form',
        ...(entity ? { entity } : {}),
        ...(field ? { field } : {}),
        ...(form ? { form } : {}),
      };
    }
    case 'forms': {
      const form = app.forms[i];
      const item =
        p[2] === 'sections' && typeof p[3] === 'number' && p[4] === 'items' && typeof p[5] === 'number'
          ? form?.sections[p[3]]?.items[p[5]]
          : undefined;
      return {
        tab: 'form',
        ...(form ? { form: form.id, entity: form.entity } : {}),
        ...(item ? { item: item.id, field: item.field } : {}),
      };
    }
    case 'stageMachines': {
      const m = app.stageMachines[i];
      const stage = p[2] === 'stages' && typeof p[3] === 'number' ? m?.stages[p[3]]?.id : undefined;
      const transition =
        p[2] === 'transitions' && typeof p[3] === 'number' ? m?.transitions[p[3]]?.id : undefined;
      return {
        tab: 'stages',
        ...(m ? { machine: m.id, entity: m.entity } : {}),
        ...(stage ? { stage } : {}),
        ...(transition ? { transition } : {}),
      };
    }
    case 'views': {
      const v = app.views[i];
      return { tab: 'views', ...(v ? { view: v.id, entity: v.entity } : {}) };
    }
    case 'validationRules': {
      const r = app.validationRules[i];
      return { tab: 'rules', ...(r ? { rule: r.id, entity: r.entity } : {}) };
    }
    case 'automations': {
      const a = app.automations[i];
      return { tab: 'automations', ...(a ? { entity: a.entity } : {}) };
    }
    default:
      return { tab: 'json' };
  }
}
