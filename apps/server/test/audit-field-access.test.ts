/**
 * The audit trail hides the values of every field its reader may not read, on PGlite and
 * PostgreSQL: a field hidden from reps now, a hidden field since removed from the entity (its old
 * values survive in the trail and the archive: the last published version that had it decides),
 * and a hidden field removed and added back (its archived values restored, with `restore` rows).
 * A manager who may read the fields sees every value. Each check searches the raw JSON body.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Caller, caller, fixtureOn, login, PASSWORD, serverOn } from './support.js';

const APP = 'vault';
const L = (en: string) => ({ en, 'zh-CN': en });
/** A value filled in by a stage move, in a field hidden from reps. */
const MOVED = 'SECRET-MOVED-d81c';
const SECRET = {
  hiddenNow: 'SECRET-NOW-6b1f',
  goneHidden: 'SECRET-GONE-93ac',
  goneOpen: 'OPEN-GONE-27de',
  cycled: 'SECRET-CYCLED-4e0a',
} as const;
type FieldId = keyof typeof SECRET;
/** Fields reps may not read while they exist. */
const HIDDEN: readonly FieldId[] = ['hiddenNow', 'goneHidden', 'cycled'];

/** The app with `fields` (besides the title); reps and auditors get access `none` to the hidden ones. */
function vault(fields: readonly FieldId[]): Record<string, unknown> {
  const none = HIDDEN.filter((f) => fields.includes(f)).map((field) => ({ field, access: 'none' }));
  return {
    schemaVersion: 2,
    id: APP,
    label: L('Vault'),
    entities: [
      {
        id: 'deal',
        label: L('Deal'),
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: L('Title') },
          ...fields.map((id) => ({ id, type: 'text', label: L(id) })),
        ],
      },
    ],
    forms: [],
    views: [],
    stageMachines: [
      {
        id: 'flow',
        entity: 'deal',
        label: L('Flow'),
        initialStage: 'open',
        stages: [
          { id: 'open', label: L('Open'), category: 'open', probability: 10, forecastCategory: 'pipeline' },
          { id: 'done', label: L('Done'), category: 'won', probability: 100, forecastCategory: 'closed' },
        ],
        // the move asks for a field reps may not read
        transitions: [
          { id: 'close', label: L('Close'), from: ['open'], to: 'done', fields: [{ field: 'hiddenNow' }] },
        ],
      },
    ],
    roles: [
      {
        id: 'member',
        label: L('Rep'),
        permissions: [
          {
            entity: 'deal',
            create: true,
            read: true,
            update: true,
            delete: false,
            scope: 'own',
            fields: none,
          },
        ],
      },
      {
        id: 'auditor',
        label: L('Auditor'),
        permissions: [
          {
            entity: 'deal',
            create: false,
            read: true,
            update: false,
            delete: false,
            scope: 'all',
            fields: none,
          },
        ],
      },
    ],
  };
}

