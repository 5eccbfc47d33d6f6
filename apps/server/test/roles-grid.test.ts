/**
 * What the designer's roles grid writes (a role's per-entity rights, record scope and per-field
 * access in the app document) is enforced by the server once published: the draft is saved as the
 * designer saves it (PUT draft), then published. The grid's edits themselves are the designer's
 * role ops (packages/designer/src/ops/role-ops.test.ts).
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';
import { type Caller, caller, envelope, FakeClock, fixtureOn, login, serverOn } from './support.js';

const APP = 'rolesapp';
const RECORDS = `/api/apps/${APP}/entities/widget/records`;

describeDialects('roles edited in the designer grid', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  let rep: Caller;
  let mine: { id: string; version: number };

  /** Saves the draft with these roles as the designer does, and publishes it. */
  const publishRoles = async (roles: unknown[]) => {
    const draft = (await admin.get(`/api/apps/${APP}/draft`)).json() as {
      revision: number;
      definition: Record<string, unknown>;
    };
    const saved = await admin.put(
      `/api/apps/${APP}/draft`,
      { ...draft.definition, roles },
      { 'if-match': String(draft.revision) },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await admin.post(`/api/apps/${APP}/publish`);
    expect(published.statusCode, published.body).toBe(201);
  };

  beforeAll(async () => {
    app = await serverOn(ctx.store, new FakeClock());
    fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    expect((await admin.post('/api/apps', sampleApp(APP))).statusCode).toBe(201);
    expect((await admin.post(`/api/apps/${APP}/publish`)).statusCode).toBe(201);
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    const created = await rep.post(RECORDS, { title: 'mine', price: 12 });
    expect(created.statusCode, created.body).toBe(201);
    mine = created.json() as { id: string; version: number };
  });
  afterAll(() => app.close());

  it('a right unticked and a field hidden for the member role are refused and left out after publish', async () => {
    // Before: the built-in member may update its own widget.
    const before = await rep.patch(`${RECORDS}/${mine.id}`, { title: 'renamed', version: mine.version });
    expect(before.statusCode, before.body).toBe(200);
    mine = before.json() as { id: string; version: number };
    await publishRoles([
      {
        id: 'member',
        label: { 'zh-CN': '销售代表', en: 'Rep' },
        permissions: [
          {
            entity: 'widget',
            create: true,
            read: true,
            update: false,
            delete: false,
            scope: 'own',
            fields: [{ field: 'price', access: 'none' }],
          },
        ],
      },
    ]);
    const refused = await rep.patch(`${RECORDS}/${mine.id}`, { title: 'again', version: mine.version });
    expect(refused.statusCode).toBe(403);
    expect(envelope(refused).code).toBe('FORBIDDEN');
    const read = (await rep.get(`${RECORDS}/${mine.id}`)).json() as Record<string, unknown>;
    expect(JSON.stringify(read)).not.toContain('"price"');
    expect((await rep.post(RECORDS, { title: 'still allowed' })).statusCode).toBe(201);
    // The admin still sees the hidden field.
    const full = (await admin.get(`${RECORDS}/${mine.id}`)).json() as { data?: Record<string, unknown> };
    expect(JSON.stringify(full)).toContain('"price"');
  });

  it('a custom role added in the grid reads all records but may not create', async () => {
    await publishRoles([
      {
        id: 'auditor1',
        label: { 'zh-CN': '审计', en: 'Auditor' },
        permissions: [
          { entity: 'widget', create: false, read: true, update: false, delete: false, scope: 'all' },
        ],
      },
    ]);
    const user = `/api/users/${fx.users.east2Rep.id}`;
    expect((await admin.patch(user, { roles: ['auditor1'] })).statusCode).toBe(200);
    const auditor = caller(app, await login(app, fx.users.east2Rep.email));
    const list = (await auditor.get(RECORDS)).json() as { records: { id: string }[] };
    expect(list.records.map((r) => r.id)).toContain(mine.id);
    const refused = await auditor.post(RECORDS, { title: 'nope' });
    expect(refused.statusCode).toBe(403);
    expect(envelope(refused).code).toBe('FORBIDDEN');
  });
});
