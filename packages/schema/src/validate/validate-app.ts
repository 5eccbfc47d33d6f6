import { z } from 'zod';
import type { Locale } from '../common.js';
import { App } from '../documents/app.js';
import type { Result } from '../errors.js';
import { migrateApp } from '../migrations/migrate.js';
import { AppIndex, Checker } from './app-index.js';
import {
  checkEntities,
  checkForms,
  checkNavigation,
  checkRoles,
  checkValidationRules,
  checkViews,
} from './check-entities.js';
import { checkPerformance } from './check-performance.js';
import { checkApprovals, checkAutomations, checkDashboards, checkStageMachines } from './check-processes.js';
import { documentLimitIssues } from './document-limits.js';
import { fromZodIssues, IssueCollector } from './issues.js';

/** Options shared by the validators. */
export interface ValidateOptions {
  /** Language of the messages; codes and paths do not depend on it. */
  locale?: Locale;
}

/** zod's own messages in the caller's language (custom messages of the models stay as written). */
export function zodErrorMap(locale: Locale): z.core.$ZodErrorMap | undefined {
  if (locale !== 'zh-CN') return undefined;
  zhCN ??= z.locales.zhCN().localeError as z.core.$ZodErrorMap;
  return zhCN;
}
let zhCN: z.core.$ZodErrorMap | undefined;

/** Every cross-document check of a parsed app: ids, references to entities, fields, stages and roles. */
export function crossCheckApp(app: App, options: ValidateOptions = {}): IssueCollector {
  const out = new IssueCollector(options.locale);
  const c = new Checker(new AppIndex(app), out);
  checkEntities(c, app);
  checkForms(c, app);
  checkViews(c, app);
  checkStageMachines(c, app);
  checkValidationRules(c, app);
  checkDashboards(c, app);
  checkAutomations(c, app);
  checkApprovals(c, app);
  checkRoles(c, app);
  checkNavigation(c, app);
  checkPerformance(c, app);
  return out;
}

/**
 * Migrates and parses an app document without checking references between its documents: for
 * drafts, which may be incomplete. Hostile nesting gets an issue, never a stack overflow.
 */
export function parseApp(input: unknown, options: ValidateOptions = {}): Result<App> {
  const locale = options.locale ?? 'en';
  const limits = documentLimitIssues(input, locale);
  if (limits.length > 0) return { ok: false, issues: limits };
  const migrated = migrateApp(input, { locale });
  if (!migrated.ok) return migrated;
  const error = zodErrorMap(locale);
  const parsed = App.safeParse(migrated.value.app, error ? { error } : undefined);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, [], locale) };
  return { ok: true, value: parsed.data };
}

/**
 * Validates a whole app document: migrates it to the current schema version, parses it with the
 * zod models, then checks every cross-document reference. Issues carry JSON pointers into the
 * migrated document, which has the input's shape (migrations never move elements).
 */
export function validateApp(input: unknown, options: ValidateOptions = {}): Result<App> {
  const parsed = parseApp(input, options);
  if (!parsed.ok) return parsed;
  const cross = crossCheckApp(parsed.value, options);
  if (cross.issues.length > 0) return { ok: false, issues: cross.issues };
  return parsed;
}
