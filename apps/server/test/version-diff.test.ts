/**
 * Issue 15 item 8 through inject() on PGlite and PostgreSQL: the element-by-element diff between any
 * two published versions, and a rollback whose dry run reports the data it would archive before it
 * is confirmed, then reports the same in its answer.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';
import { type Caller, caller, envelope, FakeClock, fixtureOn, login, serverOn } from './support.js';

type Doc = Record<string, unknown> & {
  entities: { id: string; fields: Record<string, unknown>[] }[];
  forms: { id: string; label: Record<string, string> }[];
};
type Change = { kind: string; list: string; id: string; parent?: string; path: string; label: unknown };

describeDialects('version diff API', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  let rep: Caller;

  const publishDraft = async (edit: (doc: Doc) => void) => {
    const draft = (await admin.get('/api/apps/diffapp/draft')).json() as {
      definition: Doc;
      revision: number;
    };
    edit(draft.definition);
    const saved = await admin.put('/api/apps/diffapp/draft', {
      definition: draft.definition,
      baseRevision: draft.revision,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await admin.post('/api/apps/diffapp/publish');
    expect(published.statusCode, published.body).toBe(201);
  };

  beforeAll(async () => {
    app = await serverOn(ctx.store, new FakeClock());
    fx = await fixtureOn(ctx.store, 'Workspace A');
    admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect((await admin.post('/api/apps', sampleApp('diffapp'))).statusCode).toBe(201);
    expect((await admin.post('/api/apps/diffapp/publish')).statusCode).toBe(201);
    // Version 2: a new field, a relabelled form, a field removed.
    await publishDraft((doc) => {
      const widget = doc.entities[0];
      if (!widget) throw new Error('sample app without entity');
      widget.fields.push({ id: 'source', type: 'text', label: { 'zh-CN': '来源', en: 'Source' } });
      widget.fields = widget.fields.filter((f) => f.id !== 'ratio');
      const form = doc.forms[0];
      if (form) form.label = { 'zh-CN': '部件表', en: 'Widget sheet' };
    });
  });
  afterAll(() => app.close());

  it('lists what changed from one version to another, with lists, ids, JSON pointers and labels', async () => {
    const res = await admin.get('/api/apps/diffapp/diff?from=1&to=2');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { from: number; to: number; changes: Change[] };
    expect(body).toMatchObject({ from: 1, to: 2 });
    const doc2 = ((await admin.get('/api/apps/diffapp/versions/2')).json() as { definition: Doc }).definition;
    const sourceAt = doc2.entities[0]?.fields.findIndex((f) => f.id === 'source');
    expect(body.changes).toContainEqual({
      kind: 'added',
      list: 'fields',
      id: 'source',
      parent: 'widget',
      path: `/entities/0/fields/${sourceAt}`,
      label: { 'zh-CN': '来源', en: 'Source' },
    });
    expect(body.changes).toContainEqual(
      expect.objectContaining({ kind: 'removed', list: 'fields', id: 'ratio', parent: 'widget' }),
    );
    const form = body.changes.find((c) => c.list === 'forms');
    expect(form).toMatchObject({ kind: 'changed', keys: ['label'], label: { en: 'Widget sheet' } });
    expect(body.changes).toHaveLength(3);

    // Backwards, the same changes mirror; a version against itself has none.
    const back = (await admin.get('/api/apps/diffapp/diff?from=2&to=1')).json() as { changes: Change[] };
    expect(back.changes.map((c) => `${c.kind}:${c.id}`).sort()).toEqual(
      ['added:ratio', 'changed:widgetForm', 'removed:source'].sort(),
    );
    expect((await admin.get('/api/apps/diffapp/diff?from=2&to=2')).json()).toMatchObject({ changes: [] });
  });

  it('refuses an unknown version, a bad query and a non-admin', async () => {
    const missing = await admin.get('/api/apps/diffapp/diff?from=1&to=9');
    expect(missing.statusCode).toBe(404);
    expect(envelope(missing).code).toBe('NOT_FOUND');
    const bad = await admin.get('/api/apps/diffapp/diff?from=0&to=x');
    expect(bad.statusCode).toBe(400);
    expect(envelope(bad).code).toBe('VALIDATION_FAILED');
    expect((await rep.get('/api/apps/diffapp/diff?from=1&to=2')).statusCode).toBe(403);
  });

  it('shows a rollback’s data impact first and reports what it archived', async () => {
    const created = await admin.post('/api/apps/diffapp/entities/widget/records', {
      title: 'A',
      source: 'fair',
    });
    expect(created.statusCode, created.body).toBe(201);
    const plan = await admin.post('/api/apps/diffapp/versions/1/rollback?dryRun=1');
    expect(plan.statusCode, plan.body).toBe(200);
    const planned = plan.json() as {
      dryRun: true;
      changes: { kind: string; field?: string; values?: number }[];
    };
    expect(planned.changes).toContainEqual({
      entity: 'widget',
      kind: 'archive_column',
      field: 'source',
      values: 1,
    });
    expect(planned.changes).toContainEqual(expect.objectContaining({ entity: 'widget', field: 'ratio' }));
    // The dry run wrote nothing.
    const versions = (await admin.get('/api/apps/diffapp/versions')).json() as { versions: unknown[] };
    expect(versions.versions).toHaveLength(2);

    const done = await admin.post('/api/apps/diffapp/versions/1/rollback');
    expect(done.statusCode, done.body).toBe(201);
    const result = done.json() as { version: number; changes: unknown[]; rolledBackTo: number };
    expect(result).toMatchObject({ version: 3, rolledBackTo: 1 });
    expect(result.changes).toEqual(planned.changes);
  });
});
