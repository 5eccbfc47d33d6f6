import { beforeAll, expect, it } from 'vitest';
import type { ImportRow } from '../src/record/record-import.js';
import { createOrgFixture, describeDialects, type OrgFixture } from '../src/testing/index.js';
import { testApp, widgetV1 } from './fixtures/test-app.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describeDialects('record import', (ctx) => {
  let org: OrgFixture;
  beforeAll(async () => {
    org = await createOrgFixture(ctx.store);
    await ctx.store.apps.create(org.actors.admin, testApp(widgetV1));
    const published = await ctx.store.apps.publish(org.actors.admin, 'crm', testApp(widgetV1));
    if (!published.ok) throw new Error(JSON.stringify(published.issues));
  });

  const rows = (from: number, count: number): ImportRow[] =>
    Array.from({ length: count }, (_, k) => {
      const n = from + k;
      return {
        id: uuid(n),
        owner: n % 2 ? org.users.east1Rep.id : org.users.westRep.id,
        orgUnit: n % 2 ? org.units.east1.id : org.units.west1.id,
        stage: 'open',
        stageEnteredAt: '2026-03-02T08:00:00.000Z',
        createdAt: '2026-03-01T08:00:00.000Z',
        values: {
          name: `imported ${n}`,
          qty: n,
          price: 10.5,
          due: '2026-04-01',
          tags: ['a'],
          lines: [{ sku: `S${n}` }],
          active: n % 3 === 0,
        },
      };
    });

  it('inserts thousands of rows with their history times, owners and audit rows', async () => {
    const result = await ctx.store.imports.insertMany(org.actors.admin, 'crm', 'widget', rows(1, 2500));
    expect(result).toEqual({ ok: true, value: { inserted: 2500 } });
    const one = await ctx.store.records.get(org.actors.admin, 'crm', 'widget', uuid(7));
    if (!one.ok) throw new Error(JSON.stringify(one.issues));
    expect(one.value).toMatchObject({
      owner: org.users.east1Rep.id,
      orgUnit: org.units.east1.id,
      stage: 'open',
      createdAt: '2026-03-01T08:00:00.000Z',
      stageEnteredAt: '2026-03-02T08:00:00.000Z',
      name: 'imported 7',
      qty: 7,
      price: 10.5,
      due: '2026-04-01',
      lines: [{ sku: 'S7' }],
      version: 1,
    });
    expect(one.value.code).toMatch(/^W-\d{4,}$/);
    const codes = await ctx.store.records.list(org.actors.admin, 'crm', 'widget', { limit: 5000 });
    expect(codes.ok && new Set(codes.value.records.map((r) => r.code)).size).toBe(2500);
    // scope still applies to imported rows
    const mine = await ctx.store.records.list(org.actors.east1Rep, 'crm', 'widget', { limit: 1 });
    expect(mine.ok && mine.value.total).toBe(1250);
    const audit = await ctx.store.records.audit(org.actors.admin, 'crm', 'widget', uuid(7));
    expect(audit.ok && audit.value.map((a) => a.action)).toEqual(['create']);
  });

  it('refuses non-admins and bad values, inserting nothing', async () => {
    const member = await ctx.store.imports.insertMany(org.actors.east1Rep, 'crm', 'widget', rows(5000, 2));
    expect(member.ok || member.issues[0]?.code).toBe('FORBIDDEN');
    const bad = rows(6000, 3);
    bad[1]!.values.qty = 'many';
    const refused = await ctx.store.imports.insertMany(org.actors.admin, 'crm', 'widget', bad);
    expect(refused.ok || refused.issues[0]).toMatchObject({ code: 'VALIDATION_FAILED', path: '/rows/1/qty' });
    const unknown = await ctx.store.imports.insertMany(org.actors.admin, 'crm', 'widget', [
      { ...rows(7000, 1)[0]!, values: { nope: 1 } },
    ]);
    expect(unknown.ok || unknown.issues[0]?.code).toBe('UNKNOWN_FIELD');
    const again = await ctx.store.imports.insertMany(org.actors.admin, 'crm', 'widget', rows(1, 1));
    expect(again.ok || again.issues[0]?.code).toBe('DUPLICATE_RECORD');
    const all = await ctx.store.records.list(org.actors.admin, 'crm', 'widget', { limit: 1 });
    expect(all.ok && all.value.total).toBe(2500);
  });

  it('appends historic stage moves that the stage history reads back', async () => {
    const moved = await ctx.store.imports.appendStageHistory(org.actors.admin, 'crm', 'widget', [
      {
        recordId: uuid(7),
        transitionId: 'advance',
        from: 'new',
        to: 'open',
        at: '2026-03-02T08:00:00.000Z',
        actor: org.users.east1Rep.id,
        dwellMs: 86_400_000,
      },
    ]);
    expect(moved).toEqual({ ok: true, value: { inserted: 1 } });
    const history = await ctx.store.stages.history(org.actors.admin, 'crm', 'widget', uuid(7));
    expect(history.ok && history.value.map((h) => [h.from, h.to])).toEqual([['new', 'open']]);
    const member = await ctx.store.imports.appendStageHistory(org.actors.westRep, 'crm', 'widget', []);
    expect(member.ok).toBe(true);
    const refused = await ctx.store.imports.appendStageHistory(org.actors.westRep, 'crm', 'widget', [
      {
        recordId: uuid(8),
        transitionId: 'x',
        from: null,
        to: 'open',
        at: '2026-03-02T08:00:00.000Z',
        actor: null,
      },
    ]);
    expect(refused.ok || refused.issues[0]?.code).toBe('FORBIDDEN');
  });
});
