/**
 * The directory on PGlite and PostgreSQL: a member (rep) gets colleagues' names and org units only
 * (no email, role or manager anywhere in the body); managers and admins get the full view. Every
 * other answer a rep reads that names people (org units, titles of users, approvals with their
 * approvers and decisions, the audit trail, the inbox, exports) carries ids and names, never
 * another user's email.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type Caller,
  caller,
  envelope,
  fixtureOn,
  importForm,
  login,
  PASSWORD,
  serverOn,
} from './support.js';

const APP = 'people';
const L = (en: string) => ({ en, 'zh-CN': en });
const peopleApp = {
  schemaVersion: 2,
  id: APP,
  label: L('People'),
  entities: [
    {
      id: 'visit',
      label: L('Visit'),
      titleField: 'title',
      fields: [
        { id: 'title', type: 'text', label: L('Title') },
        { id: 'companion', type: 'user', label: L('Companion') },
      ],
    },
  ],
  forms: [],
  views: [],
  // A custom role: its holders get the member's reduced directory, as every role but admin and manager.
  roles: [{ id: 'seller', label: L('Seller'), permissions: [] }],
  approvals: [
    {
      id: 'signoff',
      label: L('Sign-off'),
      entity: 'visit',
      steps: [
        {
          id: 'boss',
          label: L('Manager'),
          branches: [
            { id: 'chain', label: L('Chain'), approvers: { type: 'manager_chain', levels: 1 }, mode: 'any' },
          ],
        },
      ],
    },
  ],
};

interface Directory {
  view: 'full' | 'member';
  users: Record<string, unknown>[];
}

describeDialects('the directory hides emails and roles from members', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  let manager: Caller;
  let rep: Caller;
  let custom: Caller;
  let visitId: string;

  const directory = async (who: Caller) => {
    const res = await who.get('/api/users');
    expect(res.statusCode, res.body).toBe(200);
    return { body: res.body, json: res.json() as Directory };
  };

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    manager = caller(app, await login(app, fx.users.eastManager.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect((await admin.post('/api/apps', peopleApp)).statusCode).toBe(201);
    expect((await admin.post(`/api/apps/${APP}/publish`, { note: 'v1' })).statusCode).toBe(201);
    const email = `seller@${fx.workspace.id}.test`;
    const made = await admin.post('/api/users', {
      email,
      password: PASSWORD,
      name: 'Seller',
      roles: ['seller'],
      orgUnitId: fx.units.west1.id,
      managerId: fx.users.admin.id,
    });
    expect(made.statusCode, made.body).toBe(201);
    custom = caller(app, await login(app, email));
    const created = await rep.post(`/api/apps/${APP}/entities/visit/records`, {
      title: 'Visit',
      companion: fx.users.east1Rep2.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    visitId = (created.json() as { id: string }).id;
  });
  afterAll(() => app.close());

  it('a member gets names and org units only: no email, role or manager', async () => {
    for (const who of [rep, custom]) {
      const { body, json } = await directory(who);
      expect(json.view).toBe('member');
      expect(body).not.toContain('@');
      expect(body).not.toMatch(/"(roles|email|managerId|skillTags|locale)"/);
      const east1Rep2 = json.users.find((u) => u.id === fx.users.east1Rep2.id);
      expect(east1Rep2).toEqual({
        id: fx.users.east1Rep2.id,
        name: 'east1Rep2',
        orgUnitId: fx.units.east1.id,
        orgUnitName: 'East team 1',
        disabled: false,
      });
      expect(json.users).toHaveLength(7);
    }
  });

  it('managers and admins get emails, roles and managers', async () => {
    for (const who of [manager, admin]) {
      const { json } = await directory(who);
      expect(json.view).toBe('full');
      expect(json.users.find((u) => u.id === fx.users.east1Rep2.id)).toMatchObject({
        email: fx.users.east1Rep2.email,
        roles: ['member'],
        managerId: fx.users.eastManager.id,
        orgUnitName: 'East team 1',
      });
      expect(json.users.find((u) => u.id === fx.users.admin.id)).toMatchObject({ roles: ['admin'] });
      expect(json.users).toHaveLength(7);
    }
  });

  it('other answers that name people carry no email for a member', async () => {
    const units = await rep.get('/api/org-units');
    expect(units.statusCode).toBe(200);
    const titles = await rep.post(`/api/apps/${APP}/titles`, {
      users: Object.values(fx.users).map((u) => u.id),
      refs: { visit: [visitId] },
    });
    expect(titles.statusCode, titles.body).toBe(200);
    expect((titles.json() as { users: Record<string, string> }).users[fx.users.eastManager.id]).toBe(
      'eastManager',
    );

    const records = `/api/apps/${APP}/entities/visit/records/${visitId}`;
    const started = await rep.post(`${records}/approvals`, { approval: 'signoff' });
    expect(started.statusCode, started.body).toBe(201);
    const waiting = (await manager.get('/api/approvals/waiting')).json() as { approvals: { id: string }[] };
    const instance = waiting.approvals[0]?.id;
    const decided = await manager.post(`/api/approvals/${instance}/decision`, {
      decision: 'approve',
      comment: 'fine',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const approvals = await rep.get(`${records}/approvals`);
    expect(approvals.statusCode, approvals.body).toBe(200);
    expect(
      (approvals.json() as { approvals: { history: { userName: string }[] }[] }).approvals[0]?.history,
    ).toEqual([expect.objectContaining({ userName: 'eastManager', decision: 'approve' })]);

    const answers = [
      units,
      titles,
      started,
      approvals,
      await rep.get(`${records}/audit`),
      await rep.get(records),
      await rep.get('/api/approvals/waiting'),
      await rep.get('/api/inbox'),
      await rep.get('/api/tasks/mine'),
    ];
    for (const res of answers) {
      expect(res.statusCode, `${res.raw.req.url} ${res.body}`).toBeLessThan(300);
      expect(res.body, res.raw.req.url).not.toContain('@');
    }
  });

  it('a member’s export names other users by name (their own entry stays an email); a manager’s by email', async () => {
    const url = `/api/apps/${APP}/entities/visit/export?format=csv`;
    const mine = await rep.get(url);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.body).toContain('east1Rep2');
    expect(mine.body).not.toContain(fx.users.east1Rep2.email);
    expect(mine.body.replaceAll(fx.users.east1Rep.email, '')).not.toContain('@');
    const managers = await manager.get(url);
    expect(managers.statusCode, managers.body).toBe(200);
    expect(managers.body).toContain(fx.users.east1Rep2.email);
  });

  it('a member’s import names users as their export does: a colleague’s email does not resolve', async () => {
    const dryRun = (who: Caller, companion: string) =>
      who({
        method: 'POST',
        url: `/api/apps/${APP}/entities/visit/import?dryRun=true`,
        ...importForm(`Title,Companion\nImported,${companion}\n`, 'text/csv', { 'accept-language': 'en' }),
      });
    for (const companion of ['east1Rep2', fx.users.east1Rep2.id, fx.users.east1Rep.email]) {
      const ok = await dryRun(rep, companion);
      expect(ok.statusCode, `${companion}: ${ok.body}`).toBe(200);
    }
    const refused = await dryRun(rep, fx.users.east1Rep2.email);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(envelope(refused).details[0]).toMatchObject({ code: 'IMPORT_INVALID', path: '/rows/2/companion' });
    expect((await dryRun(manager, fx.users.east1Rep2.email)).statusCode).toBe(200);
  });
});
