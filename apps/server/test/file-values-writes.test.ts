/**
 * File values in the write paths beyond a plain field, on PGlite and PostgreSQL: files inside
 * subtable rows and files a transition's fields carry are resolved to the server's metadata, refused
 * at their path when unknown, and linked to the record, so the record's readers (the rep's manager)
 * open them and a rep of another region gets 404. A file held by a record cannot be deleted.
 */
import { createHash } from 'node:crypto';
import type { OrgFixture } from '@stagecraft/store/testing';
import { actorOf, describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { caller, envelope, FakeClock, fixtureOn, login } from './support.js';
import { PDF, PNG, pipelineApp, upload } from './transitions-fixture.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The fixture pipeline with a file field the `qualify` transition fills and photo rows. */
function appWithFiles(): Record<string, unknown> {
  const app = pipelineApp() as {
    entities: { id: string; fields: unknown[] }[];
    stageMachines: { transitions: { id: string; fields?: unknown[] }[] }[];
  };
  const deal = app.entities.find((e) => e.id === 'deal');
  deal?.fields.push(
    {
      id: 'needsDoc',
      type: 'attachment',
      label: L('需求文档', 'Needs document'),
      accept: ['application/pdf'],
    },
    {
      id: 'shelfRows',
      type: 'subtable',
      label: L('货架', 'Shelf rows'),
      fields: [
        { id: 'sku', type: 'text', label: L('SKU', 'SKU') },
        { id: 'photo', type: 'image', label: L('照片', 'Photo') },
      ],
    },
  );
  const qualify = app.stageMachines[0]?.transitions.find((t) => t.id === 'qualify');
  if (qualify) qualify.fields = [{ field: 'needsDoc' }];
  return app;
}

describeDialects('file values in subtables and transitions', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let rep: ReturnType<typeof caller>;
  let manager: ReturnType<typeof caller>;
  let stranger: ReturnType<typeof caller>;
  const deals = '/api/apps/crm/entities/deal/records';

  beforeAll(async () => {
    app = await buildApp({ store: ctx.store, clock: new FakeClock(new Date('2026-05-01T02:00:00.000Z')) });
    await app.ready();
    fx = await fixtureOn(ctx.store, 'File values');
    const admin = caller(app, await login(app, fx.users.admin.email));
    expect((await admin.post('/api/apps', appWithFiles())).statusCode).toBe(201);
    expect((await admin.post('/api/apps/crm/publish')).statusCode).toBe(201);
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    manager = caller(app, await login(app, fx.users.eastManager.email));
    stranger = caller(app, await login(app, fx.users.westRep.email));
  });
  afterAll(() => app.close());

  it('resolves and links files inside subtable rows', async () => {
    const cookie = await login(app, fx.users.east1Rep.email);
    const photo = (await upload(app, cookie, { name: 'shelf.png', type: 'image/png', data: PNG })).json();
    const unknown = await rep.post(deals, {
      title: '货架',
      shelfRows: [{ sku: 'A-1', photo: [{ id: 'missing' }] }],
    });
    expect(unknown.statusCode).toBe(422);
    expect(envelope(unknown).details.map((d) => [d.code, d.path])).toEqual([
      ['REFERENCE_UNKNOWN', '/shelfRows/0/photo/0/id'],
    ]);
    const created = await rep.post(deals, {
      title: '货架',
      shelfRows: [{ sku: 'A-1', photo: [{ id: photo.id, name: 'renamed.png', size: 9 }] }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().shelfRows[0].photo).toEqual([
      {
        id: photo.id,
        name: 'shelf.png',
        size: PNG.length,
        mime: 'image/png',
        sha256: sha(PNG),
        url: `/api/attachments/${photo.id}/content`,
      },
    ]);
    expect((await manager.get(`/api/attachments/${photo.id}/content`)).statusCode).toBe(200);
    expect((await stranger.get(`/api/attachments/${photo.id}/content`)).statusCode).toBe(404);
    // held by a record: not even its uploader can delete it any more
    const removed = await ctx.store.attachments.remove(actorOf(fx.users.east1Rep), photo.id);
    expect(removed.ok ? 'removed' : removed.issues[0]?.code).toBe('ATTACHMENT_IN_USE');
  });

  it("resolves and links the files a transition's fields carry", async () => {
    const cookie = await login(app, fx.users.east1Rep.email);
    const deal = (await rep.post(deals, { title: '需求' })).json() as { id: string; version: number };
    const doc = (await upload(app, cookie, { name: 'needs.pdf', type: 'application/pdf', data: PDF })).json();
    const blocked = await rep.post(`${deals}/${deal.id}/transitions`, {
      to: 'needs',
      fields: { needsDoc: [{ id: 'missing', name: 'x.pdf' }] },
    });
    expect(blocked.statusCode).toBe(422);
    expect(envelope(blocked).details.map((d) => [d.code, d.path])).toContainEqual([
      'REFERENCE_UNKNOWN',
      '/fields/needsDoc/0/id',
    ]);
    expect((await manager.get(`/api/attachments/${doc.id}`)).statusCode).toBe(404);
    const moved = await rep.post(`${deals}/${deal.id}/transitions`, {
      to: 'needs',
      fields: {
        needsDoc: [{ id: doc.id, name: 'forged.pdf', size: 1, mime: doc.mime, url: 'http://elsewhere/x' }],
      },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().record.needsDoc).toEqual([
      {
        id: doc.id,
        name: 'needs.pdf',
        size: PDF.length,
        mime: 'application/pdf',
        sha256: sha(PDF),
        url: `/api/attachments/${doc.id}/content`,
      },
    ]);
    const opened = await manager.get(`/api/attachments/${doc.id}/content`);
    expect(opened.statusCode).toBe(200);
    expect(sha(opened.rawPayload)).toBe(sha(PDF));
    expect((await stranger.get(`/api/attachments/${doc.id}/content`)).statusCode).toBe(404);
  });
});
