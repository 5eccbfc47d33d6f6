import { API } from '@stagecraft/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call } from './client.js';
import { onSessionEnded, setRequestLocale } from './http.js';

/** Answers every fetch with this status and JSON (or text) body, recording the requests. */
function serve(status: number, body: unknown, type = 'application/json') {
  const requests: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'content-type': type } });
  });
  return requests;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setRequestLocale('zh-CN');
});

const attachment = {
  id: 'f1',
  name: '合同.pdf',
  mime: 'application/pdf',
  size: 3,
  sha256: 'ab',
  uploadedBy: 'u1',
  createdAt: '2026-01-01T00:00:00.000Z',
  app: null,
  entity: null,
  recordId: null,
  transitionId: null,
  requirementId: null,
  historyId: null,
  linkedAt: null,
  url: '/api/attachments/f1/content',
};

describe('the web client', () => {
  it('sends JSON with the UI language and returns the parsed answer', async () => {
    setRequestLocale('en');
    const requests = serve(200, { revision: 4 });
    const r = await call(API.apps.saveDraft, { params: { app: 'sales' }, body: { baseRevision: 3 } });
    expect(r).toEqual({ ok: true, value: { revision: 4 } });
    expect(requests[0]?.url).toBe('/api/apps/sales/draft');
    expect(requests[0]?.init).toMatchObject({
      method: 'PUT',
      body: '{"baseRevision":3}',
      headers: { 'accept-language': 'en', 'content-type': 'application/json' },
    });
  });

  it('reads the attachment metadata as the contract spells it, and nothing else', async () => {
    serve(200, attachment);
    expect(await call(API.attachments.getAttachment, { params: { id: 'f1' } })).toEqual({
      ok: true,
      value: attachment,
    });
    const { name: _name, ...renamed } = attachment;
    serve(200, { ...renamed, filename: '合同.pdf' });
    const r = await call(API.attachments.getAttachment, { params: { id: 'f1' } });
    expect(r).toMatchObject({
      ok: false,
      error: {
        status: 200,
        code: 'CONTRACT_MISMATCH',
        message: '服务器返回的数据格式与本应用不一致。',
        details: [{ path: '/name', code: 'CONTRACT_MISMATCH' }],
      },
    });
  });

  it('turns the error envelope into an error value, and any other failure into its status', async () => {
    serve(409, {
      error: {
        code: 'VERSION_CONFLICT',
        message: 'stale',
        details: [{ path: '/version', code: 'VERSION_CONFLICT', message: 'stale', details: { current: 3 } }],
      },
    });
    expect(await call(API.records.getRecord, { params: { app: 'a', entity: 'b', id: 'c' } })).toEqual({
      ok: false,
      error: {
        status: 409,
        code: 'VERSION_CONFLICT',
        message: 'stale',
        details: [{ path: '/version', code: 'VERSION_CONFLICT', message: 'stale', details: { current: 3 } }],
      },
    });
    serve(502, '<h1>Bad gateway</h1>', 'text/html');
    expect(await call(API.health.health)).toEqual({
      ok: false,
      error: { status: 502, code: 'HTTP_502', message: '<h1>Bad gateway</h1>', details: [] },
    });
  });
});

describe('a session that ended elsewhere', () => {
  it('tells the shell on a 401 UNAUTHENTICATED, not on a wrong password', async () => {
    let ended = 0;
    const stop = onSessionEnded(() => ended++);
    serve(401, { error: { code: 'INVALID_CREDENTIALS', message: 'wrong', details: [] } });
    await call(API.auth.login, { body: { email: 'a@b.c', password: 'x' } });
    expect(ended).toBe(0);
    serve(401, { error: { code: 'UNAUTHENTICATED', message: 'sign in', details: [] } });
    await call(API.auth.listSessions);
    expect(ended).toBe(1);
    stop();
    await call(API.auth.listSessions);
    expect(ended).toBe(1);
  });
});
