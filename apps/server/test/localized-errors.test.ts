/**
 * Specific error messages answer in the caller's language through the real server: messages
 * written in the server, the store, the engine, the rules and the definition models all reach the
 * envelope in both languages, and Accept-Language (else the user's own locale) picks one.
 */
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';
import { type Caller, caller, envelope, fixtureOn, login, serverOn } from './support.js';

const RECORDS = '/api/apps/testapp/entities/widget/records';
const ZH = { 'accept-language': 'zh-CN,zh;q=0.9' };
const EN = { 'accept-language': 'en-US,en;q=0.9' };

describeDialects('localized error messages', (ctx) => {
  let app: FastifyInstance;
  let admin: Caller;
  let rep: Caller;

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    const fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect((await admin.post('/api/apps', sampleApp())).statusCode).toBe(201);
    const published = await admin.post('/api/apps/testapp/publish');
    expect(published.statusCode, published.body).toBe(201);
  });
  afterAll(() => app.close());

  /** The first detail of an error answer to `url` in each language. */
  async function both(
    who: Caller,
    method: 'GET' | 'POST',
    url: string,
    payload?: Record<string, unknown>,
  ): Promise<{
    status: number;
    zh: { code: string; path: string; message: string };
    en: { message: string };
  }> {
    const send = (headers: Record<string, string>) =>
      who({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    const zh = await send(ZH);
    const en = await send(EN);
    expect(zh.statusCode, zh.body).toBe(en.statusCode);
    const zhError = envelope(zh);
    const enError = envelope(en);
    expect(zhError.details).toHaveLength(1);
    // one issue: the top message is the issue's own, in the same language
    expect(zhError.message).toBe(zhError.details[0]?.message);
    expect(enError.message).toBe(enError.details[0]?.message);
    return {
      status: zh.statusCode,
      zh: zhError.details[0] as { code: string; path: string; message: string },
      en: enError.details[0] as { message: string },
    };
  }

  it('a server message: a filter that is not JSON', async () => {
    const r = await both(rep, 'GET', `${RECORDS}?filter=${encodeURIComponent('{oops')}`);
    expect(r.status).toBe(400);
    expect(r.zh).toMatchObject({ code: 'VALIDATION_FAILED', path: '/query/filter' });
    expect(r.zh.message).toBe('筛选条件必须是以 JSON 书写的 JSON Logic 规则');
    expect(r.en.message).toBe('filter must be JSON Logic written as JSON');
  });

  it('a store message: sorting by a field the entity does not have', async () => {
    const r = await both(rep, 'POST', `${RECORDS}/query`, { sort: [{ field: 'nope', direction: 'asc' }] });
    expect(r.zh).toMatchObject({ code: 'UNKNOWN_FIELD', path: '/sort/0/field' });
    expect(r.zh.message).toBe('不能按「nope」排序。');
    expect(r.en.message).toBe('Cannot sort by "nope".');
  });

  it('a rules message written without the caller’s locale: an unknown operator in a list filter', async () => {
    const filter = encodeURIComponent(JSON.stringify({ nope: [1] }));
    const r = await both(rep, 'GET', `${RECORDS}?filter=${filter}`);
    expect(r.zh.code).toBe('RULE_UNKNOWN_OPERATOR');
    expect(r.zh.message).toBe('未知的运算符「nope」。');
    expect(r.en.message).toBe('Unknown operator "nope".');
  });

  it('an engine message: drilling into a widget that does not drill', async () => {
    const widget = {
      id: 'draft',
      label: { en: 'Draft' },
      entity: 'widget',
      chart: 'kpi',
      measures: [{ id: 'n', op: 'count' }],
    };
    const r = await both(admin, 'POST', '/api/apps/testapp/widgets/preview', { widget, drill: ['x'] });
    expect(r.zh).toMatchObject({ code: 'VALIDATION_FAILED', path: '/drill' });
    expect(r.zh.message).toBe('该组件不支持下钻。');
    expect(r.en.message).toBe('This widget does not drill.');
  });

  it('a definition model’s own message: a widget id that is not an id', async () => {
    const widget = { id: 'Not an id', label: { en: 'Draft' }, entity: 'widget', chart: 'kpi', measures: [] };
    const r = await both(admin, 'POST', '/api/apps/testapp/widgets/preview', { widget });
    expect(r.zh).toMatchObject({ code: 'VALIDATION_FAILED', path: '/widget/id' });
    expect(r.zh.message).toBe('必须以小写字母开头，后接字母、数字或 _（最多 40 个字符）');
    expect(r.en.message).toBe('must start with a lower-case letter, then letters, digits or _ (max 40)');
  });

  it('an admin-only action refused with its reason', async () => {
    const r = await both(rep, 'POST', '/api/apps/testapp/forecast/snapshots', {});
    expect(r.status).toBe(403);
    expect(r.zh.message).toBe('只有管理员可以生成预测快照。');
    expect(r.en.message).toBe('Only an admin may take a forecast snapshot.');
  });

  it('without Accept-Language, answers in the user’s own locale (the fixture users read zh-CN)', async () => {
    const res = await rep.get(`${RECORDS}?filter=${encodeURIComponent('{oops')}`);
    expect(envelope(res).details[0]?.message).toBe('筛选条件必须是以 JSON 书写的 JSON Logic 规则');
  });
});
