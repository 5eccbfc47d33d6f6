/**
 * A guard before the field checks look at a payload: numbers must be finite (a JS number may be
 * Infinity or NaN, and `1e309` parses to Infinity), and values nest only as deep as a
 * record can (record → subtable → row → files → file → size). One iterative walk, bounded.
 */
import { type Issue, type Locale, localizedIssue, pointer } from '@stagecraft/schema';

/** Deepest nesting a valid payload has; anything deeper is refused before the field checks look at it. */
export const MAX_PAYLOAD_DEPTH = 6;

const text = {
  finite: { en: 'Must be a finite number.', 'zh-CN': '必须是有限的数字。' },
  deep: { en: 'Nested too deeply for a record value.', 'zh-CN': '嵌套层级过深。' },
} as const;

/** Issues for non-finite numbers and over-deep nesting, at their paths (at most 50). */
export function payloadWalkIssues(values: Record<string, unknown>, locale: Locale): Issue[] {
  const issues: Issue[] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: values, path: [] }];
  while (stack.length > 0 && issues.length < 50) {
    const { value, path } = stack.pop() as { value: unknown; path: PropertyKey[] };
    if (typeof value === 'number' && !Number.isFinite(value))
      issues.push(localizedIssue('VALIDATION_FAILED', pointer(...path), text.finite, locale));
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_PAYLOAD_DEPTH) {
      issues.push(localizedIssue('VALIDATION_FAILED', pointer(...path), text.deep, locale));
      continue;
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return issues;
}
