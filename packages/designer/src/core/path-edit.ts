/** Immutable edits at a path of plain JSON (objects and arrays), sharing every untouched branch. */
export type Path = readonly (string | number)[];

type Json = unknown;

/** The value at a path, or undefined. */
export function getIn(root: Json, path: Path): Json {
  let cur: Json = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Json>)[key];
  }
  return cur;
}

/** A copy of `root` with `fn(old)` at `path`; `undefined` from `fn` deletes an object key. */
export function updateIn<T>(root: T, path: Path, fn: (old: Json) => Json): T {
  if (path.length === 0) return fn(root) as T;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) {
    if (typeof key !== 'number' || key < 0 || key >= root.length) throw new Error(`no index ${String(key)}`);
    const copy = root.slice();
    copy[key] = updateIn(root[key], rest, fn);
    return copy as T;
  }
  const obj = (root ?? {}) as Record<string, Json>;
  const next = updateIn(obj[key], rest, fn);
  const copy = { ...obj };
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy as T;
}

/** A copy with `value` at `path` (undefined removes an object key). */
export function setIn<T>(root: T, path: Path, value: Json): T {
  return updateIn(root, path, () => value);
}

/** A copy of an array with one element moved from `from` to `to`. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = list.slice();
  const [item] = copy.splice(from, 1);
  if (item === undefined) return copy;
  copy.splice(Math.max(0, Math.min(to, copy.length)), 0, item);
  return copy;
}

/** A copy of an array with `item` inserted at `index` (end when absent). */
export function insertItem<T>(list: readonly T[], item: T, index = list.length): T[] {
  const copy = list.slice();
  copy.splice(Math.max(0, Math.min(index, copy.length)), 0, item);
  return copy;
}

/** Turns a JSON pointer (`/forms/0/sections/1`) into a path, numbers for digits. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
