/**
 * Bulk edit and bulk transition of selected rows. Each row runs through the same use case as a
 * single save (`updateRecord` at the version read now, or `runTransition`), so it is checked the
 * same way (scope, rights, field access, validation, entry criteria, approvals) and written in its
 * own statement: a row is either fully written or not at all, and its outcome is reported by
 * itself, refused rows with their code and reason in the caller's language.
 */
import { envelopeFor } from '../errors/envelope.js';
import { fail, IssuesError } from '../errors/issues-error.js';
import type { ServerServices } from '../services.js';
import { updateRecord } from '../use-cases/record-use-cases.js';
import type { EntityRequest } from '../use-cases/request-context.js';
import { runTransition } from '../use-cases/transition-use-cases.js';

/** What one bulk request asks. */
export interface BulkAsk {
  ids: string[];
  set?: Record<string, unknown> | undefined;
  transition?: {
    to: string;
    transitionId?: string | undefined;
    fields?: Record<string, unknown> | undefined;
  };
}

/** The report of one row. */
export interface BulkRowOutcome {
  id: string;
  ok: boolean;
  version?: number;
  stage?: string | null;
  code?: string;
  message?: string;
  issues?: { path: string; code: string; message: string }[];
}

/** Runs a bulk request row by row. */
export async function runBulk(services: ServerServices, req: EntityRequest, ask: BulkAsk) {
  if ((ask.set === undefined) === (ask.transition === undefined))
    fail('VALIDATION_FAILED', '/set', {
      en: 'Give either set (fields to write) or transition (the move to run), not both.',
      'zh-CN': '请给出 set（要写入的字段）或 transition（要执行的流转）之一，不能同时给出。',
    });
  if (ask.set && Object.keys(ask.set).length === 0)
    fail('VALIDATION_FAILED', '/set', { en: 'Name at least one field.', 'zh-CN': '请至少指定一个字段。' });
  const rows: BulkRowOutcome[] = [];
  for (const id of [...new Set(ask.ids)]) rows.push(await oneRow(services, req, id, ask));
  const done = rows.filter((r) => r.ok).length;
  return { done, refused: rows.length - done, rows };
}

async function oneRow(
  services: ServerServices,
  req: EntityRequest,
  id: string,
  ask: BulkAsk,
): Promise<BulkRowOutcome> {
  try {
    if (ask.transition) {
      const moved = await runTransition(services, req, id, {
        ...ask.transition,
        fields: ask.transition.fields ?? {},
      });
      if (!moved.ok) {
        const { code, message, details } = moved.blocked.error;
        return {
          id,
          ok: false,
          code,
          message,
          issues: details.map(({ path, code, message }) => ({ path, code, message })),
        };
      }
      return { id, ok: true, version: moved.record.version, stage: moved.record.stage ?? null };
    }
    const current = await req.records.get(id);
    if (!current.ok) throw new IssuesError(current.issues);
    const saved = await updateRecord(services, req, id, current.value.version, ask.set ?? {});
    return { id, ok: true, version: saved.version, stage: saved.stage ?? null };
  } catch (error) {
    if (!(error instanceof IssuesError)) throw error;
    const { body } = envelopeFor(error.issues, req.locale);
    return {
      id,
      ok: false,
      code: body.error.code,
      message: body.error.message,
      issues: body.error.details.map(({ path, code, message }) => ({ path, code, message })),
    };
  }
}
