/**
 * Stage transitions of a record: the moves available now (allowed or not, and why), running one
 * (the engine's pure step, then one store transaction: stage + history + evidence + audit), and the
 * stage history. A plain PATCH cannot change the stage; only these routes do.
 */
import { availableTransitions, slaState, stepTransition } from '@stagecraft/engine';
import { Id, issue } from '@stagecraft/schema';
import { resolvePermission } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../auth/request-context.js';
import { localizeIssue } from '../errors/envelope.js';
import { fail, IssuesError, unwrap } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { entityOf } from '../records/published-apps.js';
import { approvalIssues } from './approvals-guard.js';
import { ifMatchNumber, RecordParams } from './params.js';
import { blockedEnvelope, evidenceFiles, machineOf, stepContext } from './transitions-support.js';

const TransitionBody = z
  .object({
    to: Id,
    transitionId: Id.optional(),
    fields: z.record(z.string(), z.unknown()).optional(),
    evidence: z.record(Id, z.array(z.string().min(1).max(100)).max(50)).optional(),
    version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();

const Detail = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
const HistoryOut = z.object({
  id: z.number(),
  from: z.string().nullable(),
  to: z.string(),
  transitionId: z.string(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  dwellMs: z.number().nullable(),
  definitionVersion: z.number(),
  fields: z.record(z.string(), z.unknown()),
  evidence: z.record(z.string(), z.array(z.string())),
});
const Available = z.object({
  stage: z.string(),
  sla: z
    .object({ state: z.enum(['on_time', 'due_soon', 'overdue']), dwellMs: z.number(), dueAt: z.string() })
    .nullable(),
  transitions: z.array(
    z.object({
      id: z.string(),
      to: z.string(),
      label: z.string(),
      toLabel: z.string(),
      allowed: z.boolean(),
      reasons: z.array(Detail),
      requires: z.object({
        fields: z.array(z.object({ field: z.string(), label: z.string() })),
        evidence: z.array(
          z.object({
            id: z.string(),
            label: z.string(),
            minCount: z.number(),
            accept: z.array(z.string()).optional(),
          }),
        ),
      }),
    }),
  ),
});
const Blocked = z.object({
  error: z.object({ code: z.literal('TRANSITION_BLOCKED'), message: z.string(), details: z.array(Detail) }),
});
const Moved = z.object({
  record: z.record(z.string(), z.unknown()),
  history: HistoryOut,
  effects: z.array(z.object({ type: z.literal('afterAction'), name: z.string(), transitionId: z.string() })),
});

/** Transition route plugin. */
export const transitionRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const { store, published, clock } = services;
  const base = '/api/apps/:app/entities/:entity/records/:id';

  app.get(
    `${base}/transitions`,
    {
      schema: {
        tags: ['transitions'],
        summary: 'Transitions from the current stage, with allowed and the reasons',
        params: RecordParams,
        response: { 200: Available },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity: entityId, id } = request.params;
      const pub = await published.latest(actor, appId);
      const entity = entityOf(pub, entityId);
      const machine = machineOf(pub, entityId);
      const record = unwrap(await store.records.get(actor, appId, entityId, id));
      if (record.deletedAt) fail('RECORD_NOT_FOUND');
      const ctx = stepContext(services, request, actor, entity);
      const locale = requestLocale(request);
      // A move an approval still holds is not available either: the same lock the POST applies.
      const options = await Promise.all(
        availableTransitions(machine, record, ctx).map(async (t) => {
          const pending = await approvalIssues(services, actor, pub, entityId, record, t.id);
          return pending.length === 0 ? t : { ...t, allowed: false, reasons: [...t.reasons, ...pending] };
        }),
      );
      const transitions = options.map((t) => ({
        ...t,
        reasons: t.reasons.map((r) => ({
          path: r.path,
          code: r.code,
          message: localizeIssue(r, locale),
          ...(r.details === undefined ? {} : { details: r.details }),
        })),
      }));
      return {
        stage: record.stage ?? machine.initialStage,
        sla: slaState(machine, record, clock.now()),
        transitions,
      };
    },
  );

  app.post(
    `${base}/transitions`,
    {
      schema: {
        tags: ['transitions'],
        summary:
          'Move the record: { to, fields, evidence: { requirementId: [attachmentId] }, version }; 422 TRANSITION_BLOCKED lists every unmet condition, 409 on a stale version',
        params: RecordParams,
        body: TransitionBody,
        response: { 200: Moved, 422: Blocked },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { app: appId, entity: entityId, id } = request.params;
      const body = request.body;
      const pub = await published.latest(actor, appId);
      const entity = entityOf(pub, entityId);
      const machine = machineOf(pub, entityId);
      const record = unwrap(await store.records.get(actor, appId, entityId, id));
      if (record.deletedAt) fail('RECORD_NOT_FOUND');
      // Moving a record is an update: the role needs update rights, and write access to the fields it fills.
      const permission = resolvePermission(pub.definition, entityId, actor.roles);
      if (!permission.update)
        fail('FORBIDDEN', '', {
          en: 'You may not update records of this entity.',
          'zh-CN': '您无权修改该实体的记录。',
        });
      const readOnly = Object.keys(body.fields ?? {}).filter(
        (f) => permission.fieldAccess[f] !== undefined && permission.fieldAccess[f] !== 'write',
      );
      if (readOnly.length > 0) throw new IssuesError(readOnly.map((f) => issue('FORBIDDEN', `/fields/${f}`)));
      const expected = body.version ?? ifMatchNumber(request.headers['if-match']) ?? record.version;
      if (expected !== record.version)
        fail('VERSION_CONFLICT', '/version', undefined, { current: record.version });

      const ctx = stepContext(services, request, actor, entity);
      const evidence = await evidenceFiles(
        services,
        actor,
        { app: appId, entity: entityId, id },
        body.evidence ?? {},
      );
      const step = stepTransition(
        machine,
        record,
        {
          to: body.to,
          ...(body.transitionId ? { transitionId: body.transitionId } : {}),
          fields: body.fields ?? {},
          evidence: evidence.files,
        },
        ctx,
      );
      const issues = [...(step.ok ? [] : step.issues), ...evidence.issues];
      // Transition fields are record fields: the same type checks as any write apply to them.
      const fieldValues = step.ok
        ? Object.fromEntries(
            Object.entries(step.changes).filter(([k]) => k !== 'stage' && k !== 'stageEnteredAt'),
          )
        : {};
      let checked: Record<string, unknown> = fieldValues;
      // Validated as the record will be after the move, so formulas that read the stage (weighted
      // amounts, stage-dependent scores) are recomputed with the new stage, even with no fields.
      if (step.ok) {
        const valid = pub.validator.validate({
          entityId,
          operation: 'update',
          trusted: true,
          values: fieldValues,
          previous: record,
          system: { stage: step.changes.stage, stageEnteredAt: step.changes.stageEnteredAt },
          context: {
            user: { id: actor.userId, roles: actor.roles, orgUnit: actor.orgUnitId },
            now: clock.now(),
            locale: ctx.locale,
          },
        });
        if (valid.ok) checked = valid.value;
        else issues.push(...valid.issues.map((i) => ({ ...i, path: `/fields${i.path}` })));
      }
      if (step.ok)
        issues.push(
          ...(await approvalIssues(services, actor, pub, entityId, record, step.history.transitionId)),
        );
      if (!step.ok || issues.length > 0)
        return reply.status(422).send(blockedEnvelope(issues, requestLocale(request)));

      const applied = unwrap(
        await store.stages.apply(actor, {
          app: appId,
          entity,
          recordId: id,
          expectedVersion: expected,
          changes: { ...checked, stage: step.changes.stage, stageEnteredAt: step.changes.stageEnteredAt },
          history: step.history,
          evidence: step.evidence,
          definitionVersion: pub.version,
        }),
      );
      const moved = unwrap(await store.records.get(actor, appId, entityId, id));
      reply.header('etag', `"${moved.version}"`);
      return {
        record: moved,
        history: {
          ...applied.history,
          actorName: actor.userId === applied.history.actor ? (request.user?.name ?? null) : null,
        },
        effects: step.effects,
      };
    },
  );

  app.get(
    `${base}/history`,
    {
      schema: {
        tags: ['transitions'],
        summary: 'Stage history: from, to, who, when, time spent in the previous stage',
        params: RecordParams,
        response: { 200: z.object({ history: z.array(HistoryOut) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity: entityId, id } = request.params;
      entityOf(await published.latest(actor, appId), entityId);
      unwrap(await store.records.get(actor, appId, entityId, id));
      const history = unwrap(await store.stages.history(actor, appId, entityId, id));
      const names = new Map((await store.identity.users(actor.workspaceId)).map((u) => [u.id, u.name]));
      return {
        history: history.map((h) => ({ ...h, actorName: h.actor ? (names.get(h.actor) ?? null) : null })),
      };
    },
  );
};
