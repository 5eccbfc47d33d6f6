/**
 * Files follow records in the store: every write path (create, update, bulk import, transition)
 * links the files a record's values hold (subtable rows included) to that record, only for files of
 * the writer's workspace; `recordsOf` lists them with the record named at upload; records written
 * before links existed are linked by the migration's backfill; reads carry each file's `url`.
 */
import { Readable } from 'node:stream';
import type { Entity } from '@stagecraft/schema';
import { beforeAll, expect, it } from 'vitest';
import { backfill } from '../src/migrations/102-attachment-links.js';
import { createOrgFixture, describeDialects, type OrgFixture } from '../src/testing/index.js';
import { testApp } from './fixtures/test-app.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const now = new Date('2026-04-01T09:00:00.000Z');

const visit: Entity = {
  id: 'visit',
  label: label('Visit'),
  fields: [
    { id: 'name', label: label('Name'), type: 'text' },
    { id: 'photos', label: label('Photos'), type: 'image' },
    {
      id: 'rows',
      label: label('Rows'),
      type: 'subtable',
      fields: [
        { id: 'sku', label: label('SKU'), type: 'text' },
        { id: 'shot', label: label('Shot'), type: 'image' },
      ],
    },
  ],
} as Entity;

describeDialects('attachment links', (ctx) => {
  let org: OrgFixture;
  let other: OrgFixture;
  /** The link of a file a later write dropped from its record's value (kept, not backfilled). */
  let dropped = '';
  const links = async () =>
    (
      await ctx.store.db
        .selectFrom('attachment_links')
        .select(['attachment_id', 'record_id'])
        .orderBy('attachment_id')
        .orderBy('record_id')
        .execute()
    ).map((r) => `${r.attachment_id}>${r.record_id}`);
  const upload = async (fx: OrgFixture, name: string) => {
    const r = await ctx.store.attachments.upload(fx.actors.east1Rep, {
      name,
      body: Readable.from([PNG]),
      maxBytes: 1024,
      now,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value;
  };
  const file = (a: { id: string; name: string; size: number; mime: string; sha256: string }) => ({
    id: a.id,
    name: a.name,
    size: a.size,
    mime: a.mime,
    sha256: a.sha256,
  });

  beforeAll(async () => {
    org = await createOrgFixture(ctx.store);
    other = await createOrgFixture(ctx.store, { name: 'Other' });
    for (const fx of [org, other]) {
      await ctx.store.apps.create(fx.actors.admin, testApp(visit));
      const published = await ctx.store.apps.publish(fx.actors.admin, 'crm', testApp(visit));
      if (!published.ok) throw new Error(JSON.stringify(published.issues));
    }
  });

  it('links on create, update and bulk import, subtable rows included, never across workspaces', async () => {
    const rep = org.actors.east1Rep;
    const [a, b, c, d] = [
      await upload(org, 'a.png'),
      await upload(org, 'b.png'),
      await upload(org, 'c.png'),
      await upload(org, 'd.png'),
    ];
    const foreign = await upload(other, 'x.png');
    const created = await ctx.store.records.create(rep, 'crm', 'visit', {
      name: 'v1',
      photos: [file(a), file(foreign)],
      rows: [{ sku: 's', shot: [file(b)] }],
    });
    if (!created.ok) throw new Error(JSON.stringify(created.issues));
    // reads carry the content url, in fields and rows
    expect((created.value.photos as { url: string }[])[0]?.url).toBe(`/api/attachments/${a.id}/content`);
    expect((created.value.rows as { shot: { url: string }[] }[])[0]?.shot[0]?.url).toBe(
      `/api/attachments/${b.id}/content`,
    );
    const v1 = created.value.id;
    dropped = `${a.id}>${v1}`;
    const updated = await ctx.store.records.update(rep, 'crm', 'visit', v1, 1, { photos: [file(c)] });
    expect(updated.ok).toBe(true);
    const imported = await ctx.store.imports.createMany(org.actors.admin, 'crm', 'visit', [
      { values: { name: 'v2', photos: [file(a), file(d)] } },
    ]);
    if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
    const v2 = imported.value.ids[0] as string;
    expect(await links()).toEqual(
      [`${a.id}>${v1}`, `${b.id}>${v1}`, `${c.id}>${v1}`, `${a.id}>${v2}`, `${d.id}>${v2}`].sort(),
    );
    // a file on two records is on both; the dropped one stays on v1 (the audit trail shows it)
    const on = await ctx.store.attachments.recordsOf(rep, [a.id, foreign.id]);
    expect(
      on
        .get(a.id)
        ?.map((k) => k.recordId)
        .sort(),
    ).toEqual([v1, v2].sort());
    expect(on.has(foreign.id)).toBe(false);
    expect((await ctx.store.attachments.recordsOf(other.actors.admin, [a.id])).size).toBe(0);
  });

  it('backfills links of records written before links existed, from their current values', async () => {
    const before = await links();
    expect(before).toContain(dropped);
    await ctx.store.db.deleteFrom('attachment_links').execute();
    expect(await links()).toEqual([]);
    await backfill(ctx.store.db);
    expect(await links()).toEqual(before.filter((l) => l !== dropped));
  });
});
