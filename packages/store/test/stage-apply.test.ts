/**
 * `store.stages.apply` on PGlite and PostgreSQL: the version check (20 concurrent applies at one
 * version → one success), all-or-nothing writes (a refused evidence link leaves no history row and
 * no stage change), linked evidence frozen, history read back in order.
 */
import { Readable } from 'node:stream';
import { App } from '@stagecraft/schema';
import { beforeAll, expect, it } from 'vitest';
import type { ApplyTransitionInput } from '../src/stage/stage-repository.js';
import { createOrgFixture, describeDialects, type OrgFixture } from '../src/testing/index.js';

const L = (en: string) => ({ en });
const app = App.parse({
  schemaVersion: 2,
  id: 'flow',
  label: L('Flow'),
  entities: [
    {
      id: 'ticket',
      label: L('Ticket'),
      fields: [
        { id: 'title', type: 'text', label: L('Title') },
        { id: 'tags', type: 'multi_select', label: L('Tags'), options: [{ id: 'a', label: L('A') }] },
      ],
    },
  ],
  stageMachines: [
    {
      id: 'm',
      entity: 'ticket',
      label: L('M'),
      initialStage: 'open',
      stages: [
        { id: 'open', label: L('Open'), category: 'open', probability: 0, forecastCategory: 'pipeline' },
        { id: 'done', label: L('Done'), category: 'won', probability: 100, forecastCategory: 'closed' },
      ],
      transitions: [{ id: 'finish', label: L('Finish'), from: ['open'], to: 'done' }],
    },
  ],
});
const entity = app.entities[0] as App['entities'][number];
const at = '2026-06-01T10:00:00.000Z';

describeDialects('stage apply', (ctx) => {
  let org: OrgFixture;
  const input = (recordId: string, over: Partial<ApplyTransitionInput> = {}): ApplyTransitionInput => ({
    app: 'flow',
    entity,
    recordId,
    expectedVersion: 1,
    changes: { stage: 'done', stageEnteredAt: at, tags: ['a'] },
    history: {
      from: 'open',
      to: 'done',
      transitionId: 'finish',
      actor: org.users.east1Rep.id,
      at,
      dwellMs: 3_600_000,
    },
    evidence: {},
    definitionVersion: 1,
    ...over,
  });
  const create = async (title: string) => {
    const r = await ctx.store.records.create(org.actors.east1Rep, 'flow', 'ticket', {
      title,
      stage: 'open',
      stageEnteredAt: '2026-06-01T09:00:00.000Z',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value;
  };

  beforeAll(async () => {
    org = await createOrgFixture(ctx.store);
    await ctx.store.apps.create(org.actors.admin, app);
    const published = await ctx.store.apps.publish(org.actors.admin, 'flow', app);
    if (!published.ok) throw new Error(JSON.stringify(published.issues));
  });

  it('applies exactly one of 20 concurrent moves at the same version', async () => {
    const record = await create('race');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => ctx.store.stages.apply(org.actors.east1Rep, input(record.id))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.ok ? '' : r.issues[0]?.code).toBe('VERSION_CONFLICT');
    const history = await ctx.store.stages.history(org.actors.east1Rep, 'flow', 'ticket', record.id);
    expect(history).toEqual({
      ok: true,
      value: [
        expect.objectContaining({
          from: 'open',
          to: 'done',
          at,
          dwellMs: 3_600_000,
          fields: { tags: ['a'] },
        }),
      ],
    });
    const after = await ctx.store.records.get(org.actors.east1Rep, 'flow', 'ticket', record.id);
    expect(after.ok && after.value).toMatchObject({
      stage: 'done',
      stageEnteredAt: at,
      version: 2,
      tags: ['a'],
    });
  });

  it('writes nothing when an evidence file is already used, and freezes linked evidence', async () => {
    const first = await create('first');
    const second = await create('second');
    const up = await ctx.store.attachments.upload(org.actors.east1Rep, {
      name: 'a.pdf',
      body: Readable.from([Buffer.from('%PDF-1.4\n')]),
      maxBytes: 1000,
      now: new Date(at),
    });
    if (!up.ok) throw new Error('upload');
    const linked = await ctx.store.stages.apply(
      org.actors.east1Rep,
      input(first.id, { evidence: { proof: [up.value.id] } }),
    );
    expect(linked.ok && linked.value.history.evidence).toEqual({ proof: [up.value.id] });
    const again = await ctx.store.stages.apply(
      org.actors.east1Rep,
      input(second.id, { evidence: { proof: [up.value.id] } }),
    );
    expect(again.ok ? [] : again.issues.map((i) => i.code)).toEqual(['ATTACHMENT_IN_USE']);
    const untouched = await ctx.store.records.get(org.actors.east1Rep, 'flow', 'ticket', second.id);
    expect(untouched.ok && untouched.value).toMatchObject({ stage: 'open', version: 1 });
    expect(await ctx.store.stages.history(org.actors.east1Rep, 'flow', 'ticket', second.id)).toEqual({
      ok: true,
      value: [],
    });
    expect(
      (await ctx.store.attachments.get(org.actors.east1Rep, up.value.id)).ok &&
        (await ctx.store.attachments.remove(org.actors.east1Rep, up.value.id)).ok,
    ).toBe(false);
    await expect(
      ctx.store.db.updateTable('stage_history').set({ to_stage: 'open' }).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses a stale version and a missing record without writing', async () => {
    const record = await create('stale');
    expect(
      await ctx.store.stages.apply(org.actors.east1Rep, input(record.id, { expectedVersion: 7 })),
    ).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: 'VERSION_CONFLICT' })],
    });
    expect(await ctx.store.stages.apply(org.actors.east1Rep, input('nope'))).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: 'RECORD_NOT_FOUND' })],
    });
    expect(await ctx.store.stages.apply(org.actors.east1Rep, input(record.id, { app: 'nope' }))).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: 'APP_NOT_FOUND' })],
    });
  });
});
