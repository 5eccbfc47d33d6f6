/**
 * Text PostgreSQL cannot store, found before it gets there: a NUL character (text columns and jsonb
 * refuse `\u0000`), a lone UTF-16 surrogate (not encodable as UTF-8), and bytes that are not UTF-8.
 * Every walk is iterative, so a value's depth costs no stack.
 */
import { pointerSegment } from './json-depth.js';

/** `String.prototype.isWellFormed` (ES2024, in Node 20): false when a lone surrogate is present. */
const isWellFormed = (String.prototype as unknown as { isWellFormed: (this: string) => boolean })
  .isWellFormed;

/** Whether a string can be stored as PostgreSQL text: no NUL, no lone surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && isWellFormed.call(value);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text, or null when they are not well-formed UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Whether every string and key in a value is storable text (the common case: no paths built). */
function allStorable(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'string') {
      if (!isStorableText(current)) return false;
    } else if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) stack.push(current[i]);
    } else if (current !== null && typeof current === 'object') {
      for (const key in current) {
        if (!Object.hasOwn(current, key)) continue;
        if (!isStorableText(key)) return false;
        stack.push((current as Record<string, unknown>)[key]);
      }
    }
  }
  return true;
}

/**
 * The JSON pointer (under `prefix`) of the first string or key in a value that is not storable
 * text, or null when there is none. Pointers are built only once a bad one is known to exist.
 */
export function badTextAt(value: unknown, prefix = ''): string | null {
  if (allStorable(value)) return null;
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
