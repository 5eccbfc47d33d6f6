/**
 * People and passwords over HTTP on PGlite and PostgreSQL: the password policy on create and change,
 * one-time passwords (new user, admin reset, the first start's generated one) that lock a session to
 * changing the password, unknown roles refused, approver roles of a published app grantable, disable
 * and enable (a disabled user's sessions stop working), and org units renamed and moved.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { firstRun } from '../src/bootstrap/first-run.js';
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

const L = (en: string, zh = en) => ({ en, 'zh-CN': zh });
const GOOD = 'Lantern-Orbit-47';
const APP = 'signoffs';
const signoffApp = {
  schemaVersion: 2,
  id: APP,
  label: L('Sign-offs'),
  entities: [
    {
      id: 'deal',
      label: L('Deal'),
      titleField: 'title',
      fields: [{ id: 'title', type: 'text', label: L('Title') }],
    },
  ],
  forms: [],
  views: [],
  roles: [{ id: 'legalReviewer', label: L('Legal reviewer', '法务审核'), permissions: [] }],
};

describeDialects('people and passwords', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  const mail = (name: string) => `${name}@${fx.workspace.id}.test`;

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    expect((await admin.post('/api/apps', signoffApp)).statusCode).toBe(201);
    expect((await admin.post(`/api/apps/${APP}/publish`, { note: 'v1' })).statusCode).toBe(201);
  });
  afterAll(() => app.close());

  const signIn = async (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  it('refuses weak passwords on create with each reason at /password, in the caller language', async () => {
    const email = mail('weak.pw');
    const cases: [string, string[]][] = [
      ['short1!', ['PASSWORD_TOO_SHORT']],
      [`${email.split('@')[0]}-2026-x`, ['PASSWORD_CONTAINS_EMAIL']],
      ['1234567890', ['PASSWORD_TOO_COMMON']],
    ];
    for (const [password, codes] of cases) {
      const res = await admin({
        method: 'POST',
        url: '/api/users',
        headers: { 'accept-language': 'zh-CN' },
        payload: { email, password, name: 'Weak', roles: ['member'] },
      });
      expect(res.statusCode, password).toBe(422);
      const { details } = envelope(res);
      expect(details.map((d) => [d.code, d.path])).toEqual(codes.map((c) => [c, '/password']));
      expect(details[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await signIn(email, '1234567890')).statusCode).toBe(401);
  });

  it('gives a new user a one-time password: until it is changed only me, logout and the change answer', async () => {
    const email = mail('new.rep');
    const made = await admin.post('/api/users', {
      email,
      name: 'New rep',
      roles: ['member'],
      orgUnitId: fx.units.east1.id,
      managerId: fx.users.eastManager.id,
    });
    expect(made.statusCode, made.body).toBe(201);
    const { oneTimePassword, mustChangePassword } = made.json() as {
      oneTimePassword: string;
      mustChangePassword: boolean;
    };
    expect(mustChangePassword).toBe(true);
    expect(oneTimePassword).toMatch(/^\S{18}$/);
    // The list never repeats it.
    expect((await admin.get('/api/users')).body).not.toContain(oneTimePassword);

    const first = await signIn(email, oneTimePassword);
    expect(first.statusCode).toBe(200);
    expect(first.json().user.mustChangePassword).toBe(true);
    const rep = caller(app, await login(app, email, oneTimePassword));
    expect((await rep.get('/api/auth/me')).statusCode).toBe(200);
    for (const url of ['/api/apps', '/api/users', '/api/auth/sessions']) {
      const res = await rep.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(envelope(res).code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    const wrong = await rep.post('/api/auth/password', {
      currentPassword: 'not it at all',
      newPassword: GOOD,
    });
    expect(wrong.statusCode).toBe(422);
    expect(envelope(wrong).details[0]).toMatchObject({
      code: 'PASSWORD_INCORRECT',
      path: '/currentPassword',
    });
    const same = await rep.post('/api/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: oneTimePassword,
    });
    expect(envelope(same).details.map((d) => d.path)).toEqual(['/newPassword']);
    const weak = await rep.post('/api/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: 'qwertyuiop',
    });
    expect(envelope(weak).details.map((d) => d.code)).toEqual(['PASSWORD_TOO_COMMON']);

    const changed = await rep.post('/api/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: GOOD,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    expect((await rep.get('/api/apps')).statusCode).toBe(200);
    expect((await signIn(email, oneTimePassword)).statusCode).toBe(401);
    expect((await signIn(email, GOOD)).statusCode).toBe(200);
  });

  it('changing my password ends my other sessions and keeps this one', async () => {
    const email = fx.users.east2Rep.email;
    const here = caller(app, await login(app, email));
    const there = caller(app, await login(app, email));
    expect(
      (await here.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: GOOD })).statusCode,
    ).toBe(200);
    expect((await here.get('/api/apps')).statusCode).toBe(200);
    expect(envelope(await there.get('/api/apps')).code).toBe('UNAUTHENTICATED');
  });

  it('an admin reset ends the user sessions and gives a one-time password', async () => {
    const rep = caller(app, await login(app, fx.users.westRep.email));
    expect((await rep.get('/api/apps')).statusCode).toBe(200);
    const reset = await admin.post(`/api/users/${fx.users.westRep.id}/reset-password`);
    expect(reset.statusCode, reset.body).toBe(200);
    const { oneTimePassword } = reset.json() as { oneTimePassword: string };
    expect((await rep.get('/api/apps')).statusCode).toBe(401);
    expect((await signIn(fx.users.westRep.email, PASSWORD)).statusCode).toBe(401);
    const again = caller(app, await login(app, fx.users.westRep.email, oneTimePassword));
    expect(envelope(await again.get('/api/apps')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    // Only admins reset; an unknown id is NOT_FOUND.
    expect((await rep.post(`/api/users/${fx.users.admin.id}/reset-password`)).statusCode).toBe(401);
    const member = caller(app, await login(app, fx.users.east1Rep2.email));
    expect(envelope(await member.post(`/api/users/${fx.users.admin.id}/reset-password`)).code).toBe(
      'FORBIDDEN',
    );
    expect((await admin.post('/api/users/nobody/reset-password')).statusCode).toBe(404);
  });

  it('refuses unknown role names on create and update, and grants the roles a published app declares', async () => {
    const roles = (await admin.get('/api/user-roles')).json().roles as {
      id: string;
      label: { 'zh-CN': string };
      builtIn: boolean;
    }[];
    expect(roles.map((r) => r.id)).toEqual(['admin', 'manager', 'member', 'legalReviewer']);
    expect(roles.find((r) => r.id === 'legalReviewer')).toMatchObject({
      builtIn: false,
      label: { 'zh-CN': '法务审核' },
    });

    const made = await admin.post('/api/users', {
      email: mail('ghost.role'),
      name: 'G',
      roles: ['member', 'ghost'],
    });
    expect(made.statusCode).toBe(422);
    expect(envelope(made).details[0]).toMatchObject({ code: 'ROLE_UNKNOWN', path: '/roles/1' });
    const patched = await admin.patch(`/api/users/${fx.users.east1Rep.id}`, { roles: ['membr'] });
    expect(patched.statusCode).toBe(422);
    expect(envelope(patched).details[0]).toMatchObject({ code: 'ROLE_UNKNOWN', path: '/roles/0' });

    const granted = await admin.patch(`/api/users/${fx.users.east1Rep.id}`, {
      roles: ['member', 'legalReviewer'],
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().roles).toEqual(['member', 'legalReviewer']);
    const member = caller(app, await login(app, fx.users.east1Rep2.email));
    expect(envelope(await member.get('/api/user-roles')).code).toBe('FORBIDDEN');
  });

  it('disabling a user ends their sessions and sign-ins; enabling lets them sign in again', async () => {
    const email = fx.users.east1Rep2.email;
    const rep = caller(app, await login(app, email));
    const off = await admin.patch(`/api/users/${fx.users.east1Rep2.id}`, { disabled: true });
    expect(off.json().disabled).toBe(true);
    expect((await rep.get('/api/apps')).statusCode).toBe(401);
    expect((await signIn(email, PASSWORD)).statusCode).toBe(401);
    expect((await admin.patch(`/api/users/${fx.users.east1Rep2.id}`, { disabled: false })).statusCode).toBe(
      200,
    );
    expect((await caller(app, await login(app, email)).get('/api/apps')).statusCode).toBe(200);
    // The admin cannot lock themselves out.
    const self = await admin.patch(`/api/users/${fx.users.admin.id}`, { disabled: true });
    expect(envelope(self).details[0]).toMatchObject({ code: 'VALIDATION_FAILED', path: '/disabled' });
  });

  it('imports users from a GBK CSV: one-time passwords for the created, every reason for the refused', async () => {
    const csv = [
      'email,name,roles,orgUnit,manager',
      `${mail('imp.a')},王一,member;legalReviewer,${fx.units.east1.name},${fx.users.eastManager.email}`,
      `${mail('imp.b')},李二,,${fx.units.west1.id},${mail('imp.a')}`,
      `not-an-email,,ghost,Nowhere,nobody@x.test`,
      `${fx.users.admin.email},Dup,member,,`,
    ].join('\r\n');
    const form = importForm(iconv.encode(csv, 'gbk'));
    const res = await admin({
      method: 'POST',
      url: '/api/users/import',
      headers: { ...form.headers, 'accept-language': 'zh-CN' },
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      encoding: string;
      created: { line: number; email: string; name: string; oneTimePassword: string }[];
      refused: { line: number; issues: { code: string; path: string; message: string }[] }[];
    };
    expect(body.encoding).toBe('GBK');
    expect(body.created.map((c) => [c.line, c.name])).toEqual([
      [2, '王一'],
      [3, '李二'],
    ]);
    expect(body.refused.map((r) => [r.line, r.issues.map((i) => `${i.code} ${i.path}`)])).toEqual([
      [
        4,
        [
          'VALIDATION_FAILED /email',
          'FIELD_REQUIRED /name',
          'ROLE_UNKNOWN /roles/0',
          'REFERENCE_UNKNOWN /orgUnit',
          'REFERENCE_UNKNOWN /manager',
        ],
      ],
      [5, ['DUPLICATE_RECORD /email']],
    ]);
    expect(body.refused[0]?.issues[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    const users = (await admin.get('/api/users')).json().users as {
      id: string;
      email: string;
      roles: string[];
      orgUnitId: string;
      managerId: string;
      mustChangePassword: boolean;
    }[];
    const a = users.find((u) => u.email === mail('imp.a'));
    const b = users.find((u) => u.email === mail('imp.b'));
    expect(a).toMatchObject({
      roles: ['member', 'legalReviewer'],
      orgUnitId: fx.units.east1.id,
      managerId: fx.users.eastManager.id,
      mustChangePassword: true,
    });
    expect(b).toMatchObject({ roles: ['member'], orgUnitId: fx.units.west1.id });
    expect(b?.managerId).toBe(a?.id);
    const first = body.created[0];
    if (!first) throw new Error('nothing created');
    const rep = caller(app, await login(app, first.email, first.oneTimePassword));
    expect(envelope(await rep.get('/api/apps')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const member = caller(app, await login(app, fx.users.east1Rep2.email));
    const denied = await member({
      method: 'POST',
      url: '/api/users/import',
      headers: form.headers,
      payload: form.payload,
    });
    expect(envelope(denied).code).toBe('FORBIDDEN');
  });

  it('renames and moves org units with their subtree; a move under its own subtree is refused', async () => {
    const region = (
      await admin.post('/api/org-units', { name: 'North', parentId: fx.units.company.id })
    ).json();
    const team = (await admin.post('/api/org-units', { name: 'North 1', parentId: region.id })).json();
    const renamed = await admin.patch(`/api/org-units/${region.id}`, { name: 'North region' });
    expect(renamed.json()).toMatchObject({ name: 'North region', level: 1 });
    const moved = await admin.patch(`/api/org-units/${region.id}`, { parentId: fx.units.east.id });
    expect(moved.json()).toMatchObject({ parentId: fx.units.east.id, level: 2 });
    const units = (await admin.get('/api/org-units')).json().orgUnits as {
      id: string;
      path: string;
      level: number;
    }[];
    expect(units.find((u) => u.id === team.id)).toMatchObject({
      level: 3,
      path: `${fx.units.east.path}${region.id}/${team.id}/`,
    });
    const cycle = await admin.patch(`/api/org-units/${region.id}`, { parentId: team.id });
    expect(envelope(cycle).details[0]).toMatchObject({ code: 'VALIDATION_FAILED', path: '/parentId' });
    const rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect(envelope(await rep.patch(`/api/org-units/${region.id}`, { name: 'x' })).code).toBe('FORBIDDEN');
  });
});

describeDialects('the first start generated admin password is one-time', (ctx) => {
  it('signs in with it, then must change it', async () => {
    // Each suite has its own scratch database, so this one starts without users.
    const created = await firstRun(ctx.store, { ADMIN_EMAIL: 'first@start.test' });
    expect(created?.generatedPassword).toBeDefined();
    const app = await serverOn(ctx.store);
    try {
      const owner = caller(app, await login(app, 'first@start.test', created?.generatedPassword));
      expect(envelope(await owner.get('/api/apps')).code).toBe('PASSWORD_CHANGE_REQUIRED');
      const changed = await owner.post('/api/auth/password', {
        currentPassword: created?.generatedPassword,
        newPassword: GOOD,
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect((await owner.get('/api/apps')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
