/**
 * Holds the server to @stagecraft/contract while tests run (`buildApp({ checkResponses })`): every
 * route registered under /api must be a route of the contract (else building the app throws), and
 * every answer is parsed with the contract's schema for its status, an error with the common
 * envelope. A mismatch is reported, not repaired, so the test fails with the route and the paths.
 */
import { ErrorEnvelope, findRoute, parseResponse, type RouteSpec } from '@stagecraft/contract';
import type { FastifyInstance } from 'fastify';

/** An answer that broke the contract. */
export interface ContractMismatch {
  route: string;
  url: string;
  status: number;
  issues: { path: string; message: string }[];
}

const isApi = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

/** The body an answer carries, as text when it is text (a stream is a file). */
function textOf(payload: unknown): string | null {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return null;
}

/** The issues of a body against the contract for its status; empty when it matches. */
export function contractIssues(
  spec: RouteSpec,
  status: number,
  contentType: string,
  payload: unknown,
): { path: string; message: string }[] {
  if (spec.file && status === spec.file.status) return [];
  const text = textOf(payload);
  if (text === null || !contentType.startsWith('application/json'))
    return [{ path: '', message: `expected a JSON body, got ${contentType || 'no content type'}` }];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [{ path: '', message: 'the body is not JSON' }];
  }
  if (status >= 400 && spec.responses[status] === undefined) {
    const parsed = ErrorEnvelope.safeParse(body);
    return parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message }));
  }
  const parsed = parseResponse(spec, status, body);
  return parsed.ok ? [] : parsed.mismatch.issues;
}

/** Installs the route and response checks; call before any route is registered. */
export function installContractCheck(
  app: FastifyInstance,
  report: (mismatch: ContractMismatch) => void,
): void {
  app.addHook('onRoute', (route) => {
    if (!isApi(route.url)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || findRoute(method, route.url)) continue;
      throw new Error(`${method} ${route.url} is not a route of @stagecraft/contract`);
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url;
    if (!url || !isApi(url)) return payload;
    const spec = findRoute(request.method, url);
    if (!spec) return payload;
    const contentType = String(reply.getHeader('content-type') ?? '');
    const issues = contractIssues(spec, reply.statusCode, contentType, payload);
    if (issues.length > 0)
      report({ route: `${spec.method} ${spec.path}`, url: request.url, status: reply.statusCode, issues });
    return payload;
  });
}
