/**
 * Per-request statement counts: with a `StatementCounter` (the one the store was opened with), each
 * request gets a tally from its pre-handler phase to its reply, and the answer says how many SQL
 * statements went through the store's connection for it in `x-sql-statements`. The session lookup
 * runs in `onRequest`, before the tally opens, so it is never counted. Off unless buildApp gets a
 * counter (statement-budget tests, `pnpm bench http`).
 */
import type { StatementCounter, StatementTally } from '@stagecraft/store';
import type { FastifyInstance } from 'fastify';

/** The response header carrying the request's statement count. */
export const STATEMENT_COUNT_HEADER = 'x-sql-statements';

declare module 'fastify' {
  interface FastifyRequest {
    statementTally: StatementTally | null;
  }
}

/** Adds the counting hooks; call it after authentication is installed and before the routes. */
export function installStatementCount(app: FastifyInstance, counter: StatementCounter): void {
  app.decorateRequest('statementTally', null);
  app.addHook('preHandler', (request, _reply, done) => {
    if (!counter.enabled) return done();
    const tally = counter.newTally();
    request.statementTally = tally;
    // The handler and its continuations run inside `done`, so their statements land in this tally.
    counter.run(tally, done);
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.statementTally) reply.header(STATEMENT_COUNT_HEADER, String(request.statementTally.count));
  });
}
