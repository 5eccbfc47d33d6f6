/**
 * A structured diff between two app documents (two published versions, or a version and a draft).
 * Elements are matched by their stable `id`, never by position, so a reordered list is not a change.
 * Every change names the list it belongs to, the element's id and label, and a JSON pointer into the
 * document that holds it (the newer one, or the older one for a removal).
 */
import type { LocalizedText } from '../common.js';

/** The lists of an app a diff walks. `fields` and `stages` are nested in entities and stage machines. */
export const DIFF_LISTS = [
  'entities',
  'fields',
  'forms',
  'stageMachines',
  'stages',
  'validationRules',
  'views',
  'automations',
  'approvals',
  'dashboards',
  'roles',
  'goals',
  'forecasts',
  'scorecards',
] as const;
/** One list a diff walks. */
export type DiffList = (typeof DIFF_LISTS)[number];

/** One element added, removed or changed between two app documents. */
export interface AppChange {
  kind: 'added' | 'removed' | 'changed';
  list: DiffList;
  id: string;
  /** The entity or stage machine a field or stage belongs to. */
  parent?: string;
  /** JSON pointer into the newer document (into the older one for `removed`). */
  path: string;
  label: LocalizedText | null;
  /** For `changed`: the top-level properties that differ (nested lists are reported on their own). */
  keys?: string[];
}

type Doc = Record<string, unknown>;
type Element = { id: string } & Doc;
const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural equality of JSON values; object key order does not matter. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => same(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
}

function elements(value: unknown): Element[] {
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is Element => isObject(e) && typeof e.id === 'string');
}

function labelOf(e: Doc): LocalizedText | null {
  const l = e.label ?? e.name;
  if (typeof l === 'string') return { en: l, 'zh-CN': l } as LocalizedText;
  return isObject(l) ? (l as LocalizedText) : null;
}

/** Compares two lists by id; `nested` names a child list reported on its own (not as a changed key). */
function diffList(
  before: unknown,
  after: unknown,
  list: DiffList,
  path: string,
  out: AppChange[],
  nested?: { key: string; list: DiffList },
  parent?: string,
): void {
  const prev = elements(before);
  const next = elements(after);
  const prevById = new Map(prev.map((e, i) => [e.id, { e, i }]));
  const nextIds = new Set(next.map((e) => e.id));
  const base = parent === undefined ? {} : { parent };
  next.forEach((e, i) => {
    const at = `${path}/${i}`;
    const old = prevById.get(e.id);
    if (!old) {
      out.push({ kind: 'added', list, id: e.id, ...base, path: at, label: labelOf(e) });
      return;
    }
    const keys = [...new Set([...Object.keys(old.e), ...Object.keys(e)])]
      .filter((k) => k !== nested?.key && !same(old.e[k], e[k]))
      .sort();
    if (keys.length > 0)
      out.push({ kind: 'changed', list, id: e.id, ...base, path: at, label: labelOf(e), keys });
    if (nested)
      diffList(old.e[nested.key], e[nested.key], nested.list, `${at}/${nested.key}`, out, undefined, e.id);
  });
  prev.forEach((e, i) => {
    if (!nextIds.has(e.id))
      out.push({ kind: 'removed', list, id: e.id, ...base, path: `${path}/${i}`, label: labelOf(e) });
  });
}

/**
 * Everything that differs from `before` to `after`, list by list. Documents are read as plain JSON,
 * so an old version that predates the current schema can be compared as stored.
 */
export function diffAppDocuments(before: unknown, after: unknown): AppChange[] {
  const a = isObject(before) ? before : {};
  const b = isObject(after) ? after : {};
  const out: AppChange[] = [];
  diffList(a.entities, b.entities, 'entities', '/entities', out, { key: 'fields', list: 'fields' });
  diffList(a.stageMachines, b.stageMachines, 'stageMachines', '/stageMachines', out, {
    key: 'stages',
    list: 'stages',
  });
  for (const list of DIFF_LISTS) {
    if (list === 'entities' || list === 'fields' || list === 'stageMachines' || list === 'stages') continue;
    diffList(a[list], b[list], list, `/${list}`, out);
  }
  const order = new Map(DIFF_LISTS.map((l, i) => [l, i]));
  return out.sort((x, y) => (order.get(x.list) ?? 0) - (order.get(y.list) ?? 0));
}
