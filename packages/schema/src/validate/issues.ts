import type { z } from 'zod';
import type { Locale } from '../common.js';
import { type Bilingual, type ErrorCode, type Issue, issue, localizedIssue } from '../errors.js';
import { MODEL_MESSAGES } from '../model-messages.js';

export type { Bilingual };

/** Escapes one JSON-pointer segment (RFC 6901). */
function escapeSegment(segment: PropertyKey): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON pointer (`/entities/0/fields/3/type`) from path segments; `[]` is the whole document. */
export function pointer(...segments: PropertyKey[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/** Gathers issues of one validation run, writing messages in the caller's locale. */
export class IssueCollector {
  readonly issues: Issue[] = [];
  constructor(readonly locale: Locale = 'en') {}

  add(code: ErrorCode, path: string, message: Bilingual, details?: unknown): void {
    this.issues.push(localizedIssue(code, path, message, this.locale, details));
  }
}

/**
 * Turns zod issues into ours: the path becomes a JSON pointer, unrecognized keys are reported at
 * the key itself, and an unknown discriminator (`type: "bogus"`) at the discriminator's path.
 * zod's own messages are in the locale it parsed with; the models' custom messages (written in
 * English) and unknown keys get both languages.
 */
export function fromZodIssues(
  zodIssues: readonly z.core.$ZodIssue[],
  base: PropertyKey[] = [],
  locale: Locale = 'en',
): Issue[] {
  const out: Issue[] = [];
  for (const zi of zodIssues) {
    const path = [...base, ...zi.path];
    if (zi.code === 'unrecognized_keys') {
      for (const key of zi.keys) {
        const message = { en: `Unrecognized key "${key}"`, 'zh-CN': `无法识别的键「${key}」` };
        out.push(localizedIssue('VALIDATION_FAILED', pointer(...path, key), message, locale));
      }
      continue;
    }
    const custom = MODEL_MESSAGES.get(zi.message);
    out.push(
      custom
        ? localizedIssue('VALIDATION_FAILED', pointer(...path), custom, locale)
        : issue('VALIDATION_FAILED', pointer(...path), zi.message),
    );
  }
  return out;
}
