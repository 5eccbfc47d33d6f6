/**
 * Security headers (src/security/headers.ts) on the API, the web app's pages and files, the
 * not-found answer and /api/docs: a CSP with no inline script and `frame-ancestors 'none'`, frame
 * protection, nosniff and a referrer policy. And HEAD answers wherever GET does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import { describeDialects } from '@stagecraft/store/testing';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { HELMET_OPTIONS, SECURITY_HEADERS } from '../src/security/headers.js';
import { caller, fixtureOn, login } from './support.js';

/** The CSP as directive → sources. */
function csp(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

function expectProtected(res: LightMyRequestResponse, what: string) {
  const policy = csp(res);
  // no inline script ('unsafe-eval' is the rule compiler's `new Function`)
  expect(policy.get('script-src'), what).toEqual(["'self'", "'unsafe-eval'"]);
  expect(policy.get('script-src-attr'), what).toEqual(["'none'"]);
  expect(policy.get('default-src'), what).toEqual(["'self'"]);
  expect(policy.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(policy.get('object-src'), what).toEqual(["'none'"]);
  expect(policy.has('upgrade-insecure-requests'), what).toBe(false);
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
}

describe('the security header table', () => {
  it('is exactly what helmet sends for the same policy, on answers and refusals', async () => {
    const reference = Fastify();
    await reference.register(helmet, { global: true, ...HELMET_OPTIONS });
    reference.get('/ok', async () => ({ ok: true }));
    reference.get('/refused', async () => {
      throw Object.assign(new Error('no'), { statusCode: 403 });
    });
    for (const url of ['/ok', '/refused', '/missing']) {
      const res = await reference.inject({ method: 'GET', url });
      const sent = Object.fromEntries(
        Object.entries(res.headers).filter(
          ([name]) => !['content-type', 'content-length', 'date', 'connection'].includes(name),
        ),
      );
      expect(sent, url).toEqual(SECURITY_HEADERS);
    }
    await reference.close();
  });
});

describeDialects('security headers', (ctx) => {
  let app: FastifyInstance;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'stagecraft-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>',
    );
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log("app")');
    app = await buildApp({ store: ctx.store, webDir });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('sends them on API answers, pages, files, refusals and the not-found answer', async () => {
    const fx = await fixtureOn(ctx.store);
    const rep = caller(app, await login(app, fx.users.east1Rep.email));
    const answers: [string, LightMyRequestResponse][] = [
      ['health', await app.inject({ method: 'GET', url: '/api/health' })],
      ['me', await rep.get('/api/auth/me')],
      ['unauthenticated', await app.inject({ method: 'GET', url: '/api/auth/me' })],
      ['api not found', await app.inject({ method: 'GET', url: '/api/nothing' })],
      ['index', await app.inject({ method: 'GET', url: '/' })],
      ['client route', await app.inject({ method: 'GET', url: '/a/some/page' })],
      ['bundle', await app.inject({ method: 'GET', url: '/assets/app.js' })],
      [
        'cross-site refusal',
        await rep({
          method: 'POST',
          url: '/api/auth/tokens',
          payload: { name: 'x' },
          headers: { origin: 'http://evil.test' },
        }),
      ],
    ];
    for (const [what, res] of answers) {
      expectProtected(res, what);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(res.headers[name], what).toBe(value);
    }
    expect(answers.find(([w]) => w === 'cross-site refusal')?.[1].statusCode).toBe(403);
  });

  it('answers HEAD wherever GET answers: the app’s pages, its files and the API', async () => {
    for (const url of ['/', '/a/some/page', '/assets/app.js', '/api/health']) {
      const get = await app.inject({ method: 'GET', url });
      const head = await app.inject({ method: 'HEAD', url });
      expect(get.statusCode, url).toBe(200);
      expect(head.statusCode, url).toBe(200);
      expect(head.headers['content-type'], url).toBe(get.headers['content-type']);
      expect(head.body, url).toBe('');
      expectProtected(head, `HEAD ${url}`);
    }
    expect((await app.inject({ method: 'HEAD', url: '/api/nothing' })).statusCode).toBe(404);
  });

  it('keeps /api/docs working under the same policy: its scripts are files, none inline', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expectProtected(page, 'docs');
    const html = page.body;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const initializer = await app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(initializer.statusCode).toBe(200);
    expect(initializer.body).toContain('SwaggerUIBundle');
  });
});
