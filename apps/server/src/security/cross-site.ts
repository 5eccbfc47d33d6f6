/**
 * Cross-site request refusal. A browser attaches the session cookie to requests that another page
 * makes: an auto-submitted form, a `no-cors` fetch. SameSite=Lax stops other *sites* from writing,
 * but not other origins of the same site (another port of the same host, a sibling subdomain). So
 * every state-changing request (POST, PUT, PATCH, DELETE) that is not authenticated by an
 * `Authorization: Bearer` token, including sign-in itself (login CSRF), must
 *
 * - come from the app's own origin: an `Origin` header, when present, is one of the app's origins,
 *   and a `Sec-Fetch-Site` header, when present, is `same-origin` or `none` (else 403
 *   CROSS_SITE_REQUEST); a request with neither (curl, server-to-server) passes this check;
 * - carry JSON (`application/json`, `application/*+json`) or `multipart/form-data` when it has a
 *   body: `text/plain` and form-encoded bodies, which a page may send cross-origin without a CORS
 *   preflight, get 415 UNSUPPORTED_MEDIA_TYPE.
 *
 * The app's origins: the one the request was addressed to (`Host`, or `X-Forwarded-Host` and
 * `X-Forwarded-Proto` when the server trusts its proxy) and `PUBLIC_URL` when configured.
 * Bearer-token requests are never checked: a browser cannot attach the token on its own.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../errors/issues-error.js';

/** Methods that change nothing; never checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `Sec-Fetch-Site` values of a request the app's own pages (or the user, typing a URL) made. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/** What the check needs to know beyond the request. */
export interface CrossSiteOptions {
  /** The address users reach the app at (`PUBLIC_URL`), when it differs from the request's Host. */
  publicUrl?: string | undefined;
}

/** The origin (`scheme://host[:port]`, lower case) of a configured URL; throws on a malformed one. */
export function originOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`PUBLIC_URL is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`PUBLIC_URL must be an http(s) URL: ${url}`);
  return parsed.origin.toLowerCase();
}

/** True when the request authenticates with an API token instead of the session cookie. */
function isBearer(request: FastifyRequest): boolean {
  const auth = request.headers.authorization;
  return typeof auth === 'string' && /^bearer\s+\S/i.test(auth);
}

/** True for a JSON or multipart media type (parameters such as charset or boundary ignored). */
export function isAcceptedBodyType(contentType: string): boolean {
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    type === 'application/json' ||
    /^application\/[a-z0-9!#$&^_.-]+\+json$/.test(type) ||
    type === 'multipart/form-data'
  );
}

/** `scheme://host[:port]` as browsers write it (lower case, no default port), or null. */
function normalOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? null : url.origin.toLowerCase();
  } catch {
    return null;
  }
}

/** True when `origin` is the one the request was addressed to, or the configured one. */
function isOwnOrigin(request: FastifyRequest, origin: string, configured: string | undefined): boolean {
  const claimed = normalOrigin(origin);
  if (claimed === null) return false;
  return claimed === configured || claimed === normalOrigin(`${request.protocol}://${request.host}`);
}

/** Adds the check as an onRequest hook of the root instance, before authentication. */
export function installCrossSiteCheck(app: FastifyInstance, options: CrossSiteOptions = {}): void {
  const configured = options.publicUrl ? originOf(options.publicUrl) : undefined;
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || isBearer(request)) return;
    const origin = request.headers.origin;
    if (origin !== undefined && !isOwnOrigin(request, String(origin), configured))
      fail('CROSS_SITE_REQUEST', '/headers/origin');
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && !OWN_FETCH_SITES.has(String(site).toLowerCase()))
      fail('CROSS_SITE_REQUEST', '/headers/sec-fetch-site');
    const type = request.headers['content-type'];
    if (type !== undefined && !isAcceptedBodyType(String(type)))
      fail('UNSUPPORTED_MEDIA_TYPE', '/headers/content-type', {
        en: 'Send JSON or multipart/form-data from the app itself, or use an API token.',
        'zh-CN': '请在应用内以 JSON 或 multipart/form-data 提交，或使用 API 令牌。',
      });
  });
}
