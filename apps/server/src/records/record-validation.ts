/**
 * The bridge between the records API and the engine's record validation. `prepareRecordValidator`
 * runs once per published app version (the cache in `published-apps.ts` keeps the result), so the
 * engine's formulas and rules are compiled once per version, not per request.
 */
import { compileRecordValidator } from '@stagecraft/engine';
import type { App, Issue, Locale, Result } from '@stagecraft/schema';
import { issue } from '@stagecraft/schema';
import type { RecordData } from '@stagecraft/store';

/** Who writes and when, for formulas, rule context and messages. */
export interface RecordWriteContext {
  user: { id: string; roles: string[]; orgUnit: string | null };
  now: Date;
  locale: Locale;
  timeZone?: string;
}

/** One record write to check. */
export interface RecordValidationInput {
  entityId: string;
  operation: 'create' | 'update';
  values: Record<string, unknown>;
  previous?: RecordData | null;
  /** System values the stored record will carry beyond the payload (on create: the initial stage). */
  system?: Record<string, unknown>;
  /** A write by the server itself (automation, transition, demo install): may fill read-only fields. */
  trusted?: boolean;
  context: RecordWriteContext;
}

/** Validates record payloads of one published app version. */
export interface PreparedRecordValidator {
  validate(input: RecordValidationInput): Result<Record<string, unknown>>;
}

/**
 * Numbers JSON can carry but no column can hold (1e309 parses to Infinity): refused at their path
 * before anything else looks at the payload.
 */
function nonFiniteIssues(value: unknown, path: string, out: Issue[], depth = 0): Issue[] {
  if (depth > 64 || out.length > 50) return out;
  if (typeof value === 'number' && !Number.isFinite(value))
    out.push(
      issue('VALIDATION_FAILED', path, { en: 'must be a finite number', 'zh-CN': '必须是有限的数字' }),
    );
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) nonFiniteIssues(v, `${path}/${i}`, out, depth + 1);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) nonFiniteIssues(v, `${path}/${k}`, out, depth + 1);
  return out;
}

/** Whether a value holds no non-finite number (the common case, walked without building paths). */
function allFinite(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object' || depth > 64) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!allFinite(value[i], depth + 1)) return false;
    return true;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && !allFinite((value as Record<string, unknown>)[key], depth + 1))
      return false;
  }
  return true;
}

/** Prepares the validator of one published version. */
export function prepareRecordValidator(app: App): PreparedRecordValidator {
  const engine = compileRecordValidator(app);
  return {
    validate(input) {
      if (!allFinite(input.values)) return { ok: false, issues: nonFiniteIssues(input.values, '', []) };
      return engine.validate(input);
    },
  };
}
