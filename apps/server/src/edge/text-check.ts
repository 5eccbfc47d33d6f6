/**
 * Text PostgreSQL cannot store, found before it gets there: a NUL character (text columns and jsonb
 * refuse `\u0000`), a lone UTF-16 surrogate (not encodable as UTF-8), and bytes that are not UTF-8.
 * Every walk is iterative, so a value's depth costs no stack.
 */
import { pointerSegment } from './json-depth.js';

/** Whether a string can be stored as PostgreSQL text: no NUL, no lone surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text, or null when they are not well-formed UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The JSON pointer (under `prefix`) of the first string or key in a value that is not storable
 * text, or null when there is none.
 */
export function badTextAt(value: unknown, prefix = ''): string | null {
  const stack: [unknown, string][] = [[value, prefix]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (!isStorableText(current)) return path;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${path}/${i}`]);
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const at = `${path}${pointerSegment(key)}`;
        if (!isStorableText(key)) return at;
        stack.push([child, at]);
      }
    }
  }
  return null;
}
