/**
 * Stage transitions as use cases: the moves available now (allowed or not, and why) and running
 * one. The engine's pure step decides on the request's one context; the store then writes the
 * move, its history row and its audit row in one statement (evidence links after it, if any).
 */
import { availableTransitions, slaState, stepTransition } from '@stagecraft/engine';
import type { Issue } from '@stagecraft/schema';
import type { RecordData, StageHistoryEntry } from '@stagecraft/store';
import { localizeIssue } from '../errors/envelope.js';
import { fail, unwrap } from '../errors/issues-error.js';
import { resolveFileValues } from '../records/record-files.js';
import type { ServerServices } from '../services.js';
import { approvalIssues } from './approvals-guard.js';
import { authorize, authorizeFieldWrites } from './authorization.js';
import type { EntityRequest } from './request-context.js';
import { blockedEnvelope, evidenceFiles, machineOf, stepContextOf } from './transition-support.js';

/** A live record of the request's entity (RECORD_NOT_FOUND when deleted or out of scope). */
async function liveRecord(req: EntityRequest, id: string): Promise<RecordData> {
  authorize(req.ctx, 'read');
  const record = unwrap(await req.records.get(id));
  if (record.deletedAt) fail('RECORD_NOT_FOUND');
  return record;
}

/** The record's stage, SLA state and every transition with whether it is allowed now, and why not. */
export async function availableMoves(services: ServerServices, req: EntityRequest, id: string) {
  const machine = machineOf(req.pub, req.entity.id);
  const record = await liveRecord(req, id);
  const ctx = stepContextOf(req);
  // A move an approval still holds is not available either: the same lock the POST applies.
  const options = await Promise.all(
    availableTransitions(machine, record, ctx).map(async (t) => {
      const pending = await approvalIssues(services, req, record, t.id);
      return pending.length === 0 ? t : { ...t, allowed: false, reasons: [...t.reasons, ...pending] };
    }),
  );
  const transitions = options.map((t) => ({
    ...t,
    reasons: t.reasons.map((r) => ({
      path: r.path,
      code: r.code,
      message: localizeIssue(r, req.locale),
      ...(r.details === undefined ? {} : { details: r.details }),
    })),
  }));
  return {
    stage: record.stage ?? machine.initialStage,
    sla: slaState(machine, record, req.now),
    transitions,
  };
}

/** What a caller asks for when moving a record. */
export interface TransitionAsk {
  to: string;
  transitionId?: string | undefined;
  fields?: Record<string, unknown> | undefined;
  evidence?: Record<string, string[]> | undefined;
  /** The version the caller read (body or If-Match); absent = the one read now. */
  version?: number | undefined;
}

/** A move that ran, or the 422 TRANSITION_BLOCKED body listing every unmet condition. */
export type TransitionOutcome =
  | { ok: true; record: RecordData; history: StageHistoryEntry }
  | { ok: false; blocked: ReturnType<typeof blockedEnvelope> };

/** Runs one transition of a record. */
export async function runTransition(
  services: ServerServices,
  req: EntityRequest,
  id: string,
  ask: TransitionAsk,
): Promise<TransitionOutcome> {
  const { actor, entity, pub } = req;
  const machine = machineOf(pub, entity.id);
  const record = await liveRecord(req, id);
  // Moving a record is an update: the role needs update rights, and write access to the fields it fills.
  authorize(req.ctx, 'transition');
  authorizeFieldWrites(req.ctx, Object.keys(ask.fields ?? {}), '/fields');
  const expected = ask.version ?? record.version;
  if (expected !== record.version)
    fail('VERSION_CONFLICT', '/version', undefined, { current: record.version });

  const ctx = stepContextOf(req);
  const evidence = await evidenceFiles(
    services,
    actor,
    { app: pub.appId, entity: entity.id, id },
    ask.evidence ?? {},
  );
  const step = stepTransition(
    machine,
    record,
    {
      to: ask.to,
      ...(ask.transitionId ? { transitionId: ask.transitionId } : {}),
      fields: ask.fields ?? {},
      evidence: evidence.files,
    },
    ctx,
  );
  const issues: Issue[] = [...(step.ok ? [] : step.issues), ...evidence.issues];
  // Transition fields are record fields: the same type checks as any write apply to them.
  const fieldValues = step.ok
    ? Object.fromEntries(
        Object.entries(step.changes).filter(([k]) => k !== 'stage' && k !== 'stageEnteredAt'),
      )
    : {};
  let checked: Record<string, unknown> = fieldValues;
  // Files the fields hold are the workspace's own, with the server's metadata.
  const files = step.ok
    ? await resolveFileValues(services.store, actor, entity.fields, fieldValues, '/fields')
    : { ok: true as const, value: fieldValues };
  if (!files.ok) issues.push(...files.issues);
  // Validated as the record will be after the move, so formulas that read the stage (weighted
  // amounts, stage-dependent scores) are recomputed with the new stage, even with no fields.
  if (step.ok && files.ok) {
    const valid = pub.validator.validate({
      entityId: entity.id,
      operation: 'update',
      trusted: true,
      values: files.value,
      previous: record,
      system: { stage: step.changes.stage, stageEnteredAt: step.changes.stageEnteredAt },
      context: { user: ctx.user, now: ctx.now, locale: ctx.locale, timeZone: ctx.timeZone },
    });
    if (valid.ok) checked = valid.value;
    else issues.push(...valid.issues.map((i) => ({ ...i, path: `/fields${i.path}` })));
  }
  if (step.ok) issues.push(...(await approvalIssues(services, req, record, step.history.transitionId)));
  if (!step.ok || issues.length > 0) return { ok: false, blocked: blockedEnvelope(issues, req.locale) };

  const applied = unwrap(
    await services.store.stages.applyIn(req.ctx, {
      recordId: id,
      expectedVersion: expected,
      changes: { ...checked, stage: step.changes.stage, stageEnteredAt: step.changes.stageEnteredAt },
      history: step.history,
      evidence: step.evidence,
    }),
  );
  return { ok: true, record: applied.record, history: applied.history };
}

/** A record's stage history (the record must be readable by the actor). */
export async function stageHistory(services: ServerServices, req: EntityRequest, id: string) {
  authorize(req.ctx, 'read');
  unwrap(await req.records.get(id));
  const history = unwrap(await services.store.stages.history(req.actor, req.pub.appId, req.entity.id, id));
  const names = new Map(
    (await services.store.identity.users(req.actor.workspaceId)).map((u) => [u.id, u.name]),
  );
  return {
    history: history.map((h) => ({ ...h, actorName: h.actor ? (names.get(h.actor) ?? null) : null })),
  };
}
