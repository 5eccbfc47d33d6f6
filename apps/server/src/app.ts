/**
 * `buildApp()`: the whole HTTP server as a fastify instance, without listening (tests call
 * `app.inject()`, `server.ts` calls `listen()`). Each group of routes is its own plugin under
 * `routes/`; errors leave through the one handler in `errors/`.
 */
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits, type StatementCounter } from '@stagecraft/store';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { installAuthentication } from './auth/authenticate.js';
import { DEFAULT_SESSION_TIMEOUTS, type SessionTimeouts } from './auth/session-policy.js';
import { type ContractMismatch, installContractCheck } from './contract-check.js';
import { installStatementCount } from './diagnostics/statement-count.js';
import { installEdgeGuards } from './edge/edge-guards.js';
import { envelopeForCode } from './errors/envelope.js';
import { handleError, installErrorHandling } from './errors/error-handler.js';
import { requestLocale } from './errors/locale.js';
import { localizedValidatorCompiler } from './errors/zod-validator.js';
import { ImportRunner, type ImportRunnerOptions } from './imports/import-runner.js';
import { openApiTransform, openApiTransformObject } from './openapi.js';
import { PublishedApps } from './records/published-apps.js';
import { approvalRoutes } from './routes/approvals.js';
import { appRoutes } from './routes/apps.js';
import { attachmentRoutes } from './routes/attachments.js';
import { authRoutes } from './routes/auth.js';
import { automationRunRoutes } from './routes/automation-runs.js';
import { dashboardRoutes } from './routes/dashboards.js';
import { everydayRoutes } from './routes/everyday.js';
import { forecastRoutes } from './routes/forecast.js';
import { goalRoutes } from './routes/goals.js';
import { healthRoutes } from './routes/health.js';
import { importExportRoutes } from './routes/import-export.js';
import { inboxRoutes } from './routes/inbox.js';
import { passwordRoutes } from './routes/passwords.js';
import { recordRoutes } from './routes/records.js';
import { savedViewRoutes } from './routes/saved-views.js';
import { sessionRoutes } from './routes/sessions.js';
import { taskRoutes } from './routes/tasks.js';
import { titleRoutes } from './routes/titles.js';
import { transitionRoutes } from './routes/transitions.js';
import { userImportRoutes } from './routes/user-import.js';
import { userRoutes } from './routes/users.js';
import { webhookRoutes } from './routes/webhooks.js';
import { installWorkPriority } from './scheduling/workload.js';
import { installCrossSiteCheck } from './security/cross-site.js';
import { installSecurityHeaders } from './security/headers.js';
import { responseSerializerCompiler } from './serialization/response-serializer.js';
import type { ServerServices } from './services.js';
import { type Clock, type ServerStore, systemClock } from './store-port.js';
import { templateRoutes } from './templates/routes.js';
import { installWebApp, sendIndexHtml } from './web/web-app.js';

/** Largest JSON body accepted (uploads go through multipart with their own limits). */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** What the server is built from. */
export interface BuildAppOptions {
  store: ServerStore;
  clock?: Clock;
  /** Request id source; defaults to fastify's counter. */
  ids?: () => string;
  logger?: FastifyServerOptions['logger'];
  /** The built web app (`apps/web/dist`) to serve with SPA fallback; omitted in API-only tests. */
  webDir?: string;
  /** Sign-in thresholds (docs/security.md); tests lower them, production keeps the defaults. */
  signInLimits?: Partial<SignInLimits>;
  /** Session idle and absolute timeouts (SESSION_IDLE_HOURS, SESSION_MAX_DAYS). */
  sessionTimeouts?: Partial<SessionTimeouts>;
  /** Behind a reverse proxy: take the client IP (sign-in limits) from X-Forwarded-For. */
  trustProxy?: boolean;
  /**
   * The address users reach the app at (`PUBLIC_URL`), accepted as an own origin by the cross-site
   * check besides the request's Host; needed when a proxy rewrites Host without X-Forwarded-Host.
   */
  publicUrl?: string;
  /** Largest accepted upload in bytes (default 20 MiB). */
  uploadMaxBytes?: number;
  /** Folder of template packs (`GET /api/templates`); defaults to the repository's `templates/`. */
  templatesRoot?: string;
  /**
   * Tests: hold every route and answer to @stagecraft/contract. A route under /api the contract
   * lacks fails the build; an answer whose body breaks the route's schema is reported here.
   */
  checkResponses?: (mismatch: ContractMismatch) => void;
  /**
   * The counter the store was opened with (`openStore({ statements })`): each answer then carries
   * `x-sql-statements`, the statements its handler sent (statement-budget tests, `pnpm bench http`).
   */
  statements?: StatementCounter;
  /** Import job runner settings (lease, poll); the runner starts when the app is ready. */
  importRunner?: ImportRunnerOptions;
}

