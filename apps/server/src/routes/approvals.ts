/**
 * Approvals: "waiting for me", approve / reject with a comment, start one on a record, and a record's
 * approvals with their full history (who decided what and when). The engine's pure step decides;
 * use-cases/approval-use-cases.ts starts and decides (through use-cases/approval-service.ts, which
 * the worker's approval actions share).
 */
import { API } from '@stagecraft/contract';
import { type ApprovalState, waitingBranches } from '@stagecraft/engine';
import type { ApprovalInstance } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { unwrap } from '../errors/issues-error.js';
import { entityOf } from '../records/published-apps.js';
import { recordApprovalState } from '../use-cases/approval-state.js';
import { decideRecordApproval, startRecordApproval } from '../use-cases/approval-use-cases.js';
import { entityRequest } from '../use-cases/request-context.js';
import { systemActor } from '../use-cases/system-actor.js';
import { schemaOf } from './contract-schema.js';

/** Approvals route plugin. */
export const approvalRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const { store, published } = services;
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

  app.get(
    '/api/apps/:app/entities/:entity/records/:id/approval-state',
    {
      schema: schemaOf(API.approvals.recordApprovalState),
    },
    async (request) => {
      const { app: appId, entity, id } = request.params;
      return recordApprovalState(services, await entityRequest(services, request, appId, entity), id);
    },
  );

  app.post(
    base,
    {
      schema: schemaOf(API.approvals.startApproval),
    },
    async (request, reply) => {
      const { app: appId, entity, id } = request.params;
      const req = await entityRequest(services, request, appId, entity);
      const instance = await startRecordApproval(services, req, id, request.body.approval);
      reply.status(201);
      return view(
        withWorkspace(req.actor.workspaceId, [instance])[0] as ApprovalInstance,
        req.actor.userId,
        await namesOf(req.actor.workspaceId),
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
      const decided = await decideRecordApproval(services, actor, request.params.id, request.body);
      return view(withWorkspace(ws, [decided])[0] as ApprovalInstance, actor.userId, await namesOf(ws));
    },
  );
};
