import type { Locale } from '../common.js';
import { CURRENT_SCHEMA_VERSION } from '../documents/app.js';
import type { Bilingual, Result } from '../errors.js';
import { type Issue, localizedIssue } from '../errors.js';
import { pointer } from '../validate/issues.js';
import { APP_LISTS, type DocumentKind } from './kinds.js';
import { localizeTexts } from './v2-localized-text.js';
import { dropAfterActions } from './v3-drop-after-actions.js';

/** One pure upgrade step of a document from `from` to `from + 1`. */
export interface Migration {
  from: number;
  to: number;
  summary: string;
  migrate(doc: unknown, kind: DocumentKind): unknown;
}

/** Every migration, in order; `migrateApp` runs them step by step from a document's version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    to: 2,
    summary:
      'Localized texts must be objects: a plain string becomes { "zh-CN": s } when it has CJK characters, else { "en": s }.',
    migrate: localizeTexts,
  },
  {
    from: 2,
    to: 3,
    summary:
      'Transitions lose `afterActions` (never run); work after a move is an automation with a `stage_changed` trigger.',
    migrate: dropAfterActions,
  },
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const messages = {
  newer: (v: number): Bilingual => ({
    en: `schemaVersion ${v} is newer than ${CURRENT_SCHEMA_VERSION}, the newest this Stagecraft understands.`,
    'zh-CN': `schemaVersion ${v} 高于当前 Stagecraft 支持的最新版本 ${CURRENT_SCHEMA_VERSION}。`,
  }),
  invalid: { en: 'schemaVersion must be a positive integer.', 'zh-CN': 'schemaVersion 必须是正整数。' },
} as const;

/**
 * Reads a document's version: `fallback` when absent (embedded documents inherit the app's),
 * an issue when it is not a positive integer or newer than this build knows.
 */
function versionOf(
  doc: Record<string, unknown>,
  fallback: number | undefined,
  path: PropertyKey[],
  locale: Locale,
): Result<number> {
  const v = doc.schemaVersion ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    return {
      ok: false,
      issues: [
        localizedIssue('VALIDATION_FAILED', pointer(...path, 'schemaVersion'), messages.invalid, locale),
      ],
    };
  }
  if (v > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      issues: [
        localizedIssue(
          'SCHEMA_VERSION_UNSUPPORTED',
          pointer(...path, 'schemaVersion'),
          messages.newer(v),
          locale,
        ),
      ],
    };
  }
  return { ok: true, value: v };
}

function runSteps(doc: unknown, kind: DocumentKind, from: number): unknown {
  let out = doc;
  for (const m of MIGRATIONS)
    if (m.from >= from && m.to <= CURRENT_SCHEMA_VERSION) out = m.migrate(out, kind);
  if (isObject(out) && 'schemaVersion' in out) out = { ...out, schemaVersion: CURRENT_SCHEMA_VERSION };
  return out;
}

/**
 * Upgrades one document of a known kind (not an app) to the current version. A document without
 * `schemaVersion` is taken to be at `assumeVersion` (the current version unless told otherwise).
 */
export function migrateDocument(
  doc: unknown,
  kind: DocumentKind,
  options: { assumeVersion?: number; locale?: Locale; path?: PropertyKey[] } = {},
): Result<{ doc: unknown; from: number; to: number }> {
  if (kind === 'app') {
    const r = migrateApp(doc, options);
    return r.ok ? { ok: true, value: { doc: r.value.app, from: r.value.from, to: r.value.to } } : r;
  }
  if (!isObject(doc))
    return { ok: true, value: { doc, from: CURRENT_SCHEMA_VERSION, to: CURRENT_SCHEMA_VERSION } };
  const version = versionOf(
    doc,
    options.assumeVersion ?? CURRENT_SCHEMA_VERSION,
    options.path ?? [],
    options.locale ?? 'en',
  );
  if (!version.ok) return version;
  return {
    ok: true,
    value: { doc: runSteps(doc, kind, version.value), from: version.value, to: CURRENT_SCHEMA_VERSION },
  };
}

/**
 * Upgrades an app document to the current schema version, step by step through `MIGRATIONS`.
 * Embedded documents are upgraded from their own `schemaVersion` (the app's when absent). Pure: the
 * input is not modified. Shape errors other than the version are left to `validateApp`.
 */
export function migrateApp(
  doc: unknown,
  options: { locale?: Locale } = {},
): Result<{ app: unknown; from: number; to: number }> {
  const locale = options.locale ?? 'en';
  if (!isObject(doc)) {
    const message = { en: 'An app must be a JSON object.', 'zh-CN': '应用必须是 JSON 对象。' };
    return { ok: false, issues: [localizedIssue('VALIDATION_FAILED', '', message, locale)] };
  }
  const version = versionOf(doc, undefined, [], locale);
  if (!version.ok) return version;
  const app = runSteps(doc, 'app', version.value) as Record<string, unknown>;
  const issues: Issue[] = [];
  for (const [list, kind] of Object.entries(APP_LISTS)) {
    const items = app[list];
    if (!Array.isArray(items)) continue;
    app[list] = items.map((item, i) => {
      const r = migrateDocument(item, kind, { assumeVersion: version.value, locale, path: [list, i] });
      if (r.ok) return r.value.doc;
      issues.push(...r.issues);
      return item;
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { app, from: version.value, to: CURRENT_SCHEMA_VERSION } };
}
