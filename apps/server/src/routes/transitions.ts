/**
 * Stage transitions of a record: the moves available now (allowed or not, and why), running one
 * (the engine's pure step, then one store transaction: stage + history + evidence + audit), and the
 * stage history. A plain PATCH cannot change the stage; only these routes do.
 */
import { API } from '@stagecraft/contract';
import { availableTransitions, slaState, stepTransition } from '@stagecraft/engine';
import { issue } from '@stagecraft/schema';
import { resolvePermission } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { localizeIssue } from '../errors/envelope.js';
import { fail, IssuesError, unwrap } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { entityOf } from '../records/published-apps.js';
import { resolveFileValues } from '../records/record-files.js';
import { approvalIssues } from './approvals-guard.js';
import { schemaOf } from './contract-schema.js';
import { ifMatchNumber } from './params.js';
import { blockedEnvelope, evidenceFiles, machineOf, stepContext } from './transitions-support.js';

/** Transition route plugin. */
export const transitionRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const { store, published, clock } = services;
  const base = '/api/apps/:app/entities/:entity/records/:id';

  app.get(
    `${base}/transitions`,
    {
      schema: schemaOf(API.transitions.listTransitions),
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity: entityId, id } = request.params;
      const pub = await published.latest(actor, appId);
      const entity = entityOf(pub, entityId);
      const machine = machineOf(pub, entityId);
      const record = unwrap(await store.records.get(actor, appId, entityId, id));
      if (record.deletedAt) fail('RECORD_NOT_FOUND');
      const ctx = await stepContext(services, request, actor, pub, entity);
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
      schema: schemaOf(API.transitions.runTransition),
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

      const ctx = await stepContext(services, request, actor, pub, entity);
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
      // Files the fields hold are the workspace's own, with the server's metadata.
      const files = step.ok
        ? await resolveFileValues(store, actor, entity.fields, fieldValues, '/fields')
        : { ok: true as const, value: fieldValues };
      if (!files.ok) issues.push(...files.issues);
      // Validated as the record will be after the move, so formulas that read the stage (weighted
      // amounts, stage-dependent scores) are recomputed with the new stage, even with no fields.
      if (step.ok && files.ok) {
        const valid = pub.validator.validate({
          entityId,
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
      };
    },
  );

  app.get(
    `${base}/history`,
    {
      schema: schemaOf(API.transitions.stageHistory),
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
