/**
 * First start on an empty database: the pack marked `installByDefault` is installed with its demo
 * data, the start banner gets a manager and a rep login, and record scope holds on the demo data
 * (a rep sees only their own records, a manager their team's, the admin everything). Generic: the
 * pack and its entities are discovered, not named.
 */
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { runDefaultInstall } from '../src/bootstrap/default-install.js';
import { firstRun } from '../src/bootstrap/first-run.js';
import { caller, checkedResponses, FakeClock, login } from './support.js';

describeDialects('default install at first start', (ctx) => {
  let app: FastifyInstance;
  let result: Awaited<ReturnType<typeof runDefaultInstall>>;
  const lines: string[] = [];

  beforeAll(async () => {
    const created = await firstRun(ctx.store, {
      ADMIN_EMAIL: 'owner@first.test',
      ADMIN_PASSWORD: 'first-start-pw',
    });
    if (!created) throw new Error('the database was not empty');
    result = await runDefaultInstall({
      store: ctx.store,
      firstRun: created,
      dataDir: '/tmp',
      log: (l) => lines.push(l),
    });
    app = await buildApp({ store: ctx.store, clock: new FakeClock(new Date()), ...checkedResponses() });
    await app.ready();
  });
  afterAll(() => app.close());

  it('installs the default pack with demo data and returns a manager, a rep and the approvers', async () => {
    expect(result.installed).toHaveLength(1);
    expect(result.logins.map((l) => l.role.split(' ')[0])).toEqual([
      'manager',
      'member',
      'techReviewer',
      'legalReviewer',
      'serviceReviewer',
    ]);
    expect(lines.join('\n')).toMatch(/demo data: [\d,]+ records/);
    expect(await firstRun(ctx.store, {})).toBeUndefined();
  });

  it('shows a rep only their records, a manager their team, the admin everything', async () => {
    const admin = caller(app, await login(app, 'owner@first.test', 'first-start-pw'));
    const apps = (await admin.get('/api/apps')).json().apps as { id: string }[];
    expect(apps).toHaveLength(1);
    const appId = apps[0]!.id;
    const definition = (await admin.get(`/api/apps/${appId}/published`)).json().definition as {
      entities: { id: string }[];
    };
    const total = async (who: typeof admin, entity: string) =>
      (await who.get(`/api/apps/${appId}/entities/${entity}/records?limit=1`)).json().total as number;
    // the entity with the most demo records
    let main = '';
    let most = -1;
    for (const e of definition.entities) {
      const n = await total(admin, e.id);
      if (n > most) [main, most] = [e.id, n];
    }
    const [managerLogin, repLogin] = result.logins;
    const manager = caller(app, await login(app, managerLogin!.email, managerLogin!.password));
    const rep = caller(app, await login(app, repLogin!.email, repLogin!.password));
    const repMe = (await rep.get('/api/auth/me')).json();
    const managerMe = (await manager.get('/api/auth/me')).json();
    const repRecords = (await rep.get(`/api/apps/${appId}/entities/${main}/records?limit=500`)).json();
    const managerTotal = await total(manager, main);
    expect(repRecords.total).toBeGreaterThan(0);
    expect(repRecords.total).toBeLessThan(managerTotal);
    expect(managerTotal).toBeLessThan(most);
    expect(new Set(repRecords.records.map((r: { owner: string }) => r.owner))).toEqual(
      new Set([repMe.user.id]),
    );
    const team = (await manager.get(`/api/apps/${appId}/entities/${main}/records?limit=500`)).json()
      .records as { orgUnit: string }[];
    expect(new Set(team.map((r) => r.orgUnit))).toEqual(new Set([managerMe.orgUnit.id]));
  });
});
