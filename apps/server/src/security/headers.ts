/**
 * Security headers on every answer (helmet's, as a table), API and web app alike:
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

/** The options @fastify/helmet would take for this policy (security-headers.test.ts checks the table against it). */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  // The app is one origin; nothing needs to embed its resources cross-origin.
  crossOriginResourcePolicy: { policy: 'same-origin' },
} as const;

/**
 * Every header of the policy, computed once: what helmet with HELMET_OPTIONS sends (its defaults
 * plus the choices above), as a table. Registering helmet itself rebuilt its middleware from the
 * options on every request, a measurable share of a small request's CPU (docs/benchmarks.md).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': Object.entries(CSP_DIRECTIVES)
    .filter((entry): entry is [string, string[]] => entry[1] !== null)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join(';'),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

const HEADER_ENTRIES = Object.entries(SECURITY_HEADERS);

/**
 * Sets the headers on every answer from the first hook on, as helmet did: on the raw response, so
 * that refusals, errors and the not-found answer carry them too.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of HEADER_ENTRIES) reply.raw.setHeader(name, value);
    done();
  });
}
