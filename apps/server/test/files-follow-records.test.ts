/**
 * Files follow records, on the demo data of every shipped pack installed exactly as the first start
 * does: for every file a record holds, the owning rep and that rep's manager open it (200, the
 * bytes the metadata describes) and a rep of another team gets 404. Writes resolve files against
 * the workspace: an unknown id or another team's file is refused at its JSON path, and the name,
 * size, mime and sha256 a client sends are replaced by the server's. Generic: entities and file
 * fields are discovered from the published definition.
 */
import { createHash } from 'node:crypto';
import type { Entity, Field } from '@stagecraft/schema';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { firstStartWith } from './first-start.js';
import { type Caller, caller, envelope, FakeClock, login } from './support.js';

const TEMPLATES = ['sales-management', 'store-sales'];
const ADMIN = { ADMIN_EMAIL: 'owner@files.test', ADMIN_PASSWORD: 'files-first-start' };
/** A 1 × 1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6d5a10000000049454e44ae426082',
  'hex',
);

interface FileValue {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  url: string;
}
interface UserRow {
  id: string;
  email: string;
  roles: string[];
  orgUnitId: string | null;
  managerId: string | null;
}
/** One file a record holds, where. */
interface Held {
  file: FileValue;
  entity: string;
  recordId: string;
  owner: string;
  field: string;
}

const holdsFiles = (f: Field) => f.type === 'attachment' || f.type === 'image';

/** Every file item in a record's values, with the field that holds it (subtable rows included). */
function filesOf(entity: Entity, record: Record<string, unknown>): { field: string; file: FileValue }[] {
  const out: { field: string; file: FileValue }[] = [];
  for (const f of entity.fields) {
    const value = record[f.id];
    if (holdsFiles(f) && Array.isArray(value))
      for (const file of value) out.push({ field: f.id, file: file as FileValue });
    if (f.type === 'subtable' && Array.isArray(value))
      for (const row of value as Record<string, unknown>[])
        for (const sub of f.fields.filter(holdsFiles))
          for (const file of (row[sub.id] as FileValue[] | null) ?? []) out.push({ field: f.id, file });
  }
  return out;
}

