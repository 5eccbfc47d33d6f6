/**
 * Publish refuses a view or widget filter the database cannot run: before, it published and then
 * every load of the list or dashboard failed with 400 RULE_NOT_TRANSLATABLE. Through the real
 * server on PGlite and PostgreSQL.
 */
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';
import { type Caller, caller, envelope, fixtureOn, login, serverOn } from './support.js';

const APP = 'sqlfilters';
/** Type-correct, but `round` of a field has no SQL translation. */
const ROUNDED = { '>': [{ round: [{ var: 'price' }] }, 10] };

function appWith(viewFilter: unknown, widgetFilter: unknown): Record<string, unknown> {
  const app = sampleApp(APP) as { views: Record<string, unknown>[] } & Record<string, unknown>;
  return {
    ...app,
    views: app.views.map((v) => ({ ...v, filter: viewFilter })),
    dashboards: [
      {
        id: 'board',
        label: { en: 'Board' },
        widgets: [
          {
            id: 'count',
            label: { en: 'Count' },
            entity: 'widget',
            chart: 'kpi',
            measures: [{ id: 'n', op: 'count' }],
            filter: widgetFilter,
          },
        ],
      },
    ],
  };
}

describeDialects('publish refuses filters that cannot run in SQL', (ctx) => {
  let app: FastifyInstance;
  let admin: Caller;

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    const fx = await fixtureOn(ctx.store, 'SQL filters workspace');
    admin = caller(app, await login(app, fx.users.admin.email));
  });
  afterAll(() => app.close());

  it('refuses the untranslatable filters at their JSON paths, publishes once they translate', async () => {
    const created = await admin.post('/api/apps', appWith(ROUNDED, { changed: 'qty' }));
    expect(created.statusCode, created.body).toBe(201);
    const refused = await admin({
      method: 'POST',
      url: `/api/apps/${APP}/publish`,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(refused.statusCode, refused.body).toBe(422);
    const error = envelope(refused);
    expect(error.details.map((d) => [d.code, d.path])).toEqual([
      ['RULE_NOT_TRANSLATABLE', '/views/0/filter/>/0'],
      ['RULE_NOT_TRANSLATABLE', '/dashboards/0/widgets/0/filter'],
    ]);
    expect(error.details[0]?.message).toBe('运算符「round」无法在数据库中执行。');
    // Nothing was published.
    expect((await admin.get(`/api/apps/${APP}/published`)).statusCode).toBe(409);
    const fixed = { '>': [{ var: 'price' }, 10] };
    const saved = await admin.put(`/api/apps/${APP}/draft`, appWith(fixed, { '>=': [{ var: 'qty' }, 1] }));
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await admin.post(`/api/apps/${APP}/publish`);
    expect(published.statusCode, published.body).toBe(201);
    const list = await admin.get(
      `/api/apps/${APP}/entities/widget/records?filter=${encodeURIComponent(JSON.stringify(fixed))}`,
    );
    expect(list.statusCode, list.body).toBe(200);
    // What every load of the refused view would have answered.
    const load = await admin.get(
      `/api/apps/${APP}/entities/widget/records?filter=${encodeURIComponent(JSON.stringify(ROUNDED))}`,
    );
    expect(load.statusCode).toBe(400);
    expect(envelope(load).code).toBe('RULE_NOT_TRANSLATABLE');
    const board = await admin.get(`/api/apps/${APP}/dashboards/board`);
    expect((board.json() as { data: { rows?: unknown[] }[] }).data[0]?.rows).toEqual([{ n: 0 }]);
  });
});
