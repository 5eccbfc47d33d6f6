import type { ApiTokenGrant } from '@stagecraft/store';
import { describe, expect, it } from 'vitest';
import { tokenExpired, tokenRefusal } from './token-scope.js';

const grant = (scope: ApiTokenGrant['scope'], appId: string | null = null): ApiTokenGrant => ({
  id: 't',
  scope,
  appId,
  expiresAt: null,
});
const records = '/api/apps/:app/entities/:entity/records';

describe('token scope', () => {
  it('read-only: GET and the contract’s readsOnly POSTs pass, other writes do not', () => {
    const ro = grant('read-only');
    expect(tokenRefusal(ro, { method: 'GET', routePath: records, params: { app: 'a' } })).toBeNull();
    expect(tokenRefusal(ro, { method: 'POST', routePath: `${records}/query`, params: {} })).toBeNull();
    expect(tokenRefusal(ro, { method: 'POST', routePath: `${records}/aggregate`, params: {} })).toBeNull();
    expect(tokenRefusal(ro, { method: 'POST', routePath: records, params: {} })).toBe('TOKEN_READ_ONLY');
    expect(tokenRefusal(ro, { method: 'DELETE', routePath: `${records}/:id`, params: {} })).toBe(
      'TOKEN_READ_ONLY',
    );
  });

  it('app: only routes of its app, and who am I', () => {
    const one = grant('app', 'sales');
    expect(tokenRefusal(one, { method: 'POST', routePath: records, params: { app: 'sales' } })).toBeNull();
    expect(tokenRefusal(one, { method: 'GET', routePath: '/api/auth/me', params: {} })).toBeNull();
    expect(tokenRefusal(one, { method: 'GET', routePath: records, params: { app: 'store' } })).toBe(
      'TOKEN_OUT_OF_SCOPE',
    );
    expect(tokenRefusal(one, { method: 'GET', routePath: '/api/apps', params: {} })).toBe(
      'TOKEN_OUT_OF_SCOPE',
    );
    expect(tokenRefusal(one, { method: 'GET', routePath: '/api/inbox', params: {} })).toBe(
      'TOKEN_OUT_OF_SCOPE',
    );
  });

  it('no scope manages tokens or sessions', () => {
    for (const scope of ['read-only', 'read-write', 'app'] as const)
      for (const routePath of ['/api/auth/tokens', '/api/auth/tokens/:id', '/api/auth/sessions/:id'])
        expect(tokenRefusal(grant(scope, 'a'), { method: 'GET', routePath, params: {} })).toBe(
          'TOKEN_NOT_ALLOWED',
        );
  });

  it('expires at its expiry instant', () => {
    const t = { ...grant('read-write'), expiresAt: '2030-01-01T00:00:00.000Z' };
    expect(tokenExpired(t, new Date('2029-12-31T23:59:59.999Z'))).toBe(false);
    expect(tokenExpired(t, new Date('2030-01-01T00:00:00.000Z'))).toBe(true);
    expect(tokenExpired(grant('read-write'), new Date('2100-01-01T00:00:00Z'))).toBe(false);
  });
});
