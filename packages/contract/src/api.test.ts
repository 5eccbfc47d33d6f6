import { describe, expect, it } from 'vitest';
import { API, allRoutes, findRoute, routeKey } from './api.js';
import { ErrorEnvelope } from './common.js';
import { routeUrl } from './route.js';

describe('the API contract', () => {
  it('declares each method and path once, under /api', () => {
    const keys = allRoutes().map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of allRoutes()) expect(r.path.startsWith('/api/'), r.path).toBe(true);
  });

  it('gives every route a success answer: JSON schemas by 2xx status, or a file', () => {
    for (const r of allRoutes()) {
      const statuses = Object.keys(r.responses).map(Number);
      expect(statuses.some((s) => s >= 200 && s < 300) || r.file !== undefined, routeKey(r)).toBe(true);
    }
  });

  it('declares a schema for every path parameter', () => {
    for (const r of allRoutes()) {
      const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const shape = (r.params as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      expect(Object.keys(shape).sort(), routeKey(r)).toEqual(names.sort());
    }
  });

  it('finds routes by method and fastify path', () => {
    expect(findRoute('get', '/api/apps/:app/entities/:entity/records/:id')).toBe(API.records.getRecord);
    expect(findRoute('PUT', '/api/apps/:app/entities/:entity/records/:id')).toBeUndefined();
  });

  it('fills path parameters and leaves out absent query keys', () => {
    expect(routeUrl(API.apps.getVersion, { app: 'sales', version: 3 }, { a: undefined, b: 0 })).toBe(
      '/api/apps/sales/versions/3?b=0',
    );
    expect(() => routeUrl(API.apps.getApp, {})).toThrow(/app/);
  });

  it('describes the error envelope the server sends', () => {
    const body = {
      error: { code: 'NOT_FOUND', message: 'x', details: [{ path: '/a', code: 'NOT_FOUND', message: 'x' }] },
    };
    expect(ErrorEnvelope.parse(body)).toEqual(body);
    expect(ErrorEnvelope.safeParse({ error: { code: 'X', message: 'x' } }).success).toBe(false);
  });
});
