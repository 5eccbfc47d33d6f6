import { describe, expect, it } from 'vitest';
import type { TitleRequest } from '../services/runtime-services.js';
import { TitleCache } from './title-cache.js';

describe('TitleCache', () => {
  it('sends every name wanted in one tick in one request, and never asks twice', async () => {
    const sent: TitleRequest[] = [];
    const cache = new TitleCache(async (request) => {
      sent.push(request);
      return {
        ok: true,
        value: {
          refs: { store: { s1: 'Harbour Mart', s2: null }, 'store.code': { s1: 'HM-1' } },
          users: { u1: 'Li Lei' },
          orgUnits: {},
        },
      };
    });
    const a = cache.want([{ kind: 'reference', entity: 'store', id: 's1' }]);
    const b = cache.want([
      { kind: 'reference', entity: 'store', id: 's2' },
      { kind: 'reference', entity: 'store', field: 'code', id: 's1' },
      { kind: 'user', id: 'u1' },
      { kind: 'org_unit', id: 'east' },
    ]);
    expect(cache.get({ kind: 'user', id: 'u1' })).toBeUndefined();
    await Promise.all([a, b]);
    expect(sent).toEqual([
      { refs: { store: ['s1', 's2'], 'store.code': ['s1'] }, users: ['u1'], orgUnits: ['east'] },
    ]);
    expect(cache.get({ kind: 'reference', entity: 'store', id: 's1' })).toBe('Harbour Mart');
    expect(cache.get({ kind: 'reference', entity: 'store', field: 'code', id: 's1' })).toBe('HM-1');
    // hidden, and missing from the answer: both null, never the id
    expect(cache.get({ kind: 'reference', entity: 'store', id: 's2' })).toBeNull();
    expect(cache.get({ kind: 'org_unit', id: 'east' })).toBeNull();
    await cache.want([{ kind: 'user', id: 'u1' }]);
    expect(sent).toHaveLength(1);
  });

  it('names nothing when the request fails, and tells its subscribers', async () => {
    const cache = new TitleCache(async () => ({
      ok: false,
      error: { status: 500, code: 'INTERNAL', message: 'x', details: [] },
    }));
    let told = 0;
    cache.subscribe(() => {
      told++;
    });
    await cache.want([{ kind: 'user', id: 'u1' }]);
    expect(cache.get({ kind: 'user', id: 'u1' })).toBeNull();
    expect(told).toBe(1);
  });
});
