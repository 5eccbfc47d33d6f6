/**
 * The OpenAPI document is valid and complete: swagger-parser validates it (every `$ref` resolves),
 * openapi-typescript generates a client from it, every route of @stagecraft/contract is in it, and
 * every route fastify registered under /api is a contract route (buildApp's contract check throws
 * otherwise, so building the app here proves that direction).
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { allRoutes, SlaStateEnum } from '@stagecraft/contract';
import { SLA_STATES } from '@stagecraft/engine';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { ContractMismatch } from '../src/contract-check.js';
import { checkedResponses, FakeClock } from './support.js';

/** `/api/apps/:app` → `/api/apps/{app}` */
const openApiPath = (path: string) => path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

describeDialects('OpenAPI document', (ctx) => {
  let app: FastifyInstance;
  let doc: { paths: Record<string, Record<string, unknown>>; components?: { schemas?: object } };

  beforeAll(async () => {
    app = await buildApp({ store: ctx.store, clock: new FakeClock(), ...checkedResponses() });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(() => app.close());

  it('validates, with every referenced schema in components', async () => {
    const refs = new Set([...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]));
    const components = Object.keys(doc.components?.schemas ?? {});
    for (const ref of refs) expect(components, ref).toContain(ref?.replace('#/components/schemas/', ''));
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('generates TypeScript types with openapi-typescript', async () => {
    const ts = astToString(await openapiTS(structuredClone(doc) as never));
    expect(ts).toContain('"/api/apps/{app}/entities/{entity}/records/{id}/transitions"');
    expect(ts).toContain('ErrorEnvelope');
    expect(ts).not.toMatch(/components\["schemas"\]\["schema\d+"\]/);
  });

  it('holds every route of the contract, and nothing else under /api', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const declared = allRoutes().map((r) => `${r.method} ${openApiPath(r.path)}`);
    expect(new Set(declared).size).toBe(declared.length);
    expect(documented.filter((d) => d.includes(' /api/')).sort()).toEqual([...declared].sort());
    for (const r of allRoutes()) expect(app.hasRoute({ method: r.method, url: r.path }), r.path).toBe(true);
  });

  it('answers without a session exactly the routes the contract marks public', async () => {
    for (const r of allRoutes()) {
      const url = r.path.replace(/:(\w+)/g, (_m, name: string) =>
        name === 'version' || name === 'id' ? '1' : 'x',
      );
      const res = await app.inject({ method: r.method, url });
      expect(res.statusCode === 401, `${r.method} ${r.path}: ${res.statusCode}`).toBe(r.public !== true);
    }
  });

  it('documents the error envelope and file answers', () => {
    const get = doc.paths['/api/apps/{app}/entities/{entity}/records/{id}']?.get as {
      responses: Record<string, { content: Record<string, { schema: unknown }> }>;
    };
    expect(get.responses['4XX']?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/ErrorEnvelope',
    });
    const exported = doc.paths['/api/apps/{app}/entities/{entity}/export']?.get as {
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    expect(Object.keys(exported.responses['200']?.content ?? {})).toContain('text/csv');
  });

  it('refuses to build a server with a route the contract lacks', async () => {
    const other = await buildApp({ store: ctx.store, ...checkedResponses() });
    expect(() => other.get('/api/not-in-the-contract', async () => ({}))).toThrow(
      /GET \/api\/not-in-the-contract is not a route of @stagecraft\/contract/,
    );
    await other.close();
  });

  it('reports an answer that breaks the contract', async () => {
    const seen: ContractMismatch[] = [];
    const other = await buildApp({ store: ctx.store, checkResponses: (m) => seen.push(m) });
    // The health answer sent as text: the check runs on what leaves the server, whatever made it.
    other.addHook('preSerialization', async (request, reply, payload) => {
      if (request.url === '/api/health') reply.type('text/plain');
      return payload;
    });
    expect((await other.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(seen).toEqual([
      {
        route: 'GET /api/health',
        url: '/api/health',
        status: 200,
        issues: [{ path: '', message: 'expected a JSON body, got text/plain' }],
      },
    ]);
    await other.close();
  });

  it('spells the SLA states as the engine does', () => {
    expect([...SlaStateEnum.options].sort()).toEqual([...SLA_STATES].sort());
  });
});
