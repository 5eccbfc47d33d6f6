import type { z } from 'zod';
import { App, CURRENT_SCHEMA_VERSION } from '../documents/app.js';
import { Approval } from '../documents/approval.js';
import { Automation } from '../documents/automation.js';
import { Dashboard } from '../documents/dashboard.js';
import { Entity } from '../documents/entity.js';
import { Form } from '../documents/form.js';
import { ForecastSettings, Goal, Scorecard } from '../documents/goal.js';
import { Role } from '../documents/role.js';
import { StageMachine } from '../documents/stage-machine.js';
import { ValidationRule } from '../documents/validation-rule.js';
import { View } from '../documents/view.js';
import type { Result } from '../errors.js';
import { type Issue, localizedIssue } from '../errors.js';
import { APP_LISTS, DOCUMENT_KINDS, type DocumentKind } from '../migrations/kinds.js';
import { migrateDocument } from '../migrations/migrate.js';
import { documentLimitIssues } from './document-limits.js';
import { fromZodIssues } from './issues.js';
import { crossCheckApp, type ValidateOptions, validateApp, zodErrorMap } from './validate-app.js';

/** The zod model of each embedded document kind. */
export const DOCUMENT_MODELS = {
  entity: Entity,
  form: Form,
  view: View,
  stageMachine: StageMachine,
  validationRule: ValidationRule,
  dashboard: Dashboard,
  automation: Automation,
  approval: Approval,
  role: Role,
  goal: Goal,
  forecast: ForecastSettings,
  scorecard: Scorecard,
} as const satisfies Record<Exclude<DocumentKind, 'app'>, z.ZodType>;

/** A validated document and the kind it was recognised as. */
export type ValidatedDocument =
  | { kind: 'app'; document: App }
  | { kind: Exclude<DocumentKind, 'app'>; document: unknown };

/** Which kind a document is: its `kind`, or an app when it has `entities`. */
export function detectKind(input: unknown): DocumentKind | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const kind = (input as { kind?: unknown }).kind;
  if (typeof kind === 'string')
    return (DOCUMENT_KINDS as readonly string[]).includes(kind) ? (kind as DocumentKind) : undefined;
  return 'entities' in input ? 'app' : undefined;
}

/** The app-level checks that make sense for a lone document (duplicate ids…), at paths into it. */
function standaloneIssues(
  kind: Exclude<DocumentKind, 'app'>,
  doc: unknown,
  options: ValidateOptions,
): Issue[] {
  const list = Object.entries(APP_LISTS).find(([, k]) => k === kind)?.[0] as keyof typeof APP_LISTS;
  const app = App.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: 'standalone',
    label: { en: 'standalone' },
    entities: [],
  });
  const prefix = `/${list}/0`;
  return crossCheckApp({ ...app, [list]: [doc] }, options)
    .issues.filter((i) => i.code !== 'REFERENCE_UNKNOWN' && i.path.startsWith(prefix))
    .map((i) => ({ ...i, path: i.path.slice(prefix.length) }));
}

/**
 * Validates one document of any kind, as `stagecraft validate <file>` does. A standalone document
 * is checked on its own (shape, duplicate ids, checks within the document); references to other
 * documents are checked only inside an app.
 */
export function validateDocument(input: unknown, options: ValidateOptions = {}): Result<ValidatedDocument> {
  const locale = options.locale ?? 'en';
  const kind = detectKind(input);
  if (kind === undefined) {
    const message = {
      en: `Cannot tell the kind of document: set "kind" to one of ${DOCUMENT_KINDS.join(', ')} (an app has "entities").`,
      'zh-CN': `无法识别文档类型：请将 "kind" 设为 ${DOCUMENT_KINDS.join('、')} 之一（应用需包含 "entities"）。`,
    };
    return { ok: false, issues: [localizedIssue('VALIDATION_FAILED', '/kind', message, locale)] };
  }
  if (kind === 'app') {
    const r = validateApp(input, options);
    return r.ok ? { ok: true, value: { kind, document: r.value } } : r;
  }
  const limits = documentLimitIssues(input, locale);
  if (limits.length > 0) return { ok: false, issues: limits };
  const migrated = migrateDocument(input, kind, { locale });
  if (!migrated.ok) return migrated;
  const error = zodErrorMap(locale);
  const parsed = DOCUMENT_MODELS[kind].safeParse(migrated.value.doc, error ? { error } : undefined);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, [], locale) };
  const issues = standaloneIssues(kind, parsed.data, options);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { kind, document: parsed.data } };
}
