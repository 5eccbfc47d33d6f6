/**
 * CSV and Excel import and export through inject() on PGlite and PostgreSQL: no row cap (12,000
 * rows, past every batch size), one bad row refuses the whole file with its line and column and
 * writes nothing, headers by label in either language, references by title, users by email;
 * exports obey record scope and field access, and an exported file imports back.
 */

import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Caller, caller, envelope, fixtureOn, importForm, login, serverOn } from './support.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const BASE = '/api/apps/sales/entities';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function salesApp() {
  return {
    schemaVersion: 2,
    id: 'sales',
    label: L('销售', 'Sales'),
    entities: [
      {
        id: 'account',
        label: L('客户', 'Account'),
        titleField: 'name',
        fields: [{ id: 'name', type: 'text', label: L('名称', 'Name'), required: true, unique: true }],
      },
      {
        id: 'deal',
        label: L('商机', 'Deal'),
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: L('标题', 'Title'), required: true },
          { id: 'amount', type: 'currency', label: L('金额', 'Amount'), min: 0 },
          { id: 'closeOn', type: 'date', label: L('预计成交日', 'Close on') },
          { id: 'metAt', type: 'datetime', label: L('拜访时间', 'Met at') },
          { id: 'hot', type: 'boolean', label: L('重点', 'Hot') },
          {
            id: 'level',
            type: 'single_select',
            label: L('级别', 'Level'),
            options: [
              { id: 'low', label: L('低', 'Low') },
              { id: 'high', label: L('高', 'High') },
            ],
          },
          {
            id: 'tags',
            type: 'multi_select',
            label: L('标签', 'Tags'),
            options: [
              { id: 'red', label: L('红', 'Red') },
              { id: 'blue', label: L('蓝', 'Blue') },
            ],
          },
          { id: 'account', type: 'reference', entity: 'account', label: L('客户', 'Account') },
          { id: 'helper', type: 'user', label: L('协助人', 'Helper') },
          { id: 'notes', type: 'long_text', label: L('备注', 'Notes') },
          { id: 'margin', type: 'number', label: L('毛利', 'Margin') },
          { id: 'code', type: 'auto_number', label: L('编号', 'Code'), prefix: 'D-', digits: 5 },
        ],
      },
    ],
    stageMachines: [
      {
        id: 'pipeline',
        entity: 'deal',
        label: L('流程', 'Pipeline'),
        initialStage: 'new',
        stages: [
          {
            id: 'new',
            label: L('新建', 'New'),
            category: 'open',
            probability: 10,
            forecastCategory: 'pipeline',
          },
          {
            id: 'won',
            label: L('赢单', 'Won'),
            category: 'won',
            probability: 100,
            forecastCategory: 'closed',
          },
        ],
        transitions: [{ id: 'win', label: L('赢单', 'Win'), from: ['new'], to: 'won' }],
      },
    ],
    roles: [
      {
        id: 'member',
        label: L('销售', 'Rep'),
        permissions: [
          { entity: 'account', create: false, read: true, update: false, delete: false, scope: 'all' },
          {
            entity: 'deal',
            create: true,
            read: true,
            update: true,
            delete: false,
            scope: 'own',
            fields: [{ field: 'margin', access: 'none' }],
          },
        ],
      },
    ],
    validationRules: [
      {
        id: 'highNeedsNotes',
        entity: 'deal',
        appliesWhen: { '==': [{ var: 'level' }, 'high'] },
        assert: { '!!': [{ var: 'notes' }] },
        message: L('高级别必须填写备注', 'A high level needs notes'),
        field: 'notes',
      },
    ],
  };
}

