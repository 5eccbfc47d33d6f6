/**
 * The one HTTP error envelope: `{ error: { code, message, details: [{ path, message, code }] } }`.
 * Messages are in the caller's language: an issue's own `messages` when it has them, else the
 * registry text of its code (ERROR_CODES), unless it carries a single-language text of its own.
 */
import { ERROR_CODES, type ErrorCode, type Issue, type Locale } from '@stagecraft/schema';
import { statusOf } from '../http-status.js';

/** One entry of `details`. */
export interface ErrorDetail {
  path: string;
  message: string;
  code: string;
  details?: unknown;
}

/** The JSON body of every error response. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details: ErrorDetail[] };
}

function registryMessage(code: string, locale: Locale): string {
  const entry = (ERROR_CODES as Record<string, { en: string; 'zh-CN': string }>)[code];
  return entry ? entry[locale] : ERROR_CODES.INTERNAL_ERROR[locale];
}

/** The issue's message in the locale: its own pair first, else the registry text in that language. */
export function localizeIssue(item: Issue, locale: Locale): string {
  if (item.messages) return item.messages[locale];
  const entry = (ERROR_CODES as Record<string, { en: string; 'zh-CN': string }>)[item.code];
  if (!entry) return item.message;
  if (!item.message || item.message === entry.en || item.message === entry['zh-CN']) return entry[locale];
  return item.message;
}

/**
 * The envelope and status for a list of issues. The top code is the issues' common code, or
 * VALIDATION_FAILED when they differ; the status follows the top code unless the route forces one.
 */
export function envelopeFor(
  issues: Issue[],
  locale: Locale,
  forcedStatus?: number,
): { status: number; body: ErrorEnvelope } {
  const codes = new Set(issues.map((i) => i.code));
  const first = issues[0];
  const top: ErrorCode = codes.size === 1 && first ? first.code : 'VALIDATION_FAILED';
  const status = forcedStatus ?? Math.max(...issues.map((i) => statusOf(i.code)), statusOf(top));
  const details = issues.map((i) => {
    const d: ErrorDetail = { path: i.path, message: localizeIssue(i, locale), code: i.code };
    if (i.details !== undefined) d.details = i.details;
    return d;
  });
  const message = issues.length === 1 && first ? localizeIssue(first, locale) : registryMessage(top, locale);
  return { status, body: { error: { code: top, message, details } } };
}

/** The envelope for one code with no specific path (routing and protocol errors). */
export function envelopeForCode(
  code: ErrorCode,
  locale: Locale,
  path = '',
): { status: number; body: ErrorEnvelope } {
  const message = registryMessage(code, locale);
  return { status: statusOf(code), body: { error: { code, message, details: [{ path, message, code }] } } };
}
