/**
 * 100+ malformed or hostile requests: bad JSON, wrong types, unknown fields, SQL-looking strings in
 * values, filters and sort keys, 10 MB bodies, prototype-pollution keys, huge numbers, wrong content
 * types, bad ids. Each must get a 4xx with the error envelope, and a full dump of every table is
 * the same before and after.
 */
import type { Store } from '@stagecraft/store';
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';
import { type Caller, caller, envelope, fixtureOn, importForm, login, serverOn } from './support.js';

const C = '/api/apps/testapp/entities/widget/records';

/** Every row of every table of the connection's schema, as text, in a stable order. */
async function dump(store: Store): Promise<Record<string, string[]>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
    store.db,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.table(name)} t`.execute(
      store.db,
    );
    out[name] = rows.rows.map((r) => r.j).sort();
  }
  return out;
}

const json = (payload: string, extra: Partial<InjectOptions> = {}): Partial<InjectOptions> => ({
  payload,
  headers: { 'content-type': 'application/json' },
  ...extra,
});

describeDialects('hostile requests', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  let rep: Caller;
  let mine: { id: string; version: number };
  let theirs: { id: string };

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect((await admin.post('/api/apps', sampleApp())).statusCode).toBe(201);
    expect((await admin.post('/api/apps/testapp/publish')).statusCode).toBe(201);
    mine = (await rep.post(C, { title: 'mine', qty: 1 })).json() as { id: string; version: number };
    theirs = (await admin.post(C, { title: 'theirs', qty: 2 })).json() as { id: string };
  });
  afterAll(() => app.close());

  it('answers every one with a 4xx envelope and changes nothing in the database', async () => {
    const R = `${C}/${mine.id}`;
    const big = JSON.stringify({ title: 'x'.repeat(10 * 1024 * 1024) });
    const deep = JSON.stringify(
      Array.from({ length: 400 }).reduce<unknown>((acc) => ({ '!': [acc] }), { var: 'qty' }),
    );
    const q = (filter: unknown) =>
      `${C}?filter=${encodeURIComponent(typeof filter === 'string' ? filter : JSON.stringify(filter))}`;
    const cases: [string, InjectOptions, 'rep' | 'admin' | 'anon'][] = [];
    const add = (name: string, options: InjectOptions, who: 'rep' | 'admin' | 'anon' = 'rep') =>
      cases.push([name, options, who]);

    // Malformed JSON.
    for (const body of [
      '{',
      '{"title":',
      'nul',
      '[1,2',
      '{"title":"a"}}',
      "{'title':'x'}",
      '{"title":"x",}',
      '\u0000',
      '<xml/>',
      '',
      '{"title":"\\uZZZZ"}',
    ]) {
      add(`bad json ${JSON.stringify(body)}`, { method: 'POST', url: C, ...json(body) });
    }
    add('bad json on patch', { method: 'PATCH', url: R, ...json('{"version":1,') });
    add('bad json on draft', { method: 'PUT', url: '/api/apps/testapp/draft', ...json('{"id":') }, 'admin');
    add('bad json on login', { method: 'POST', url: '/api/auth/login', ...json('{"email":') }, 'anon');
    // Wrong types.
    const wrongTypes: Record<string, unknown>[] = [
      { title: 123 },
      { title: 'x', qty: 'abc' },
      { title: 'x', qty: {} },
      { title: 'x', price: [1] },
      { title: 'x', ratio: true },
      { title: 'x', dueOn: '2026-13-45' },
      { title: 'x', dueOn: 'yesterday' },
      { title: 'x', seenAt: 'not a date' },
      { title: 'x', active: 'yes' },
      { title: 'x', level: 'medium' },
      { title: 'x', tags: 'red' },
      { title: 'x', tags: ['green'] },
      { title: 'x', mail: 'not-an-email' },
      { title: 'x', spot: { lat: 200, lng: 0 } },
      { title: 'x', spot: 'here' },
      { title: null },
      { qty: 1 },
      { title: 'x'.repeat(201) },
    ];
    for (const body of wrongTypes)
      add(`wrong type ${JSON.stringify(body).slice(0, 60)}`, { method: 'POST', url: C, payload: body });
    add('array body', { method: 'POST', url: C, payload: [{ title: 'x' }] as never });
    add('string body', { method: 'POST', url: C, ...json('"title"') });
    add('patch wrong type', { method: 'PATCH', url: R, payload: { version: mine.version, qty: 'lots' } });
    add('patch version as string', {
      method: 'PATCH',
      url: R,
      payload: { version: String(mine.version), qty: 2 },
    });
    // Unknown, system and computed fields.
    for (const body of [
      { title: 'x', nope: 1 },
      { title: 'x', id: 'chosen-id' },
      { title: 'x', version: 7 },
      { title: 'x', createdAt: '2000-01-01T00:00:00Z' },
      { title: 'x', updatedBy: fx.users.admin.id },
      { title: 'x', deletedAt: '2000-01-01T00:00:00Z' },
      { title: 'x', stage: 'won' },
      { title: 'x', total: 5 },
      { title: 'x', owner_id: fx.users.admin.id },
    ]) {
      add(`unknown or system field ${Object.keys(body).join(',')}`, {
        method: 'POST',
        url: C,
        payload: body,
      });
    }
    add('patch audit fields', {
      method: 'PATCH',
      url: R,
      payload: { version: mine.version, createdBy: fx.users.admin.id, createdAt: '2000-01-01T00:00:00Z' },
    });
    // SQL-looking strings in values, field names, filters and sort keys.
    add('sql in field name', {
      method: 'POST',
      url: C,
      payload: { title: 'x', 'qty; DROP TABLE users; --': 1 },
    });
    add('sql in option value', { method: 'POST', url: C, payload: { title: 'x', level: "low' OR '1'='1" } });
    add('sql in number', { method: 'POST', url: C, payload: { title: 'x', qty: '1; DROP TABLE users' } });
    add('sql in title with a bad field', {
      method: 'POST',
      url: C,
      payload: { title: "x'); DROP TABLE users; --", qty: 'NaN' },
    });
    add('sql in date', {
      method: 'POST',
      url: C,
      payload: { title: 'x', dueOn: "2026-01-01'; DELETE FROM audit_log; --" },
    });
    add('sql filter not json', { method: 'GET', url: q("' OR 1=1 --") });
    add('sql in var', { method: 'GET', url: q({ '==': [{ var: 'qty; DROP TABLE users' }, 1] }) });
    add('sql in var quote', { method: 'GET', url: q({ '==': [{ var: 'qty" OR "1"="1' }, 1] }) });
    add('sql as operator', { method: 'GET', url: q({ 'select * from users': [1] }) });
    add('unknown operator', { method: 'GET', url: q({ eval: ['process.exit()'] }) });
    add('prototype var in filter', { method: 'GET', url: q({ '==': [{ var: '__proto__' }, 1] }) });
    add('constructor var in filter', {
      method: 'GET',
      url: q({ '==': [{ var: 'constructor.prototype' }, 1] }),
    });
    add('deep filter', { method: 'GET', url: q(deep) });
    add('NUL in filter value', { method: 'GET', url: q({ '==': [{ var: 'title' }, '\u0000'] }) });
    add('NUL in value', { method: 'POST', url: C, payload: { title: 'x\u0000y' } });
    add('overflowing filter arithmetic', {
      method: 'GET',
      url: q({ '>': [{ '*': [{ var: 'qty' }, 1e308, 1e308] }, 1] }),
    });
    add('filter on a list field', { method: 'GET', url: q({ '==': [{ var: 'spot' }, 1] }) });
    add('unknown field in filter', { method: 'GET', url: q({ '>': [{ var: 'nope' }, 1] }) });
    add('filter body sql', {
      method: 'POST',
      url: `${C}/query`,
      payload: { filter: { '==': [{ var: '1=1; --' }, 1] } },
    });
    add('filter body unknown key', { method: 'POST', url: `${C}/query`, payload: { where: '1=1' } });
    for (const sort of [
      'qty;DROP TABLE x',
      '"qty"',
      'nope',
      'qty desc',
      '-',
      '(select 1)',
      'qty,,level',
      'qty--',
    ]) {
      add(`sort ${sort}`, { method: 'GET', url: `${C}?sort=${encodeURIComponent(sort)}` });
    }
    add('sort body sql', {
      method: 'POST',
      url: `${C}/query`,
      payload: { sort: [{ field: 'qty; drop', direction: 'asc' }] },
    });
    add('sort body direction', {
      method: 'POST',
      url: `${C}/query`,
      payload: { sort: [{ field: 'qty', direction: 'sideways' }] },
    });
    add('search too long', { method: 'GET', url: `${C}?search=${'a'.repeat(500)}` });
    add('aggregate sql field', {
      method: 'GET',
      url: `${C}/aggregate?measures=${encodeURIComponent('sum:qty);drop table x;--')}`,
    });
    add('aggregate bad op', { method: 'GET', url: `${C}/aggregate?measures=median:qty` });
    add('aggregate group by sql', {
      method: 'GET',
      url: `${C}/aggregate?groupBy=${encodeURIComponent('level; drop')}`,
    });
    // 10 MB bodies.
    add('10 MB create', { method: 'POST', url: C, ...json(big) });
    add('10 MB patch', { method: 'PATCH', url: R, ...json(big) });
    add('10 MB draft', { method: 'PUT', url: '/api/apps/testapp/draft', ...json(big) }, 'admin');
    add('10 MB login', { method: 'POST', url: '/api/auth/login', ...json(big) }, 'anon');
    // Prototype pollution.
    add('__proto__ body', { method: 'POST', url: C, ...json('{"title":"x","__proto__":{"admin":true}}') });
    add('constructor.prototype body', {
      method: 'POST',
      url: C,
      ...json('{"title":"x","constructor":{"prototype":{"admin":true}}}'),
    });
    add('__proto__ in patch', {
      method: 'PATCH',
      url: R,
      ...json(`{"version":${mine.version},"__proto__":{"qty":5}}`),
    });
    add(
      '__proto__ in draft',
      { method: 'PUT', url: '/api/apps/testapp/draft', ...json('{"__proto__":{"polluted":1}}') },
      'admin',
    );
    add('__proto__ in query body', {
      method: 'POST',
      url: `${C}/query`,
      ...json('{"__proto__":{"limit":1}}'),
    });
    // Huge numbers.
    add('infinite qty', { method: 'POST', url: C, ...json('{"title":"x","qty":1e309}') });
    add('price beyond numeric(20,2)', { method: 'POST', url: C, payload: { title: 'x', price: 1e300 } });
    add('too many decimals', { method: 'POST', url: C, payload: { title: 'x', price: 1.234 } });
    add('negative qty below min', { method: 'POST', url: C, payload: { title: 'x', qty: -1 } });
    add('limit huge', { method: 'GET', url: `${C}?limit=1e20` });
    add('limit negative', { method: 'GET', url: `${C}?limit=-1` });
    add('offset negative', { method: 'GET', url: `${C}?offset=-5` });
    add('limit not a number', { method: 'GET', url: `${C}?limit=ten` });
    add('version huge', { method: 'PATCH', url: R, payload: { version: 1e300, qty: 2 } });
    add('version fraction', { method: 'PATCH', url: R, payload: { version: 1.5, qty: 2 } });
    // Wrong content types.
    for (const type of [
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'text/html',
      'image/png',
      'application/octet-stream',
    ]) {
      add(`content type ${type}`, {
        method: 'POST',
        url: C,
        payload: 'title=x',
        headers: { 'content-type': type },
      });
    }
    add(
      'form login',
      {
        method: 'POST',
        url: '/api/auth/login',
        payload: 'email=a&password=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      'anon',
    );
    // Unknown things, bad ids, other people's records, stale versions, missing rights.
    add('unknown app', { method: 'GET', url: '/api/apps/nope/entities/widget/records' });
    add('unknown entity', {
      method: 'POST',
      url: '/api/apps/testapp/entities/nope/records',
      payload: { title: 'x' },
    });
    add('sql in entity id', {
      method: 'GET',
      url: `/api/apps/testapp/entities/${encodeURIComponent('widget;drop table x')}/records`,
    });
    add('sql in record id', { method: 'GET', url: `${C}/${encodeURIComponent("1' OR '1'='1")}` });
    add('long record id', { method: 'GET', url: `${C}/${'a'.repeat(300)}` });
    add('path traversal', { method: 'GET', url: '/api/apps/..%2F..%2Fetc/entities/widget/records' });
    add('unknown route', { method: 'GET', url: '/api/nothing-here' });
    add('patch unknown record', {
      method: 'PATCH',
      url: `${C}/00000000-0000-0000-0000-000000000000`,
      payload: { version: 1, qty: 2 },
    });
    add('delete unknown record', { method: 'DELETE', url: `${C}/00000000-0000-0000-0000-000000000000` });
    add("patch another rep's record", {
      method: 'PATCH',
      url: `${C}/${theirs.id}`,
      payload: { version: 1, qty: 3 },
    });
    add("delete another rep's record", { method: 'DELETE', url: `${C}/${theirs.id}` });
    add('stale patch', { method: 'PATCH', url: R, payload: { version: mine.version + 5, qty: 3 } });
    add('stale delete', { method: 'DELETE', url: `${R}?version=${mine.version + 5}` });
    add('bad If-Match', {
      method: 'PATCH',
      url: R,
      payload: { qty: 3 },
      headers: { 'if-match': 'DROP TABLE' },
    });
    add('patch without version', { method: 'PATCH', url: R, payload: { qty: 3 } });
    add('member publishes', { method: 'POST', url: '/api/apps/testapp/publish' });
    add('member saves draft', { method: 'PUT', url: '/api/apps/testapp/draft', payload: sampleApp() });
    add('member creates app', { method: 'POST', url: '/api/apps', payload: sampleApp('otherapp') });
    add('member restores archive', {
      method: 'POST',
      url: '/api/apps/testapp/entities/widget/archived-fields/x/restore',
    });
    add('audit rewrite', { method: 'PATCH', url: `${R}/audit`, payload: { actor: 'x' } });
    add('audit delete', { method: 'DELETE', url: `${R}/audit` });
    add('anonymous create', { method: 'POST', url: C, payload: { title: 'x' } }, 'anon');
    add(
      'forged cookie',
      { method: 'POST', url: C, payload: { title: 'x' }, headers: { cookie: 'stagecraft_session=forged' } },
      'anon',
    );
    add(
      'forged bearer',
      { method: 'POST', url: C, payload: { title: 'x' }, headers: { authorization: "Bearer ' OR 1=1 --" } },
      'anon',
    );
    add(
      'create app with invalid document',
      { method: 'POST', url: '/api/apps', payload: { id: 'Bad Id!', label: 'x' } },
      'admin',
    );
    add(
      'draft id mismatch',
      { method: 'PUT', url: '/api/apps/testapp/draft', payload: { ...sampleApp('otherid') } },
      'admin',
    );
    add(
      'rollback unknown version',
      { method: 'POST', url: '/api/apps/testapp/versions/99/rollback' },
      'admin',
    );
    add(
      'rollback version sql',
      { method: 'POST', url: `/api/apps/testapp/versions/${encodeURIComponent('1;drop')}/rollback` },
      'admin',
    );
    add(
      'login unknown key',
      { method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.c', password: 'x', admin: true } },
      'anon',
    );
    add(
      'login wrong types',
      { method: 'POST', url: '/api/auth/login', payload: { email: ['a'], password: 1 } },
      'anon',
    );

    // Import and export: broken files, wrong types, hostile values; nothing may be written.
    const IMP = '/api/apps/testapp/entities/widget/import';
    const file = (body: string | Buffer, type = 'text/csv') => ({
      method: 'POST' as const,
      url: IMP,
      ...importForm(body, type),
    });
    add('import: empty file', file(''));
    add('import: header only, no known column', file('nope,nada\n1,2'));
    add('import: unclosed quote', file('Title\n"never closed\n'));
    add('import: one bad row among good', file('Title,Quantity\nok,1\nbad,-5\nok2,2'));
    add('import: sql-looking values', file('Title,Quantity\n"x\'); drop table audit_log; --",abc'));
    add('import: prototype keys as headers', file('__proto__,constructor,Title\n1,2,'));
    add(
      'import: not a workbook',
      file('Title\nx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    );
    add(
      'import: zip that is not a workbook',
      file(Buffer.from('PK\u0003\u0004garbage'), 'application/octet-stream'),
    );
    add('import: wrong content type', file('Title\nx', 'application/pdf'));
    add('import: json body', { method: 'POST', url: IMP, payload: { title: 'x' } });
    add('import: dryRun not a flag', { ...file('Title\nx'), url: `${IMP}?dryRun=maybe` });
    add('import: unknown entity', { ...file('Title\nx'), url: '/api/apps/testapp/entities/nothing/import' });
    add('import: anonymous', file('Title\nx'), 'anon');
    add('export: bad format', { method: 'GET', url: '/api/apps/testapp/entities/widget/export?format=pdf' });
    add('export: bad filter', {
      method: 'GET',
      url: `/api/apps/testapp/entities/widget/export?filter=${encodeURIComponent('{"var":')}`,
    });
    add('export: unknown sort', {
      method: 'GET',
      url: '/api/apps/testapp/entities/widget/export?sort=nope;drop',
    });
    add('export: anonymous', { method: 'GET', url: '/api/apps/testapp/entities/widget/export' }, 'anon');

    expect(cases.length).toBeGreaterThanOrEqual(100);
    const before = await dump(ctx.store);
    const failures: string[] = [];
    for (const [name, options, who] of cases) {
      const res = who === 'anon' ? await app.inject(options) : await (who === 'admin' ? admin : rep)(options);
      if (res.statusCode < 400 || res.statusCode >= 500)
        failures.push(`${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      else {
        try {
          envelope(res);
        } catch (e) {
          failures.push(`${name}: ${(e as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await dump(ctx.store)).toEqual(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
