/**
 * Security headers on every answer (@fastify/helmet), API and web app alike:
 *
 * - a Content-Security-Policy with no inline script (`script-src 'self' 'unsafe-eval'`, the second
 *   for the rule compiler; see CSP_DIRECTIVES): the built web app loads
 *   only its own bundles, Monaco's workers come from the same origin (or `blob:`), and /api/docs
 *   (swagger-ui) loads its initializer as a file. Inline *styles* stay allowed: React style
 *   attributes, Monaco and echarts write them. Images may be `data:` and `blob:` (file previews).
 * - `frame-ancestors 'none'` and `X-Frame-Options: DENY`: no other page can frame the app
 *   (clickjacking);
 * - `X-Content-Type-Options: nosniff`;
 * - `Referrer-Policy: strict-origin-when-cross-origin`. Not `no-referrer`: under it a browser sends
 *   `Origin: null` on the app's own POSTs, which the cross-site check (`cross-site.ts`) refuses.
 *
 * `upgrade-insecure-requests` is left out: a server reached over plain http on a LAN address would
 * otherwise send its own pages to an https port that does not exist.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** The Content-Security-Policy directives, as helmet takes them. */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  // 'unsafe-eval' (not inline script): @stagecraft/rules compiles each rule into a function with
  // `new Function`, built only from its own code with rule data passed in as constants.
  'script-src': ["'self'", "'unsafe-eval'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'upgrade-insecure-requests': null,
};

/** Registers helmet on the root instance, for every route and the not-found answer. */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // The app is one origin; nothing needs to embed its resources cross-origin.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