async function upload(who: Caller, name: string, bytes: Buffer): Promise<FileValue> {
  const boundary = 'files-follow-records';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await who({
    method: 'POST',
    url: '/api/attachments',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as FileValue;
}

for (const template of TEMPLATES) {
  describeDialects(`files follow records: ${template}`, (ctx) => {
    let app: FastifyInstance;
    let admin: Caller;
    let appId: string;
    let entities: Entity[];
    let users: UserRow[];
    let password: string;
    const held: Held[] = [];
    const sessions = new Map<string, Caller>();
    const as = async (user: UserRow): Promise<Caller> => {
      let who = sessions.get(user.id);
      if (!who) {
        who = caller(app, await login(app, user.email, password));
        sessions.set(user.id, who);
      }
      return who;
    };
    const user = (id: string | null) => users.find((u) => u.id === id) as UserRow;
    const recordsUrl = (entity: string) => `/api/apps/${appId}/entities/${entity}/records`;

    beforeAll(async () => {
      const installed = await firstStartWith(ctx.store, ADMIN, template);
      expect(installed.installed).toEqual([template]);
      password = installed.logins[0]?.password as string;
      app = await buildApp({ store: ctx.store, clock: new FakeClock(new Date()) });
      await app.ready();
      admin = caller(app, await login(app, ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD));
      appId = ((await admin.get('/api/apps')).json().apps as { id: string }[])[0]?.id as string;
      entities = (await admin.get(`/api/apps/${appId}/published`)).json().definition.entities as Entity[];
      users = (await admin.get('/api/users')).json().users as UserRow[];
      for (const entity of entities) {
        if (!entity.fields.some((f) => holdsFiles(f) || (f.type === 'subtable' && f.fields.some(holdsFiles))))
          continue;
        for (let offset = 0; ; offset += 500) {
          const page = (await admin.get(`${recordsUrl(entity.id)}?limit=500&offset=${offset}`)).json() as {
            records: Record<string, unknown>[];
          };
          for (const record of page.records)
            for (const { field, file } of filesOf(entity, record))
              held.push({
                file,
                entity: entity.id,
                recordId: record.id as string,
                owner: record.owner as string,
                field,
              });
          if (page.records.length < 500) break;
        }
      }
    }, 300_000);
    afterAll(() => app?.close());

    it('gives every file a record holds its content url and the server metadata', () => {
      expect(held.length).toBeGreaterThan(0);
      for (const { file } of held) {
        expect(file.url).toBe(`/api/attachments/${encodeURIComponent(file.id)}/content`);
        expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(file.size).toBeGreaterThan(0);
      }
    });

    it("lets the owning rep and the rep's manager open every file, and a rep of another team gets 404", async () => {
      const files = new Map<string, Held>();
      for (const h of held) if (!files.has(h.file.id)) files.set(h.file.id, h);
      const owners = new Set([...files.values()].map((h) => h.owner));
      const members = users.filter((u) => u.roles.includes('member'));
      for (const h of files.values()) {
        const owner = user(h.owner);
        expect(owner.roles).toContain('member');
        const manager = user(owner.managerId);
        const stranger = members.find((u) => u.orgUnitId !== owner.orgUnitId && owners.has(u.id)) as UserRow;
        const content = await (await as(owner)).get(h.file.url);
        expect(content.statusCode, `${h.entity}.${h.field} ${h.file.id}`).toBe(200);
        expect(content.rawPayload.length).toBe(h.file.size);
        expect(createHash('sha256').update(content.rawPayload).digest('hex')).toBe(h.file.sha256);
        expect(content.headers['content-type']).toBe(h.file.mime);
        expect((await (await as(manager)).get(h.file.url)).statusCode).toBe(200);
        expect((await (await as(manager)).get(`/api/attachments/${h.file.id}`)).json().name).toBe(
          h.file.name,
        );
        const refused = await (await as(stranger)).get(h.file.url);
        expect(refused.statusCode, `${h.entity}.${h.field} ${h.file.id} by another team`).toBe(404);
        expect(envelope(refused).code).toBe('NOT_FOUND');
        expect((await (await as(stranger)).get(`/api/attachments/${h.file.id}`)).statusCode).toBe(404);
      }
    }, 300_000);

    describe('writes', () => {
      /** A record of a rep with a file field the rep may write, and a rep of another team. */
      const target = () => {
        const h = held[0] as Held;
        const owner = user(h.owner);
        const stranger = users.find(
          (u) =>
            u.roles.includes('member') &&
            u.orgUnitId !== owner.orgUnitId &&
            held.some((x) => x.owner === u.id),
        ) as UserRow;
        return { h, owner, stranger };
      };

      it('refuses an unknown file id and another team’s file at the item’s path', async () => {
        const { h, owner, stranger } = target();
        const rep = await as(owner);
        const record = (await rep.get(`${recordsUrl(h.entity)}/${h.recordId}`)).json();
        const unknown = await rep.patch(`${recordsUrl(h.entity)}/${h.recordId}`, {
          version: record.version,
          [h.field]: [{ id: 'no-such-file', name: 'x.png', size: 1, mime: 'image/png' }],
        });
        expect(unknown.statusCode).toBe(422);
        expect(envelope(unknown).details.map((d) => [d.code, d.path])).toEqual([
          ['REFERENCE_UNKNOWN', `/${h.field}/0/id`],
        ]);
        const theirs = held.find((x) => x.owner === stranger.id) as Held;
        const foreign = await rep.patch(`${recordsUrl(h.entity)}/${h.recordId}`, {
          version: record.version,
          [h.field]: [theirs.file],
        });
        expect(foreign.statusCode).toBe(422);
        expect(envelope(foreign).details[0]?.path).toBe(`/${h.field}/0/id`);
        // Still refused to the other team afterwards: nothing was linked.
        expect((await (await as(owner)).get(theirs.file.url)).statusCode).toBe(404);
      });

      it('stores the server’s name, size, mime and sha256 whatever the client sent, and links the file', async () => {
        const { h, owner, stranger } = target();
        const rep = await as(owner);
        const uploaded = await upload(rep, 'shelf.png', PNG);
        // Not on a record yet: only its uploader (and admins) can open it.
        expect((await (await as(user(owner.managerId))).get(uploaded.url)).statusCode).toBe(404);
        const record = (await rep.get(`${recordsUrl(h.entity)}/${h.recordId}`)).json();
        const kept = (record[h.field] as FileValue[]).filter((f) => f.id !== uploaded.id);
        const res = await rep.patch(`${recordsUrl(h.entity)}/${h.recordId}`, {
          version: record.version,
          [h.field]: [
            ...kept,
            {
              id: uploaded.id,
              name: 'evil.exe',
              size: 1,
              mime: 'image/png',
              sha256: '0'.repeat(64),
              url: 'http://x/y',
            },
          ],
        });
        expect(res.statusCode, res.body).toBe(200);
        const saved = (res.json()[h.field] as FileValue[]).at(-1);
        expect(saved).toEqual({
          id: uploaded.id,
          name: 'shelf.png',
          size: PNG.length,
          mime: 'image/png',
          sha256: createHash('sha256').update(PNG).digest('hex'),
          url: `/api/attachments/${uploaded.id}/content`,
        });
        // What the read returns is what the form sends back: accepted unchanged.
        const again = await rep.patch(`${recordsUrl(h.entity)}/${h.recordId}`, {
          version: res.json().version,
          [h.field]: res.json()[h.field],
        });
        expect(again.statusCode, again.body).toBe(200);
        expect(again.json()[h.field]).toEqual(res.json()[h.field]);
        // Now on the record: the manager reads it, the other team still cannot.
        expect((await (await as(user(owner.managerId))).get(uploaded.url)).statusCode).toBe(200);
        expect((await (await as(stranger)).get(uploaded.url)).statusCode).toBe(404);
      });
    });
  });
}
