/**
 * Stage transitions of a record: the moves available now (allowed or not, and why), running one
 * (the engine's pure step, then one store statement: stage + history + audit, evidence links
 * after it), and the stage history. A plain PATCH cannot change the stage; only these routes do.
 * The work is in ../use-cases/transition-use-cases.ts; these handlers only map HTTP to it.
 */
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { entityRequest } from '../use-cases/request-context.js';
import { availableMoves, runTransition, stageHistory } from '../use-cases/transition-use-cases.js';
import { schemaOf } from './contract-schema.js';
import { ifMatchNumber } from './params.js';

/** Transition route plugin. */
export const transitionRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const base = '/api/apps/:app/entities/:entity/records/:id';

  app.get(
    `${base}/transitions`,
    {
      schema: schemaOf(API.transitions.listTransitions),
    },
    async (request) => {
      const { app: appId, entity, id } = request.params;
      return availableMoves(services, await entityRequest(services, request, appId, entity), id);
    },
  );

  app.post(
    `${base}/transitions`,
    {
      schema: schemaOf(API.transitions.runTransition),
    },
    async (request, reply) => {
      const { app: appId, entity, id } = request.params;
      const body = request.body;
      const req = await entityRequest(services, request, appId, entity);
      const moved = await runTransition(services, req, id, {
        to: body.to,
        transitionId: body.transitionId,
        fields: body.fields,
        evidence: body.evidence,
        version: body.version ?? ifMatchNumber(request.headers['if-match']),
      });
      if (!moved.ok) return reply.status(422).send(moved.blocked);
      reply.header('etag', `"${moved.record.version}"`);
      const { history } = moved;
      return {
        record: moved.record,
        history: {
          ...history,
          actorName: req.actor.userId === history.actor ? (request.user?.name ?? null) : null,
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
      const { app: appId, entity, id } = request.params;
      return stageHistory(services, await entityRequest(services, request, appId, entity), id);
    },
  );
};
