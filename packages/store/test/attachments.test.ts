import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { createOrgFixture, describeDialects, type OrgFixture } from '../src/testing/index.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const PDF = Buffer.from('%PDF-1.7\n%…\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const now = new Date('2026-04-01T09:00:00.000Z');

describeDialects('attachments', (ctx) => {
  let org: OrgFixture;
  const rows = async () =>
    Number(
      (
        await ctx.store.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const files = () => ctx.store.blobs.listAll();

  it('stores an upload with sha256, size, sniffed type, uploader and server time, and reads it back', async () => {
    org = await createOrgFixture(ctx.store);
    const actor = org.actors.east1Rep;
    const result = await ctx.store.attachments.upload(actor, {
      name: 'minutes.pdf',
      declaredMime: 'application/pdf',
      declaredSize: PDF.length,
      body: Readable.from([PDF]),
      maxBytes: 1024,
      now,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      name: 'minutes.pdf',
      mime: 'application/pdf',
      size: PDF.length,
      uploadedBy: actor.userId,
      createdAt: now.toISOString(),
      historyId: null,
    });
    expect(result.value.sha256).toMatch(/^[0-9a-f]{64}$/);
    const opened = await ctx.store.attachments.open(actor, result.value.id);
    if (!opened.ok) throw new Error('not found');
    const chunks: Buffer[] = [];
    for await (const c of opened.value.body) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(PDF)).toBe(true);
    // another workspace cannot see it
    const other = await createOrgFixture(ctx.store, { name: 'Other' });
    expect((await ctx.store.attachments.get(other.actors.admin, result.value.id)).ok).toBe(false);
  });

  it('refuses too large, forbidden and mismatched uploads leaving no file and no row', async () => {
    const actor = org.actors.east1Rep;
    const before = { rows: await rows(), files: (await files()).length };
    const big = Buffer.alloc(5000, 1);
    const cases = [
      [{ name: 'big.png', body: Readable.from([PNG, big]), maxBytes: 1024 }, 'UPLOAD_TOO_LARGE'],
      [
        { name: 'run.exe', body: Readable.from([Buffer.from('MZ....')]), maxBytes: 1024 },
        'UPLOAD_TYPE_FORBIDDEN',
      ],
      [
        {
          name: 'photo.jpg',
          body: Readable.from([Buffer.from('<script>alert(1)</script>')]),
          maxBytes: 1024,
        },
        'UPLOAD_TYPE_FORBIDDEN',
      ],
      [
        { name: 'photo.png', declaredMime: 'text/html', body: Readable.from([PNG]), maxBytes: 1024 },
        'UPLOAD_TYPE_FORBIDDEN',
      ],
      [{ name: 'notes.txt', body: Readable.from([PDF]), maxBytes: 1024 }, 'UPLOAD_TYPE_FORBIDDEN'],
      [
        { name: 'photo.png', declaredSize: 999, body: Readable.from([PNG]), maxBytes: 1024 },
        'UPLOAD_SIZE_MISMATCH',
      ],
    ] as const;
    for (const [input, code] of cases) {
      const result = await ctx.store.attachments.upload(actor, { ...input, now });
      expect(result.ok ? 'ok' : result.issues[0]?.code, input.name).toBe(code);
    }
    expect({ rows: await rows(), files: (await files()).length }).toEqual(before);
  });

  it('lets the uploader delete a file not used as evidence', async () => {
    const actor = org.actors.east1Rep;
    const up = await ctx.store.attachments.upload(actor, {
      name: 'a.png',
      body: Readable.from([PNG]),
      maxBytes: 1024,
      now,
    });
    if (!up.ok) throw new Error('upload failed');
    expect((await ctx.store.attachments.remove(org.actors.westRep, up.value.id)).ok).toBe(false);
    expect((await ctx.store.attachments.remove(actor, up.value.id)).ok).toBe(true);
    expect((await ctx.store.attachments.get(actor, up.value.id)).ok).toBe(false);
  });
});