describeDialects('audit reads hide unreadable fields', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  let manager: Caller;
  let rep: Caller;
  let auditor: Caller;
  let recordId: string;
  const url = (path = '') => `/api/apps/${APP}/entities/deal${path}`;
  const auditOf = async (who: Caller) => {
    const res = await who.get(url(`/records/${recordId}/audit`));
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const publish = async (fields: readonly FieldId[]) => {
    const saved = await admin.put(`/api/apps/${APP}/draft`, vault(fields));
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await admin.post(`/api/apps/${APP}/publish`, { note: fields.join(',') });
    expect(published.statusCode, published.body).toBe(201);
  };

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    manager = caller(app, await login(app, fx.users.eastManager.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect(
      (await admin.post('/api/apps', vault(['hiddenNow', 'goneHidden', 'goneOpen', 'cycled']))).statusCode,
    ).toBe(201);
    expect((await admin.post(`/api/apps/${APP}/publish`, { note: 'v1' })).statusCode).toBe(201);
    // The auditor role is the published app's, so it can be granted only now (unknown roles are refused).
    const email = `auditor@${fx.workspace.id}.test`;
    const made = await admin.post('/api/users', {
      email,
      password: PASSWORD,
      name: 'Auditor',
      roles: ['auditor'],
      orgUnitId: fx.units.company.id,
    });
    expect(made.statusCode, made.body).toBe(201);
    auditor = caller(app, await login(app, email));
    const created = await rep.post(url('/records'), { title: 'Deal A', goneOpen: SECRET.goneOpen });
    expect(created.statusCode, created.body).toBe(201);
    recordId = (created.json() as { id: string }).id;
    // the admin fills the fields the rep may not read, on the rep's own record
    const patched = await admin.patch(url(`/records/${recordId}`), {
      version: 1,
      hiddenNow: SECRET.hiddenNow,
      goneHidden: SECRET.goneHidden,
      cycled: SECRET.cycled,
    });
    expect(patched.statusCode, patched.body).toBe(200);
  });
  afterAll(() => app.close());

  it('a field hidden from reps: its values are in no audit entry a rep reads; a manager sees them', async () => {
    const repBody = (await auditOf(rep)).body;
    for (const field of HIDDEN) {
      expect(repBody).not.toContain(SECRET[field]);
      expect(repBody).not.toContain(`"${field}"`);
    }
    expect(repBody).toContain(SECRET.goneOpen);
    expect(repBody).toContain('Deal A');
    expect((await rep.get(url(`/records/${recordId}`))).body).not.toContain(SECRET.hiddenNow);
    const managerBody = (await auditOf(manager)).body;
    for (const value of Object.values(SECRET)) expect(managerBody).toContain(value);
  });

  it('a hidden field removed from the entity stays hidden; a removed readable one stays readable', async () => {
    await publish(['hiddenNow', 'cycled']);
    const repBody = (await auditOf(rep)).body;
    expect(repBody).not.toContain(SECRET.goneHidden);
    expect(repBody).not.toContain('"goneHidden"');
    expect(repBody).not.toContain(SECRET.hiddenNow);
    expect(repBody).not.toContain(SECRET.cycled);
    // the last version that had it let reps read it: its history stays theirs
    expect(repBody).toContain(SECRET.goneOpen);
    const managerBody = (await auditOf(manager)).body;
    expect(managerBody).toContain(SECRET.goneHidden);
    expect(managerBody).toContain(SECRET.goneOpen);
    // the auditor reads every record but not the hidden fields, removed or not
    const auditorBody = (await auditOf(auditor)).body;
    for (const field of HIDDEN) expect(auditorBody).not.toContain(SECRET[field]);
    expect(auditorBody).toContain(SECRET.goneOpen);
  });

  it('an archived field: its restored values follow the same rule; the archive list is for admins', async () => {
    await publish(['hiddenNow']);
    const listed = await admin.get(url('/archived-fields'));
    expect(listed.statusCode, listed.body).toBe(200);
    const archived = (listed.json() as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(archived.sort()).toEqual(['cycled', 'goneHidden', 'goneOpen']);
    // the archive is for admins: an auditor who reads every record still cannot list it
    expect((await auditor.get(url('/archived-fields'))).statusCode).toBe(403);
    // added back (still hidden from reps): the publish restores the archived value with a `restore` row
    await publish(['hiddenNow', 'cycled']);
    const adminAudit = (await auditOf(admin)).json() as { entries: { action: string; changes: object }[] };
    expect(adminAudit.entries.filter((e) => e.action === 'restore')).toEqual([
      expect.objectContaining({ changes: { cycled: { from: null, to: SECRET.cycled } } }),
    ]);
    const repAudit = await auditOf(rep);
    for (const field of HIDDEN) expect(repAudit.body).not.toContain(SECRET[field]);
    const restoreRows = (
      repAudit.json() as { entries: { action: string; changes: object }[] }
    ).entries.filter((e) => e.action === 'restore');
    expect(restoreRows.map((e) => e.changes)).toEqual([{}]);
    expect((await rep.get(url(`/records/${recordId}`))).body).not.toContain(SECRET.cycled);
    expect((await auditOf(manager)).body).toContain(SECRET.cycled);
    expect((await auditOf(auditor)).body).not.toContain(SECRET.cycled);
  });

  it('a stage move’s field values: hidden from reps in the stage history and the audit trail', async () => {
    const version = ((await manager.get(url(`/records/${recordId}`))).json() as { version: number }).version;
    const moved = await manager.post(url(`/records/${recordId}/transitions`), {
      to: 'done',
      fields: { hiddenNow: MOVED },
      version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const history = await rep.get(url(`/records/${recordId}/history`));
    expect(history.statusCode, history.body).toBe(200);
    expect(history.body).not.toContain(MOVED);
    expect((history.json() as { history: { to: string; fields: object }[] }).history).toEqual([
      expect.objectContaining({ to: 'done', fields: {} }),
    ]);
    const audit = (await auditOf(rep)).body;
    expect(audit).not.toContain(MOVED);
    expect(audit).toContain('"transition"');
    expect((await manager.get(url(`/records/${recordId}/history`))).body).toContain(MOVED);
    expect((await auditOf(manager)).body).toContain(MOVED);
  });
});
