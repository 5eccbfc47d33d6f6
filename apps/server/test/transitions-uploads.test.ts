/**
 * Evidence uploads through the HTTP API on PGlite and PostgreSQL: stored with sha256, size, MIME,
 * uploader and server time; over the limit (413), forbidden type (415) or mismatched declared size
 * (400) refused with no file and no row left; reads scoped to the workspace and the record's scope.
 */
import { createHash } from 'node:crypto';
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
import { caller, checkedResponses, envelope, FakeClock, fixtureOn, login } from './support.js';
import { multipart, PDF, PNG, pipelineApp, upload } from './transitions-fixture.js';

const LIMIT = 4096;

describeDialects('evidence uploads API', (ctx) => {
  const clock = new FakeClock(new Date('2026-05-01T02:00:00.000Z'));
  let app: FastifyInstance;
  let fx: OrgFixture;
  let cookies: Record<'admin' | 'east1Rep' | 'westRep', string>;
  const rows = async () =>
    Number(
      (
        await ctx.store.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const left = async () => ({ rows: await rows(), files: await ctx.store.blobs.listAll() });

  beforeAll(async () => {
    app = await buildApp({
      store: serverStoreOf(ctx.store),
      clock,
      uploadMaxBytes: LIMIT,
      ...checkedResponses(),
    });
    await app.ready();
    fx = await fixtureOn(ctx.store, 'Upload workspace');
    cookies = {
      admin: await login(app, fx.users.admin.email),
      east1Rep: await login(app, fx.users.east1Rep.email),
      westRep: await login(app, fx.users.westRep.email),
    };
    const admin = caller(app, cookies.admin);
    expect((await admin.post('/api/apps', pipelineApp())).statusCode).toBe(201);
    expect((await admin.post('/api/apps/crm/publish')).statusCode).toBe(201);
  });
  afterAll(() => app.close());

  it('stores a file with sha256, size, sniffed MIME, uploader and server time, and serves it back', async () => {
    const res = await upload(
      app,
      cookies.east1Rep,
      { name: 'shelf.png', type: 'image/png', data: PNG },
      { size: String(PNG.length) },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'shelf.png',
      mime: 'image/png',
      size: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
      uploadedBy: fx.users.east1Rep.id,
      createdAt: '2026-05-01T02:00:00.000Z',
    });
    const id = (res.json() as { id: string }).id;
    const content = await caller(app, cookies.east1Rep).get(`/api/attachments/${id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.rawPayload.equals(PNG)).toBe(true);
    // someone else's loose upload is not visible
    expect((await caller(app, cookies.westRep).get(`/api/attachments/${id}`)).statusCode).toBe(404);
  });

  it('refuses over-limit, forbidden and mismatched uploads with 4xx and leaves no file or row', async () => {
    const before = await left();
    const cases: [Parameters<typeof upload>[2], Record<string, string>, number, string][] = [
      [
        { name: 'big.pdf', type: 'application/pdf', data: Buffer.concat([PDF, Buffer.alloc(LIMIT, 0x20)]) },
        {},
        413,
        'UPLOAD_TOO_LARGE',
      ],
      [
        { name: 'big.png', type: 'image/png', data: Buffer.concat([PNG, Buffer.alloc(LIMIT * 20, 1)]) },
        { size: String(PNG.length + LIMIT * 20) },
        413,
        'UPLOAD_TOO_LARGE',
      ],
      [
        { name: 'tool.exe', type: 'application/octet-stream', data: Buffer.from('MZ\x90\x00rest') },
        {},
        415,
        'UPLOAD_TYPE_FORBIDDEN',
      ],
      [
        { name: 'page.html', type: 'text/html', data: Buffer.from('<html><script>x</script></html>') },
        {},
        415,
        'UPLOAD_TYPE_FORBIDDEN',
      ],
      [
        { name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('#!/bin/sh\nrm -rf /\n') },
        {},
        415,
        'UPLOAD_TYPE_FORBIDDEN',
      ],
      [
        { name: 'signed.pdf', type: 'application/pdf', data: PDF },
        { size: String(PDF.length + 10) },
        400,
        'UPLOAD_SIZE_MISMATCH',
      ],
    ];
    for (const [file, fields, status, code] of cases) {
      const res = await upload(app, cookies.east1Rep, file, fields);
      expect(res.statusCode, `${file.name}: ${res.body}`).toBe(status);
      expect(envelope(res).code).toBe(code);
    }
    // a declared size in a field after the file, and in the X-File-Size header
    const late = multipart({ name: 'late.pdf', type: 'application/pdf', data: PDF }, {}, { size: '1' });
    const lateRes = await app.inject({
      method: 'POST',
      url: '/api/attachments',
      payload: late.payload,
      headers: { ...late.headers, cookie: cookies.east1Rep },
    });
    expect(lateRes.statusCode, lateRes.body).toBe(400);
    expect(envelope(lateRes).code).toBe('UPLOAD_SIZE_MISMATCH');
    const header = multipart({ name: 'h.pdf', type: 'application/pdf', data: PDF });
    const headerRes = await app.inject({
      method: 'POST',
      url: '/api/attachments',
      payload: header.payload,
      headers: { ...header.headers, cookie: cookies.east1Rep, 'x-file-size': '3' },
    });
    expect(envelope(headerRes).code).toBe('UPLOAD_SIZE_MISMATCH');
    expect(await left()).toEqual(before);
    // not multipart at all
    expect((await caller(app, cookies.east1Rep).post('/api/attachments', { file: 'x' })).statusCode).toBe(
      415,
    );
  });

  it('scopes evidence to the record: readable by who can read the record, frozen once linked', async () => {
    const rep = caller(app, cookies.east1Rep);
    const deal = (await rep.post('/api/apps/crm/entities/deal/records', { title: '证据' })).json() as {
      id: string;
    };
    await rep.post(`/api/apps/crm/entities/deal/records/${deal.id}/transitions`, { to: 'needs' });
    const file = (
      await upload(
        app,
        cookies.east1Rep,
        { name: 'm.pdf', type: 'application/pdf', data: PDF },
        { app: 'crm', entity: 'deal', recordId: deal.id },
      )
    ).json() as { id: string; recordId: string };
    expect(file.recordId).toBe(deal.id);
    const moved = await rep.post(`/api/apps/crm/entities/deal/records/${deal.id}/transitions`, {
      to: 'proposal',
      fields: { painPoints: 'p' },
      evidence: { minutes: [file.id] },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await caller(app, cookies.admin).get(`/api/attachments/${file.id}`)).statusCode).toBe(200);
    expect((await caller(app, cookies.westRep).get(`/api/attachments/${file.id}`)).statusCode).toBe(404);
    // the database itself refuses to swap or relink linked evidence
    await expect(
      ctx.store.db.updateTable('attachments').set({ record_id: 'other' }).where('id', '=', file.id).execute(),
    ).rejects.toThrow(/evidence/);
    await expect(ctx.store.db.deleteFrom('attachments').where('id', '=', file.id).execute()).rejects.toThrow(
      /evidence/,
    );
    expect((await rep.del(`/api/attachments/${file.id}`)).statusCode).toBe(404);
  });
});
