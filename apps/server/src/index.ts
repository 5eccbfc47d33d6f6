/** Public entry of the server package: build and run the HTTP API in-process (tests, CLI, embedding). */

/** Options and shared services of `buildApp`. */
export type { BuildAppOptions } from './app.js';
/** Builds the fastify app without listening; tests call `inject()` on it. */
export { buildApp, JSON_BODY_LIMIT } from './app.js';
/** argon2id hashing, for the CLI and installers that create users. */
export { hashPassword } from './auth/password.js';
/** The actor of a request, for route plugins of other parts. */
export { actorOf, requireActor, requireAdmin } from './auth/request-context.js';
/** Expected failures thrown from route handlers (other route plugins use the same envelope). */
export { fail, IssuesError, unwrap } from './errors/issues-error.js';
/** Error code → HTTP status, the one table (docs generator reads it). */
export { HTTP_STATUS, statusOf } from './http-status.js';
/** Binds a built app to a port. */
export { listen } from './server.js';
export type { ServerServices } from './services.js';
/** The store shape and clock the server is built from. */
export type { Clock, ServerStore } from './store-port.js';
/** The real clock. */
export { systemClock } from './store-port.js';
/** Record writes with engine validation, for plugins that create records (templates, imports). */
export { createRecord, updateRecord } from './use-cases/record-use-cases.js';
