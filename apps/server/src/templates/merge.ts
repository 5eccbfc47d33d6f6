/**
 * Three-way merge of app documents for template upgrades: the template as installed (base), the
 * template's new version (theirs) and the user's current draft (ours). Elements are matched by
 * their stable `id`, never by position, so renamed labels, reordered fields and elements the user
 * added all survive. Where both sides changed the same thing differently, the user's value is kept
 * and the spot is reported as a conflict: nothing the user did is overwritten.
 */

/** A spot where the user and the new template version disagree; the user's value was kept. */
export interface MergeConflict {
  /** Readable path; array elements are addressed by id: `/entities/[lead]/fields/[score]/label/en`. */
  path: string;
  reason: 'both_changed' | 'user_deleted_template_changed' | 'user_changed_template_deleted';
  base: unknown;
  template: unknown;
  current: unknown;
}

export interface MergeResult<T> {
  value: T;
  conflicts: MergeConflict[];
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (v: Json): v is { id: string }[] =>
  Array.isArray(v) &&
  v.every((e) => isObject(e) && typeof e.id === 'string') &&
  new Set(v.map((e) => (e as { id: string }).id)).size === v.length;

/** Structural equality of JSON values (object key order does not matter). */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
}

function mergeValue(base: Json, theirs: Json, ours: Json, path: string, conflicts: MergeConflict[]): Json {
  if (jsonEqual(theirs, ours)) return ours;
  if (jsonEqual(base, ours)) return theirs;
  if (jsonEqual(base, theirs)) return ours;
  if (isObject(theirs) && isObject(ours) && (base === undefined || isObject(base))) {
    return mergeObjects(isObject(base) ? base : {}, theirs, ours, path, conflicts);
  }
  if (hasIds(theirs) && hasIds(ours) && (base === undefined || hasIds(base))) {
    return mergeById(hasIds(base) ? base : [], theirs, ours, path, conflicts);
  }
  const reason =
    ours === undefined
      ? 'user_deleted_template_changed'
      : theirs === undefined
        ? 'user_changed_template_deleted'
        : 'both_changed';
  conflicts.push({ path: path || '/', reason, base, template: theirs, current: ours });
  return ours;
}

function mergeObjects(
  base: Record<string, Json>,
  theirs: Record<string, Json>,
  ours: Record<string, Json>,
  path: string,
  conflicts: MergeConflict[],
): Json {
  const out: Record<string, Json> = {};
  // Keep the user's key order, then keys only the new template has.
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base)])];
  for (const key of keys) {
    const merged = mergeValue(base[key], theirs[key], ours[key], `${path}/${key}`, conflicts);
    if (merged !== undefined) out[key] = merged;
  }
  return out;
}

function mergeById(
  base: { id: string }[],
  theirs: { id: string }[],
  ours: { id: string }[],
  path: string,
  conflicts: MergeConflict[],
): Json {
  const byId = (list: { id: string }[]) => new Map(list.map((e) => [e.id, e]));
  const b = byId(base);
  const t = byId(theirs);
  const o = byId(ours);
  // Order: the user's order; an element new in the template goes after its predecessor there.
  const order = ours.map((e) => e.id);
  theirs.forEach((element, index) => {
    if (o.has(element.id) || b.has(element.id)) return;
    const before = theirs
      .slice(0, index)
      .reverse()
      .find((p) => order.includes(p.id));
    order.splice(before ? order.indexOf(before.id) + 1 : 0, 0, element.id);
  });
  const out: Json[] = [];
  for (const id of order) {
    const merged = mergeValue(b.get(id), t.get(id), o.get(id), `${path}/[${id}]`, conflicts);
    if (merged !== undefined) out.push(merged);
  }
  // Elements removed by the user but changed by the template stay removed; mergeValue reported them.
  for (const id of b.keys()) {
    if (!o.has(id) && t.has(id) && !order.includes(id))
      mergeValue(b.get(id), t.get(id), undefined, `${path}/[${id}]`, conflicts);
  }
  return out;
}

/**
 * Merges the template's new version into the user's current document.
 *
 * @example
 * const { value, conflicts } = mergeThreeWay(templateV1, templateV2, currentDraft);
 */
export function mergeThreeWay<T>(base: T, theirs: T, ours: T): MergeResult<T> {
  const conflicts: MergeConflict[] = [];
  const value = mergeValue(base, theirs, ours, '', conflicts) as T;
  return { value, conflicts };
}
