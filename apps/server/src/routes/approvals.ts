/**
 * Approvals: "waiting for me", approve / reject with a comment, start one on a record, and a record's
 * approvals with their full history (who decided what and when). The engine's pure step decides;
 * worker/approval-service.ts stores and notifies.
 */
import { API } from '@stagecraft/contract';
import { type ApprovalState, waitingBranches } from '@stagecraft/engine';
import type { ApprovalInstance } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { fail, IssuesError, unwrap } from '../errors/issues-error.js';
import { entityOf } from '../records/published-apps.js';
import { decideOn, startApprovalOn } from '../use-cases/approval-service.js';
import { directoryOf } from '../use-cases/directory.js';
import { systemActor } from '../use-cases/system-actor.js';
import { schemaOf } from './contract-schema.js';

/** Approvals route plugin. */
export const approvalRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const { store, published, clock } = services;
  const approvals = store.automation.approvals;

  async function view(instance: ApprovalInstance, me: string, names: Map<string, string>) {
    const pub = await published.latest(systemActor(instanceWorkspace(instance)), instance.appId);
    const approval = pub.definition.approvals.find((a) => a.id === instance.approvalId);
    const state = instance.state as unknown as ApprovalState;
    const step = approval && state.status === 'pending' ? approval.steps[state.stepIndex] : undefined;
    const mine = new Set(approval ? waitingBranches(approval, state, me).map((b) => b.id) : []);
    return {
      id: instance.id,
      appId: instance.appId,
      entityId: instance.entityId,
      recordId: instance.recordId,
      approvalId: instance.approvalId,
      label: approval?.label ?? { en: instance.approvalId, 'zh-CN': instance.approvalId },
      status: instance.status,
      startedAt: instance.startedAt,
      finishedAt: instance.finishedAt,
      step: step ? { id: step.id, label: step.label } : null,
      branches: (step?.branches ?? []).map((b) => ({
        id: b.id,
        label: b.label,
        approvers: state.approvers[b.id] ?? [],
        waitingForMe: mine.has(b.id),
      })),
      history: state.decisions.map((d) => ({ ...d, userName: names.get(d.user) ?? null })),
    };
  }
  const workspaces = new WeakMap<ApprovalInstance, string>();
  const instanceWorkspace = (i: ApprovalInstance) => workspaces.get(i) ?? '';
  const withWorkspace = (ws: string, list: ApprovalInstance[]) => {
    for (const i of list) workspaces.set(i, ws);
    return list;
  };
  const namesOf = async (ws: string) => new Map((await store.identity.users(ws)).map((u) => [u.id, u.name]));

  app.get(
    '/api/approvals/waiting',
    {
      schema: schemaOf(API.approvals.waitingApprovals),
    },
    async (request) => {
      const actor = requireActor(request);
      const names = await namesOf(actor.workspaceId);
      const out = [];
      for (const instance of withWorkspace(actor.workspaceId, await approvals.pending(actor.workspaceId))) {
        const v = await view(instance, actor.userId, names);
        if (v.branches.some((b) => b.waitingForMe)) out.push(v);
      }
      return { approvals: out };
    },
  );

  const base = '/api/apps/:app/entities/:entity/records/:id/approvals';
  app.get(
    base,
    {
      schema: schemaOf(API.approvals.recordApprovals),
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity, id } = request.params;
      entityOf(await published.latest(actor, appId), entity);
      unwrap(await store.records.get(actor, appId, entity, id));
      const names = await namesOf(actor.workspaceId);
      const list = withWorkspace(
        actor.workspaceId,
        await approvals.ofRecord(actor.workspaceId, appId, entity, id),
      );
      return { approvals: await Promise.all(list.map((i) => view(i, actor.userId, names))) };
    },
  );

  app.post(
    base,
    {
      schema: schemaOf(API.approvals.startApproval),
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { app: appId, entity, id } = request.params;
      const pub = await published.latest(actor, appId);
      entityOf(pub, entity);
      const record = unwrap(await store.records.get(actor, appId, entity, id));
      const approval = pub.definition.approvals.find(
        (a) => a.id === request.body.approval && a.entity === entity,
      );
      if (!approval) fail('NOT_FOUND', '/approval');
      const { users } = await directoryOf(store, actor.workspaceId);
      const timeZone = await store.automation.automation.timeZoneOf(actor.workspaceId);
      const started = await store.automation.transaction((trx) =>
        startApprovalOn(store, trx, {
          workspaceId: actor.workspaceId,
          appId,
          approval,
          record,
          users,
          startedBy: actor.userId,
          now: clock.now(),
          timeZone,
        }),
      );
      const instance = unwrap(started);
      if (!instance)
        fail('VERSION_CONFLICT', '/approval', {
          en: 'This approval is already pending on the record.',
          'zh-CN': '该记录上已有进行中的此审批。',
        });
      reply.status(201);
      return view(
        withWorkspace(actor.workspaceId, [instance])[0] as ApprovalInstance,
        actor.userId,
        await namesOf(actor.workspaceId),
      );
    },
  );

  app.post(
    '/api/approvals/:id/decision',
    {
      schema: schemaOf(API.approvals.decideApproval),
    },
    async (request) => {
      const actor = requireActor(request);
      const ws = actor.workspaceId;
      const { users } = await directoryOf(store, ws);
      // Two approvers deciding at the same moment: the loser re-reads and decides on the new state.
      for (let attempt = 0; attempt < 3; attempt++) {
        const instance = await approvals.get(ws, request.params.id);
        if (!instance) fail('NOT_FOUND', '/id');
        const pub = await published.latest(systemActor(ws), instance.appId);
        const approval = pub.definition.approvals.find((a) => a.id === instance.approvalId);
        if (!approval) fail('NOT_FOUND', '/id');
        const record = unwrap(
          await store.records.get(systemActor(ws), instance.appId, instance.entityId, instance.recordId),
        );
        const result = await decideOn(store, {
          workspaceId: ws,
          instance,
          approval,
          record,
          users,
          user: actor.userId,
          decision: request.body.decision,
          comment: request.body.comment ?? null,
          ...(request.body.branch ? { branch: request.body.branch } : {}),
          now: clock.now(),
        });
        if (result.ok)
          return view(
            withWorkspace(ws, [result.value])[0] as ApprovalInstance,
            actor.userId,
            await namesOf(ws),
          );
        if (!('conflict' in result)) throw new IssuesError(result.issues);
      }
      fail('VERSION_CONFLICT', '/id');
    },
  );
};