const csv = (rows: (string | number)[][]) => Papa.unparse(rows);
const parse = (res: LightMyRequestResponse) =>
  Papa.parse<string[]>(res.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describeDialects('CSV and Excel import and export', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let as: Record<'admin' | 'east1Rep' | 'east2Rep' | 'eastManager', Caller>;
  const accounts: Record<string, string> = {};

  const upload = (
    who: Caller,
    entity: string,
    body: string | Buffer,
    options: { dryRun?: boolean; type?: string; lang?: string } = {},
  ) =>
    who({
      method: 'POST',
      url: `${BASE}/${entity}/import${options.dryRun ? '?dryRun=true' : ''}`,
      ...importForm(body, options.type, options.lang ? { 'accept-language': options.lang } : {}),
    });
  /** A download in the language asked for (the fixture users' own locale is zh-CN). */
  const download = (who: Caller, url: string, lang = 'en') =>
    who({ method: 'GET', url, headers: { 'accept-language': lang } });
  const count = async (who: Caller, entity: string) =>
    ((await who.get(`${BASE}/${entity}/records?limit=1`)).json() as { total: number }).total;

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    fx = await fixtureOn(ctx.store, 'Import workspace');
    const sign = async (email: string) => caller(app, await login(app, email));
    as = {
      admin: await sign(fx.users.admin.email),
      east1Rep: await sign(fx.users.east1Rep.email),
      east2Rep: await sign(fx.users.east2Rep.email),
      eastManager: await sign(fx.users.eastManager.email),
    };
    expect((await as.admin.post('/api/apps', salesApp())).statusCode).toBe(201);
    const published = await as.admin.post('/api/apps/sales/publish', {});
    expect(published.statusCode, published.body).toBe(201);
    for (const name of ['Acme', 'Globex', '华为']) {
      const res = await as.admin.post(`${BASE}/account/records`, { name });
      accounts[name] = (res.json() as { id: string }).id;
    }
  });
  afterAll(() => app.close());

  it('imports 12,000 rows in one go as the rep who sends them, at the initial stage', async () => {
    const rows: (string | number)[][] = [['Title', 'Amount', 'Close on', 'Level', 'Tags', 'Account', 'Hot']];
    for (let i = 1; i <= 12_000; i++)
      rows.push([
        `Bulk ${i}`,
        `¥${(i * 10).toLocaleString('en-US')}.50`,
        '2026/4/1',
        i % 2 ? 'Low' : '低',
        'Red; 蓝',
        i % 3 ? 'Acme' : (accounts.Globex ?? ''),
        i % 2 ? 'yes' : '否',
      ]);
    const dry = await upload(as.east1Rep, 'deal', csv(rows), { dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 12_000, created: 0, ignoredColumns: [] });
    expect(await count(as.east1Rep, 'deal')).toBe(0);

    const done = await upload(as.east1Rep, 'deal', csv(rows));
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ dryRun: false, rows: 12_000, created: 12_000 });
    expect(await count(as.east1Rep, 'deal')).toBe(12_000);

    const page = await as.east1Rep.get(
      `${BASE}/deal/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'title' }, 'Bulk 1234'] }))}`,
    );
    const rec = (page.json() as { records: Record<string, unknown>[] }).records[0];
    expect(rec).toMatchObject({
      title: 'Bulk 1234',
      amount: 12340.5,
      closeOn: '2026-04-01',
      level: 'low',
      tags: ['red', 'blue'],
      account: accounts.Acme,
      hot: false,
      stage: 'new',
      owner: fx.users.east1Rep.id,
      orgUnit: fx.users.east1Rep.orgUnitId,
    });
    expect(String(rec?.code)).toMatch(/^D-\d{5}$/);
    // Every row has its audit entry, with its values.
    const audit = await as.east1Rep.get(`${BASE}/deal/records/${rec?.id}/audit`);
    expect(audit.statusCode, audit.body).toBe(200);
    expect(JSON.stringify(audit.json())).toContain('Bulk 1234');
    // …the same changes a single create of the same values writes (the commit computes them in SQL).
    type Entry = { action: string; changes: Record<string, { from: unknown; to: unknown }> };
    const imported = (audit.json() as { entries: Entry[] }).entries.find((e) => e.action === 'create');
    const { title: _t, amount, closeOn, level, tags, account, hot } = rec as Record<string, unknown>;
    const single = await as.east1Rep.post(`${BASE}/deal/records`, {
      title: 'Single 1234',
      ...{ amount, closeOn, level, tags, account, hot },
    });
    expect(single.statusCode, single.body).toBe(201);
    const one = (single.json() as { id: string; code: string }).id;
    const created = (
      (await as.east1Rep.get(`${BASE}/deal/records/${one}/audit`)).json() as { entries: Entry[] }
    ).entries.find((e) => e.action === 'create');
    const without = (c: Entry['changes'] | undefined) => {
      const { title, code, ...rest } = c ?? {};
      return { title: title?.to !== undefined, code: code?.to !== undefined, rest };
    };
    expect(without(imported?.changes)).toEqual(without(created?.changes));
    expect(imported?.changes.title).toEqual({ from: null, to: 'Bulk 1234' });
    expect(imported?.changes.amount).toEqual({ from: null, to: 12340.5 });
    expect((await as.admin.del(`${BASE}/deal/records/${one}`)).statusCode).toBe(200);
    // The rep's rows are theirs alone: another rep of the next team sees none.
    expect(await count(as.east2Rep, 'deal')).toBe(0);
  });

  it('refuses the whole file when one row is bad, naming its line and column, and writes nothing', async () => {
    const before = await count(as.admin, 'deal');
    const rows: string[][] = [['标题', '金额', '级别', '备注', '客户', '预计成交日']];
    for (let i = 1; i <= 3_000; i++) rows.push([`Batch ${i}`, String(i), '低', '', 'Acme', '2026-05-01']);
    rows[2001] = ['Batch bad', 'lots', '低', '', 'Acme', '2026-05-01']; // line 2002: amount
    rows[2500] = ['Batch high', '5', '高', '', 'Nobody Inc', '2026-02-30']; // line 2501: rule, account, date
    rows[2600] = ['', '5', '低', '', 'Acme', '']; // line 2601: required title
    const res = await upload(as.admin, 'deal', csv(rows), { lang: 'zh-CN' });
    expect(res.statusCode, res.body).toBe(422);
    const error = envelope(res);
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toBe('文件中有无效的行，未导入任何记录。');
    const byPath = Object.fromEntries(error.details.map((d) => [d.path, d]));
    expect(byPath['/rows/2002/amount']).toMatchObject({
      message: '应为数字。',
      details: { line: 2002, column: '金额', field: 'amount' },
    });
    expect(byPath['/rows/2501/account']?.message).toContain('Nobody Inc');
    expect(byPath['/rows/2501/closeOn']?.details).toMatchObject({ column: '预计成交日' });
    expect(byPath['/rows/2601/title']?.details).toMatchObject({ line: 2601, cause: 'FIELD_REQUIRED' });
    expect(await count(as.admin, 'deal')).toBe(before);

    // The validation rule runs per row too (with the row's other values valid).
    const rule = await upload(
      as.admin,
      'deal',
      csv([
        ['Title', 'Level'],
        ['Needs notes', 'High'],
      ]),
      { lang: 'en' },
    );
    expect(rule.statusCode).toBe(422);
    expect(envelope(rule).details[0]).toMatchObject({
      path: '/rows/2/notes',
      message: 'A high level needs notes',
      details: { cause: 'RULE_FAILED' },
    });
  });

  it('finds duplicates within the file and against stored records, all or nothing', async () => {
    const dupes = await upload(as.admin, 'account', csv([['Name'], ['Initech'], ['Umbrella'], ['Initech']]));
    expect(dupes.statusCode).toBe(422);
    expect(envelope(dupes).details[0]).toMatchObject({
      path: '/rows/4/name',
      details: { cause: 'DUPLICATE_RECORD' },
    });
    // A row whose key a stored record holds is refused at its line (issue 14), nothing written.
    const stored = await upload(
      as.admin,
      'account',
      csv([['Name'], ['Novel Co'], ['Acme'], ['Other New Co']]),
      {
        lang: 'en',
      },
    );
    expect(stored.statusCode).toBe(422);
    expect(envelope(stored).details).toEqual([
      expect.objectContaining({
        path: '/rows/3/name',
        code: 'IMPORT_INVALID',
        details: expect.objectContaining({ line: 3, field: 'name', cause: 'DUPLICATE_RECORD' }),
      }),
    ]);
    expect(envelope(stored).details[0]?.message).toMatch(/already exists/);
    expect(await count(as.admin, 'account')).toBe(3);
  });

  it('lets an admin import for named owners by email; a rep may not, and without create right nothing', async () => {
    const file = csv([
      ['Title', 'Owner'],
      ['For the west', fx.users.westRep.email],
    ]);
    const res = await upload(as.admin, 'deal', file);
    expect(res.statusCode, res.body).toBe(201);
    const west = caller(app, await login(app, fx.users.westRep.email));
    const theirs = (await west.get(`${BASE}/deal/records`)).json() as {
      records: { title: string; orgUnit: string }[];
    };
    expect(theirs.records.map((r) => r.title)).toEqual(['For the west']);
    expect(theirs.records[0]?.orgUnit).toBe(fx.users.westRep.orgUnitId);

    // A rep's Owner column is not theirs to use: it is ignored, the row stays theirs.
    const rep = await upload(as.east2Rep, 'deal', file, { dryRun: true });
    expect(rep.json()).toMatchObject({ ignoredColumns: ['Owner'] });
    const forbidden = await upload(as.east1Rep, 'account', csv([['Name'], ['Mine']]));
    expect(forbidden.statusCode).toBe(403);
    expect(envelope(forbidden).code).toBe('FORBIDDEN');
  });

  it('refuses unreadable files with a clear 4xx', async () => {
    expect(envelope(await upload(as.admin, 'deal', '')).code).toBe('VALIDATION_FAILED');
    const noMatch = await upload(as.admin, 'deal', csv([['Nothing'], ['x']]));
    expect(noMatch.statusCode).toBe(400);
    expect(envelope(noMatch).details[0]?.path).toBe('/file');
    const notXlsx = await upload(as.admin, 'deal', 'Title\nx', { type: XLSX });
    expect(notXlsx.statusCode).toBe(400);
    const pdf = await upload(as.admin, 'deal', 'x', { type: 'application/pdf' });
    expect(pdf.statusCode).toBe(415);
    const quotes = await upload(as.admin, 'deal', 'Title\n"open quote\n');
    expect(quotes.statusCode).toBe(400);
  });

  it('exports exactly the records each user may see, without hidden fields, in their language', async () => {
    const rep = await download(as.east1Rep, `${BASE}/deal/export?format=csv`);
    expect(rep.statusCode, rep.body).toBe(200);
    expect(rep.headers['content-type']).toContain('text/csv');
    expect(rep.headers['content-disposition']).toMatch(/attachment; filename="deal-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(rep.body.startsWith('\uFEFF')).toBe(true);
    const rows = parse(rep);
    expect(rows[0]).toEqual([
      'ID',
      'Title',
      'Amount',
      'Close on',
      'Met at (Asia/Shanghai)',
      'Hot',
      'Level',
      'Tags',
      'Account',
      'Helper',
      'Notes',
      'Code',
      'Stage',
      'Owner',
      'Created at (Asia/Shanghai)',
      'Updated at (Asia/Shanghai)',
    ]);
    expect(rows[0]).not.toContain('Margin');
    expect(rows.length - 1).toBe(12_000);
    const owners = new Set(rows.slice(1).map((r) => r[13]));
    expect([...owners]).toEqual([fx.users.east1Rep.email]);
    const one = rows.find((r) => r[1] === 'Bulk 3');
    expect(one?.slice(2, 9)).toEqual(['30.5', '2026-04-01', '', 'yes', 'Low', 'Red; Blue', 'Globex']);
    expect(one?.[12]).toBe('New');

    // The filter, sort and search of the list apply; a manager sees the team; Chinese headers.
    const filter = encodeURIComponent(JSON.stringify({ '<=': [{ var: 'amount' }, 30.5] }));
    const mgr = await as.eastManager({
      method: 'GET',
      url: `${BASE}/deal/export?filter=${filter}&sort=-amount`,
      headers: { 'accept-language': 'zh-CN' },
    });
    const mrows = parse(mgr);
    expect(mrows[0]?.slice(0, 3)).toEqual(['ID', '标题', '金额']);
    expect(mrows.slice(1).map((r) => r[1])).toEqual(['Bulk 3', 'Bulk 2', 'Bulk 1']);
    expect(mrows[1]?.[6]).toBe('低');
    expect(mrows[1]?.[5]).toBe('是');

    const admin = parse(await download(as.admin, `${BASE}/deal/export`));
    expect(admin[0]).toContain('Margin');
    expect(admin.length - 1).toBe(await count(as.admin, 'deal'));
    const bad = await as.admin.get(
      `${BASE}/deal/export?filter=${encodeURIComponent('{"==":[{"var":"nope"},1]}')}`,
    );
    expect(bad.statusCode).toBe(400);
  });

  it('gives a blank template and round-trips an Excel export back through import', async () => {
    const template = parse(await download(as.east1Rep, `${BASE}/deal/export?template=1`));
    expect(template).toEqual([
      [
        'Title',
        'Amount',
        'Close on',
        'Met at (Asia/Shanghai)',
        'Hot',
        'Level',
        'Tags',
        'Account',
        'Helper',
        'Notes',
      ],
    ]);

    const filter = encodeURIComponent(
      JSON.stringify({ in: [{ var: 'title' }, ['Bulk 1', 'Bulk 2', 'Bulk 3']] }),
    );
    const xlsx = await download(as.east1Rep, `${BASE}/deal/export?format=xlsx&filter=${filter}&sort=title`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const body = xlsx.rawPayload;
    expect(body.subarray(0, 2).toString()).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(2).value).toBe('Title');
    expect(sheet?.rowCount).toBe(4);
    expect(sheet?.getRow(4).getCell(2).value).toBe('Bulk 3');
    expect(sheet?.getRow(4).getCell(3).value).toBe(30.5);

    const before = await count(as.east1Rep, 'deal');
    const back = await upload(as.east1Rep, 'deal', body, { type: XLSX });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ created: 3 });
    expect((back.json() as { ignoredColumns: string[] }).ignoredColumns).toEqual([
      'ID',
      'Code',
      'Stage',
      'Owner',
      'Created at (Asia/Shanghai)',
      'Updated at (Asia/Shanghai)',
    ]);
    expect(await count(as.east1Rep, 'deal')).toBe(before + 3);
  });

  it('writes text that looks like a formula so a spreadsheet does not run it, and reads it back', async () => {
    const res = await upload(
      as.east1Rep,
      'deal',
      csv([
        ['Title', 'Notes'],
        ['Formula', '=HYPERLINK("http://x")'],
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'title' }, 'Formula'] }));
    const out = await download(as.east1Rep, `${BASE}/deal/export?filter=${filter}`);
    const rows = parse(out);
    expect(rows[1]?.[10]).toBe(`'=HYPERLINK("http://x")`);
    const again = csv([
      ['Title', 'Notes'],
      ['Formula 2', rows[1]?.[10] ?? ''],
    ]);
    expect((await upload(as.east1Rep, 'deal', again)).statusCode).toBe(201);
    const back = await as.east1Rep.get(
      `${BASE}/deal/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'title' }, 'Formula 2'] }))}`,
    );
    expect((back.json() as { records: { notes: string }[] }).records[0]?.notes).toBe(
      '=HYPERLINK("http://x")',
    );
  });
});
