/**
 * Publishing refuses an approval branch that names people who are not active users of the
 * workspace (the branch would wait for nobody); named active users publish.
 */
import type { App } from '@stagecraft/schema';
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { automationApp } from './automation-fixture.js';
import { type Caller, caller, checkedResponses, envelope, FakeClock, fixtureOn, login } from './support.js';

describeDialects('publishing approvals with named approvers', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;

  beforeAll(async () => {
    app = await buildApp({
      store: ctx.store,
      clock: new FakeClock(new Date('2026-09-01T02:00:00Z')),
      ...checkedResponses(),
    });
    await app.ready();
    fx = await fixtureOn(ctx.store, 'Approver workspace');
    admin = caller(app, await login(app, fx.users.admin.email));
  });
  afterAll(() => app.close());

  const withNamed = (id: string, users: string[]): App => {
    const doc = automationApp({
      flaky: 'http://127.0.0.1:9/f',
      broken: 'http://127.0.0.1:9/b',
      secret: 's',
    }) as unknown as App;
    const approval = doc.approvals[0]!;
    const branch = approval.steps[0]!.branches[0]!;
    return {
      ...doc,
      id,
      approvals: [
        {
          ...approval,
          steps: [{ ...approval.steps[0]!, branches: [{ ...branch, approvers: { type: 'users', users } }] }],
        },
      ],
    };
  };

  it('refuses an unknown or another workspace’s user at its path, accepts active users', async () => {
    const other = await fixtureOn(ctx.store, 'Other workspace');
    expect(
      (await admin.post('/api/apps', withNamed('named1', ['nobody', other.users.admin.id]))).statusCode,
    ).toBe(201);
    const refused = await admin.post('/api/apps/named1/publish');
    expect(refused.statusCode).toBe(422);
    expect(envelope(refused).details.map((d) => [d.code, d.path])).toEqual([
      ['REFERENCE_UNKNOWN', '/approvals/0/steps/0/branches/0/approvers/users/0'],
      ['REFERENCE_UNKNOWN', '/approvals/0/steps/0/branches/0/approvers/users/1'],
    ]);

    expect((await admin.post('/api/apps', withNamed('named2', [fx.users.eastManager.id]))).statusCode).toBe(
      201,
    );
    const published = await admin.post('/api/apps/named2/publish');
    expect(published.statusCode, published.body).toBe(201);
  });
});