/** Builds the server; call `ready()` or `inject()` on the result. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    ...(options.ids ? { genReqId: options.ids } : {}),
    routerOptions: { maxParamLength: 200 },
    // Router-level failures (bad URL encoding, over-long parameters) leave through the same envelope.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  });
  app.setValidatorCompiler(localizedValidatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  // Only JSON (and multipart where a plugin adds it) is accepted; text/plain would reach zod as a string.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);
  installEdgeGuards(app);
  if (options.checkResponses) installContractCheck(app, options.checkResponses);
  installSecurityHeaders(app);
  installCrossSiteCheck(app, { publicUrl: options.publicUrl });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    // API answers carry user data: never cached by browsers or proxies.
    if (
      request.url.startsWith('/api/') &&
      !request.url.startsWith('/api/docs') &&
      !reply.hasHeader('cache-control')
    ) {
      reply.header('cache-control', 'no-store');
    }
  });

  const services: ServerServices = {
    store: options.store,
    clock,
    published: new PublishedApps(options.store),
  };
  app.decorate('stagecraft', services);
  // Import jobs run in the server process: queued ones, and those a dead process left behind.
  services.imports = new ImportRunner(services, {
    log: (message, error) => app.log.error({ err: error }, message),
    ...options.importRunner,
  });
  app.addHook('onReady', async () => services.imports?.start());
  app.addHook('onClose', async () => services.imports?.stop());

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Stagecraft API',
        version: '0.1.0',
        description: 'Apps, drafts, versions and records of Stagecraft.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'stagecraft_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: openApiTransform,
    transformObject: openApiTransformObject,
  });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), public: true };
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', validatorUrl: null },
  });

  const sessions = { ...DEFAULT_SESSION_TIMEOUTS, ...options.sessionTimeouts };
  const signInLimits = { ...DEFAULT_SIGN_IN_LIMITS, ...options.signInLimits };
  installAuthentication(app, options.store, clock, sessions);
  if (options.statements) installStatementCount(app, options.statements);
  installWorkPriority(app, options.store.schedulesWork ?? true);

  await app.register(healthRoutes);
  await app.register(authRoutes, { store: options.store, clock, signInLimits, sessions });
  await app.register(sessionRoutes, { store: options.store, clock, sessions });
  await app.register(userRoutes);
  await app.register(passwordRoutes, { store: options.store, clock, signInLimits });
  await app.register(userImportRoutes);
  await app.register(appRoutes);
  await app.register(recordRoutes);
  await app.register(importExportRoutes);
  await app.register(titleRoutes);
  await app.register(everydayRoutes);
  await app.register(savedViewRoutes);
  // Route plugins of other parts register below (transitions, attachments, templates).
  await app.register(transitionRoutes);
  await app.register(attachmentRoutes, options.uploadMaxBytes ? { maxBytes: options.uploadMaxBytes } : {});
  await app.register(inboxRoutes);
  await app.register(taskRoutes);
  await app.register(approvalRoutes);
  await app.register(automationRunRoutes);
  await app.register(webhookRoutes);
  await app.register(templateRoutes, options.templatesRoot ? { root: options.templatesRoot } : {});
  await app.register(dashboardRoutes);
  await app.register(goalRoutes);
  await app.register(forecastRoutes);

  app.setNotFoundHandler((request, reply) => {
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (options.webDir && read && !request.url.startsWith('/api')) return sendIndexHtml(reply);
    const { status, body } = envelopeForCode(
      'NOT_FOUND',
      requestLocale(request),
      request.url.split('?')[0] ?? '',
    );
    return reply.status(status).send(body);
  });
  if (options.webDir) await installWebApp(app, options.webDir);
  return app;
}
