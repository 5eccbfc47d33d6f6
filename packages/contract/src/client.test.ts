import { describe, expect, it } from 'vitest';
import { API } from './api.js';
import { defineClient, type TransportRequest, type TransportResult } from './client.js';

type Err = { code: string; paths?: string[] };

/** A client whose transport answers from a table and records what it was asked. */
function clientAnswering(answer: (r: TransportRequest) => TransportResult<Err>) {
  const sent: TransportRequest[] = [];
  const client = defineClient<Err>(
    async (r) => {
      sent.push(r);
      return answer(r);
    },
    (m) => ({ code: 'CONTRACT_MISMATCH', paths: m.issues.map((i) => i.path) }),
  );
  return { client, sent };
}

const record = { id: 'r1', version: 2, stage: 'qualify', amount: 10 };

describe('defineClient', () => {
  it('builds the URL from params and query, sends the body, and parses the answer', async () => {
    const { client, sent } = clientAnswering(() => ({
      ok: true,
      status: 200,
      body: { records: [record], total: 1, limit: 5, offset: 0 },
    }));
    const r = await client.call(API.records.listRecords, {
      params: { app: 'sales', entity: 'deal' },
      query: { limit: 5, search: 'a b', filter: undefined },
    });
    expect(sent).toEqual([
      { method: 'GET', url: '/api/apps/sales/entities/deal/records?limit=5&search=a%20b' },
    ]);
    expect(r).toEqual({ ok: true, value: { records: [record], total: 1, limit: 5, offset: 0 } });
  });

  it('encodes path parameters', async () => {
    const { client, sent } = clientAnswering(() => ({ ok: true, status: 200, body: record }));
    await client.call(API.records.getRecord, { params: { app: 'sales', entity: 'deal', id: 'a/b?c' } });
    expect(sent[0]?.url).toBe('/api/apps/sales/entities/deal/records/a%2Fb%3Fc');
  });

  it('turns an answer that breaks the contract into an error naming the paths', async () => {
    const { client } = clientAnswering(() => ({
      ok: true,
      status: 201,
      body: { id: 'f1', filename: 'x.png', size: 3 },
    }));
    const r = await client.call(API.attachments.uploadAttachment, { body: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.paths).toEqual(expect.arrayContaining(['/name', '/mime', '/sha256']));
  });

  it('refuses a status the route does not declare', async () => {
    const { client } = clientAnswering(() => ({ ok: true, status: 200, body: record }));
    const r = await client.call(API.records.createRecord, {
      params: { app: 'sales', entity: 'deal' },
      body: { amount: 1 },
    });
    expect(r).toEqual({ ok: false, error: { code: 'CONTRACT_MISMATCH', paths: [''] } });
  });

  it('passes the transport error through', async () => {
    const { client } = clientAnswering(() => ({ ok: false, error: { code: 'RECORD_NOT_FOUND' } }));
    const r = await client.call(API.records.getRecord, { params: { app: 'a', entity: 'b', id: 'c' } });
    expect(r).toEqual({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
  });
});
