import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ListResult, Result } from '../src/contract.js';
import { entityTableName, quoteId, sequenceName } from '../src/ddl/names.js';
import { createOrgFixture, describeDialects, type OrgFixture } from '../src/testing/index.js';
import { testApp, widgetV1 } from './fixtures/test-app.js';

describeDialects('records: scope, concurrency, audit', (ctx) => {
  let org: OrgFixture;
  let other: OrgFixture;
  const ids: Record<string, string> = {};
  const names = (r: Result<ListResult>) => (r.ok ? r.value.records.map((x) => x.name).sort() : r);

  beforeAll(async () => {
    org = await createOrgFixture(ctx.store);
    other = await createOrgFixture(ctx.store, { name: 'Other company' });
    for (const fx of [org, other]) {
      await ctx.store.apps.create(fx.actors.admin, testApp(widgetV1));
      const published = await ctx.store.apps.publish(fx.actors.admin, 'crm', testApp(widgetV1));
      if (!published.ok) throw new Error(JSON.stringify(published.issues));
    }
    const mine: [keyof OrgFixture['actors'], string][] = [
      ['admin', 'by admin'],
      ['eastManager', 'by east manager'],
      ['east1Rep', 'by east1 rep'],
      ['east1Rep2', 'by east1 rep 2'],
      ['east2Rep', 'by east2 rep'],
      ['westRep', 'by west rep'],
    ];
    for (const [who, name] of mine) {
      const r = await ctx.store.records.create(org.actors[who], 'crm', 'widget', {
        name,
        qty: 1,
        price: 100,
      });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      ids[who] = r.value.id;
    }
    const foreign = await ctx.store.records.create(other.actors.admin, 'crm', 'widget', {
      name: 'foreign',
      qty: 1,
    });
    if (!foreign.ok) throw new Error(JSON.stringify(foreign.issues));
    ids.foreign = foreign.value.id;
  });

  describe('record scope', () => {
    it('a member sees only own records in list, get and aggregate', async () => {
      const rep = org.actors.east1Rep;
      expect(names(await ctx.store.records.list(rep, 'crm', 'widget', {}))).toEqual(['by east1 rep']);
      expect((await ctx.store.records.get(rep, 'crm', 'widget', ids.east1Rep ?? '')).ok).toBe(true);
      const peer = await ctx.store.records.get(rep, 'crm', 'widget', ids.east1Rep2 ?? '');
      expect(peer).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'RECORD_NOT_FOUND' })] });
      const agg = await ctx.store.records.aggregate(rep, 'crm', 'widget', {
        measures: [{ op: 'count' }, { op: 'sum', field: 'price' }],
      });
      expect(agg).toEqual({ ok: true, value: [{ group: null, values: [1, 100] }] });
      const update = await ctx.store.records.update(rep, 'crm', 'widget', ids.east1Rep2 ?? '', 1, {
        name: 'stolen',
      });
      expect(update.ok || update.issues[0]?.code).toBe('RECORD_NOT_FOUND');
    });

    it('a manager sees the org subtree (and own records)', async () => {
      const list = await ctx.store.records.list(org.actors.eastManager, 'crm', 'widget', {});
      expect(names(list)).toEqual(['by east manager', 'by east1 rep', 'by east1 rep 2', 'by east2 rep']);
      const agg = await ctx.store.records.aggregate(org.actors.eastManager, 'crm', 'widget', {
        groupBy: 'orgUnit',
        measures: [{ op: 'count' }],
      });
      expect(agg).toEqual({
        ok: true,
        value: [
          { group: 'east', values: [1] },
          { group: 'east1', values: [2] },
          { group: 'east2', values: [1] },
        ],
      });
      expect(
        (await ctx.store.records.get(org.actors.eastManager, 'crm', 'widget', ids.westRep ?? '')).ok,
      ).toBe(false);
    });

    it('an admin sees all of the workspace, and nothing of another workspace', async () => {
      expect(names(await ctx.store.records.list(org.actors.admin, 'crm', 'widget', {}))).toHaveLength(6);
      const foreign = await ctx.store.records.get(org.actors.admin, 'crm', 'widget', ids.foreign ?? '');
      expect(foreign).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'RECORD_NOT_FOUND' })] });
      const forged: Actor = { ...org.actors.admin, workspaceId: 'no-such-workspace' };
      expect((await ctx.store.records.list(forged, 'crm', 'widget', {})).ok).toBe(false);
      expect(names(await ctx.store.records.list(other.actors.admin, 'crm', 'widget', {}))).toEqual([
        'foreign',
      ]);
    });

    it('app roles override built-ins: scope and hidden fields', async () => {
      const admin = org.actors.admin;
      const roles = [
        {
          id: 'member',
          label: { en: 'Member' },
          permissions: [
            {
              entity: 'widget',
              create: true,
              read: true,
              update: true,
              delete: false,
              scope: 'subtree' as const,
              fields: [
                { field: 'price', access: 'none' as const },
                { field: 'qty', access: 'read' as const },
              ],
            },
          ],
        },
      ];
      const published = await ctx.store.apps.publish(admin, 'crm', testApp(widgetV1, { roles }));
      expect(published.ok).toBe(true);
      try {
        const rep = org.actors.east1Rep;
        const list = await ctx.store.records.list(rep, 'crm', 'widget', {});
        expect(names(list)).toEqual(['by east1 rep', 'by east1 rep 2']);
        expect(list.ok && list.value.records[0]).not.toHaveProperty('price');
        const sorted = await ctx.store.records.list(rep, 'crm', 'widget', {
          sort: [{ field: 'price', direction: 'asc' }],
        });
        expect(sorted.ok || sorted.issues[0]).toMatchObject({ code: 'UNKNOWN_FIELD', path: '/sort/0/field' });
        const write = await ctx.store.records.update(rep, 'crm', 'widget', ids.east1Rep ?? '', 1, { qty: 5 });
        expect(write.ok || write.issues[0]).toMatchObject({ code: 'FORBIDDEN', path: '/qty' });
        const del = await ctx.store.records.softDelete(rep, 'crm', 'widget', ids.east1Rep ?? '');
        expect(del.ok || del.issues[0]?.code).toBe('FORBIDDEN');
        const audit = await ctx.store.records.audit(rep, 'crm', 'widget', ids.east1Rep ?? '');
        expect(audit.ok && Object.keys(audit.value[0]?.changes ?? {})).not.toContain('price');
      } finally {
        await ctx.store.apps.publish(admin, 'crm', testApp(widgetV1));
      }
    });
  });

  describe('writes', () => {
    it('a stale update gets VERSION_CONFLICT and changes nothing', async () => {
      const rep = org.actors.east1Rep;
      const id = ids.east1Rep ?? '';
      const fresh = await ctx.store.records.update(rep, 'crm', 'widget', id, 1, { qty: 2 });
      expect(fresh.ok && fresh.value.version).toBe(2);
      const before = await sql`select * from t1_widget where id = ${id}`.execute(ctx.store.db);
      const auditBefore = await sql`select count(*)::int as n from audit_log`.execute(ctx.store.db);
      const stale = await ctx.store.records.update(rep, 'crm', 'widget', id, 1, { qty: 3 });
      expect(stale).toEqual({
        ok: false,
        issues: [expect.objectContaining({ code: 'VERSION_CONFLICT', path: '/version' })],
      });
      expect((await sql`select * from t1_widget where id = ${id}`.execute(ctx.store.db)).rows).toEqual(
        before.rows,
      );
      expect((await sql`select count(*)::int as n from audit_log`.execute(ctx.store.db)).rows).toEqual(
        auditBefore.rows,
      );
    });

    it('concurrent updates of one version: exactly one wins', async () => {
      const admin = org.actors.admin;
      const id = ids.admin ?? '';
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          ctx.store.records.update(admin, 'crm', 'widget', id, 1, { qty: i }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.issues[0]?.code === 'VERSION_CONFLICT')).toHaveLength(9);
    });

    it('every write has an audit entry with actor, server time, changes and definition version', async () => {
      const rep = org.actors.east2Rep;
      const id = ids.east2Rep ?? '';
      await ctx.store.records.update(rep, 'crm', 'widget', id, 1, { name: 'renamed', price: 12.34 });
      await ctx.store.records.softDelete(rep, 'crm', 'widget', id, 2);
      const audit = await ctx.store.records.audit(org.actors.admin, 'crm', 'widget', id);
      if (!audit.ok) throw new Error(JSON.stringify(audit.issues));
      expect(audit.value.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
      expect(
        audit.value.every(
          (a) => a.actor === rep.userId && !Number.isNaN(Date.parse(a.at)) && a.definitionVersion >= 1,
        ),
      ).toBe(true);
      expect(audit.value[1]?.changes).toEqual({
        name: { from: 'by east2 rep', to: 'renamed' },
        price: { from: 100, to: 12.34 },
      });
      expect(audit.value[2]?.changes.deletedAt?.to).toEqual(expect.any(String));
      expect((await ctx.store.records.get(rep, 'crm', 'widget', id)).ok).toBe(false);
      const withDeleted = await ctx.store.records.list(org.actors.admin, 'crm', 'widget', {
        includeDeleted: true,
        filter: undefined,
      });
      expect(
        withDeleted.ok && withDeleted.value.records.some((r) => r.id === id && r.deletedAt !== null),
      ).toBe(true);
      await expect(sql`update audit_log set actor_id = 'x'`.execute(ctx.store.db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_log`.execute(ctx.store.db)).rejects.toThrow(/append-only/);
    });

    it('stores SQL-looking strings verbatim and searches them literally', async () => {
      const admin = org.actors.admin;
      const hostile = `x'); drop table t1_widget; -- 100% _ \\ "q"`;
      const r = await ctx.store.records.create(admin, 'crm', 'widget', {
        name: hostile,
        notes: "' or 1=1 --",
      });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      const got = await ctx.store.records.get(admin, 'crm', 'widget', r.value.id);
      expect(got.ok && [got.value.name, got.value.notes]).toEqual([hostile, "' or 1=1 --"]);
      expect(names(await ctx.store.records.list(admin, 'crm', 'widget', { search: '100% _' }))).toEqual([
        hostile,
      ]);
      expect(names(await ctx.store.records.list(admin, 'crm', 'widget', { search: '%' }))).toEqual([hostile]);
      const bad = await ctx.store.records.list(admin, 'crm', 'widget', {
        sort: [{ field: 'name; drop table x', direction: 'asc' }],
      });
      expect(bad.ok || bad.issues[0]).toMatchObject({ code: 'UNKNOWN_FIELD', path: '/sort/0/field' });
    });

    it('refuses unknown fields, system fields, wrong shapes and duplicates', async () => {
      const admin = org.actors.admin;
      const codes = async (values: Record<string, unknown>) => {
        const r = await ctx.store.records.create(admin, 'crm', 'widget', values);
        return r.ok ? 'ok' : r.issues.map((i) => `${i.code} ${i.path}`);
      };
      expect(await codes({ nope: 1 })).toEqual(['UNKNOWN_FIELD /nope']);
      expect(await codes({ version: 7 })).toEqual(['VALIDATION_FAILED /version']);
      expect(await codes({ qty: 'many' })).toEqual(['VALIDATION_FAILED /qty']);
      expect(await codes({ due: '2024-13-45' })).toEqual(['VALIDATION_FAILED /due']);
      expect(await codes({ name: 'Same', phone: '1' })).toBe('ok');
      expect(await codes({ name: 'Same', phone: '1' })).toEqual(['DUPLICATE_RECORD /phone']);
      const upd = await ctx.store.records.update(admin, 'crm', 'widget', ids.admin ?? '', 99, {
        stage: 'won',
      });
      expect(upd.ok || upd.issues[0]?.code).toBe('STAGE_READ_ONLY');
    });

    it('filters with JSON Logic in SQL, under scope, refusing unknown fields', async () => {
      const manager = org.actors.eastManager;
      const filtered = await ctx.store.records.list(manager, 'crm', 'widget', {
        filter: { or: [{ '==': [{ var: 'name' }, 'by west rep'] }, { in: ['east1', { var: 'name' }] }] },
      });
      expect(names(filtered)).toEqual(['by east1 rep', 'by east1 rep 2']);
      const count = await ctx.store.records.aggregate(manager, 'crm', 'widget', {
        filter: { '==': [{ var: 'name' }, 'by west rep'] },
        measures: [{ op: 'count' }],
      });
      expect(count).toEqual({ ok: true, value: [{ group: null, values: [0] }] });
      const unknown = await ctx.store.records.list(manager, 'crm', 'widget', {
        filter: { '==': [{ var: 'nope' }, 1] },
      });
      expect(unknown.ok).toBe(false);
      expect(unknown.ok || unknown.issues[0]?.path.startsWith('/filter')).toBe(true);
    });

    it('assigns to users and org units of the workspace only; the record follows the owner', async () => {
      const manager = org.actors.eastManager;
      const assigned = await ctx.store.records.create(manager, 'crm', 'widget', {
        name: 'assigned',
        owner: org.users.east2Rep.id,
      });
      expect(assigned.ok && [assigned.value.owner, assigned.value.orgUnit]).toEqual([
        org.users.east2Rep.id,
        'east2',
      ]);
      const foreignOwner = await ctx.store.records.create(manager, 'crm', 'widget', {
        name: 'x',
        owner: other.users.admin.id,
      });
      expect(foreignOwner.ok || foreignOwner.issues[0]).toMatchObject({
        code: 'REFERENCE_UNKNOWN',
        path: '/owner',
      });
      const outside = await ctx.store.records.create(manager, 'crm', 'widget', {
        name: 'x',
        owner: org.users.westRep.id,
      });
      expect(outside.ok || outside.issues[0]?.code).toBe('FORBIDDEN');
      const badUnit = await ctx.store.records.create(org.actors.admin, 'crm', 'widget', {
        name: 'x',
        orgUnit: 'nowhere',
      });
      expect(badUnit.ok || badUnit.issues[0]).toMatchObject({ code: 'REFERENCE_UNKNOWN', path: '/orgUnit' });
    });

    it('brings a soft-deleted record back, audited', async () => {
      const admin = org.actors.admin;
      const r = await ctx.store.records.create(admin, 'crm', 'widget', { name: 'comeback' });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect((await ctx.store.records.undelete(admin, 'crm', 'widget', r.value.id)).ok).toBe(false);
      await ctx.store.records.softDelete(admin, 'crm', 'widget', r.value.id, 1);
      const back = await ctx.store.records.undelete(admin, 'crm', 'widget', r.value.id, 2);
      expect(back.ok && [back.value.deletedAt, back.value.version]).toEqual([null, 3]);
      const audit = await ctx.store.records.audit(admin, 'crm', 'widget', r.value.id);
      expect(audit.ok && audit.value.map((a) => a.action)).toEqual(['create', 'delete', 'restore']);
    });

    it('answers hostile queries and values with issues, never a database error', async () => {
      const admin = org.actors.admin;
      const list = (query: Record<string, unknown>) =>
        ctx.store.records.list(admin, 'crm', 'widget', query as never);
      const code = async (query: Record<string, unknown>) => {
        const r = await list(query);
        return r.ok ? 'ok' : r.issues[0]?.code;
      };
      expect(await code({ sort: { field: 'name' } })).toBe('VALIDATION_FAILED');
      expect(await code({ sort: [{ field: 'name', direction: 'sideways' }] })).toBe('VALIDATION_FAILED');
      expect(await code({ search: 42 })).toBe('VALIDATION_FAILED');
      expect(await code({ search: 'a\u0000b' })).toBe('ok');
      expect(await code({ filter: { '==': [{ var: '__proto__' }, 1] } })).not.toBe('ok');
      expect(
        await code({ filter: { '<': [{ var: 'due' }, "2024-01-01'; drop table t1_widget; --"] } }),
      ).toMatch(/ok|VALIDATION_FAILED|RULE_/);
      const nul = await ctx.store.records.create(admin, 'crm', 'widget', { name: 'a\u0000b' });
      expect(nul.ok || nul.issues[0]).toMatchObject({ code: 'VALIDATION_FAILED', path: '/name' });
      const nulJson = await ctx.store.records.create(admin, 'crm', 'widget', { tags: ['a\u0000'] });
      expect(nulJson.ok || nulJson.issues[0]?.code).toBe('VALIDATION_FAILED');
      const proto = await ctx.store.records.create(
        admin,
        'crm',
        'widget',
        JSON.parse('{"__proto__": {"x": 1}}'),
      );
      expect(proto.ok || proto.issues[0]?.code).toBe('UNKNOWN_FIELD');
      const { rows } = await sql`select count(*)::int as n from t1_widget`.execute(ctx.store.db);
      expect(rows[0]).toEqual({ n: expect.any(Number) });
    });

    it('pages and sorts with a total', async () => {
      const admin = org.actors.admin;
      const page = await ctx.store.records.list(admin, 'crm', 'widget', {
        sort: [{ field: 'name', direction: 'desc' }],
        limit: 2,
        offset: 1,
      });
      if (!page.ok) throw new Error(JSON.stringify(page.issues));
      const all = await ctx.store.records.list(admin, 'crm', 'widget', {
        sort: [{ field: 'name', direction: 'desc' }],
        limit: 100,
      });
      if (!all.ok) throw new Error(JSON.stringify(all.issues));
      expect(page.value.total).toBe(all.value.total);
      expect(page.value.records.map((r) => r.id)).toEqual(all.value.records.slice(1, 3).map((r) => r.id));
    });
  });

  describe('auto numbers', () => {
    it('numbers a create in its one insert statement: padded to the digits, never cut, a given value kept', async () => {
      const admin = org.actors.admin;
      const app = await ctx.store.db
        .selectFrom('apps')
        .select('no')
        .where('workspace_id', '=', admin.workspaceId)
        .where('id', '=', 'crm')
        .executeTakeFirstOrThrow();
      const sequence = quoteId(sequenceName(entityTableName(Number(app.no), 'widget'), 'code'));
      const codeAfter = async (last: number, values: Record<string, unknown> = {}) => {
        await sql`select setval(${sequence}, ${last})`.execute(ctx.store.db);
        const r = await ctx.store.records.create(admin, 'crm', 'widget', { name: `n${last}`, ...values });
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        return r.value.code;
      };
      expect(await codeAfter(41)).toBe('W-0042');
      expect(await codeAfter(9998)).toBe('W-9999');
      expect(await codeAfter(12344)).toBe('W-12345');
      expect(await codeAfter(50, { code: 'KEEP-1' })).toBe('KEEP-1');
      expect(await codeAfter(50)).toBe('W-0051');
    });
  });
});
