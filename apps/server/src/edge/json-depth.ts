/**
 * The nesting depth of JSON text, measured by one iterative scan before anything recursive
 * (`JSON.parse`, zod, the rule compiler) sees it: 1,000 levels used to overflow the stack in
 * validation. Only brackets, strings and commas are looked at; whether the text is valid JSON is
 * `JSON.parse`'s job afterwards.
 */

/**
 * Deepest JSON accepted anywhere (bodies and JSON in query strings): 128 nested arrays or objects.
 * A rule at the rule limit (32 operators, two JSON levels each) inside an app document fits, and
 * validation stays far from the stack limit (about 1,000 levels overflowed it).
 */
export const MAX_JSON_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/** A JSON pointer segment (`~` and `/` escaped). */
export function pointerSegment(segment: string): string {
  return `/${segment.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** The key a quoted JSON string stands for (its raw text if it is broken: the parse fails later). */
function decodeKey(quoted: string): string {
  try {
    return String(JSON.parse(quoted));
  } catch {
    return quoted.slice(1, -1);
  }
}

/** Whether the text nests deeper than `maxDepth` (one scan, no pointer kept: the common case). */
function nestsDeeper(text: string, maxDepth: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === BACKSLASH) j += 2;
        else if (d === QUOTE) break;
        else j++;
      }
      i = j;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth >= maxDepth) return true;
      depth++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth > 0) depth--;
    }
  }
  return false;
}

/**
 * The JSON pointer of the first array or object nested deeper than `maxDepth`, or null when the
 * text stays within it. `{}` is depth 1, `{"a":[1]}` depth 2. The pointer is tracked only in a
 * second scan, once the first has found the text too deep.
 */
export function tooDeepAt(text: string, maxDepth = MAX_JSON_DEPTH): string | null {
  if (!nestsDeeper(text, maxDepth)) return null;
  // One entry per open container: whether it is an array, its current element index, and the
  // pointer segment of the element being read now.
  const arrays: boolean[] = [];
  const indices: number[] = [];
  const segments: string[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === BACKSLASH) j += 2;
        else if (d === QUOTE) break;
        else j++;
      }
      if (expectKey && arrays.length > 0 && arrays[arrays.length - 1] === false) {
        segments[segments.length - 1] = pointerSegment(decodeKey(text.slice(i, j + 1)));
        expectKey = false;
      }
      i = j;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (arrays.length >= maxDepth) return segments.join('');
      const array = c === OPEN_ARRAY;
      arrays.push(array);
      indices.push(0);
      segments.push(array ? '/0' : '');
      expectKey = !array;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      arrays.pop();
      indices.pop();
      segments.pop();
      expectKey = false;
    } else if (c === COMMA && arrays.length > 0) {
      const top = arrays.length - 1;
      if (arrays[top]) {
        const next = (indices[top] ?? 0) + 1;
        indices[top] = next;
        segments[top] = `/${next}`;
      } else expectKey = true;
    }
  }
  return null;
}
