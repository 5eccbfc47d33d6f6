/**
 * CSV text encodings through inject() on PGlite and PostgreSQL: the same rows with Chinese headers
 * and values, saved as GBK, GB18030, UTF-16LE ("Unicode text": BOM, tab separated), UTF-8 with BOM
 * and UTF-8 without, import as the same stored records; the dry run says which encoding it read;
 * `?encoding=` overrides detection; a GBK file forced to UTF-8 is refused with a hint, not imported
 * as mojibake.
 */

import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Caller, caller, envelope, fixtureOn, importForm, login, serverOn } from './support.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const BASE = '/api/apps/crm/entities/contact/import';

const crmApp = {
  schemaVersion: 2,
  id: 'crm',
  label: L('客户管理', 'CRM'),
  entities: [
    {
      id: 'contact',
      label: L('联系人', 'Contact'),
      titleField: 'name',
      fields: [
        { id: 'name', type: 'text', label: L('姓名', 'Name'), required: true },
        { id: 'company', type: 'text', label: L('公司', 'Company') },
        {
          id: 'city',
          type: 'single_select',
          label: L('城市', 'City'),
          options: [
            { id: 'bj', label: L('北京', 'Beijing') },
            { id: 'sh', label: L('上海', 'Shanghai') },
          ],
        },
        { id: 'budget', type: 'currency', label: L('预算', 'Budget') },
        { id: 'note', type: 'long_text', label: L('备注', 'Note') },
      ],
    },
  ],
  roles: [],
};

const HEADERS = ['姓名', '公司', '城市', '预算', '备注'];
/** Rows GBK can write (with a quoted comma and a line break inside a cell). */
const ROWS = [
  ['张三', '华为技术有限公司', '北京', '120,000.50', '再考虑，预算冻结'],
  ['李四', '阿里巴巴（中国）', '上海', '80000', '领导没批\n下周再约'],
  ['王五', '腾讯', '北京', '', '比价中：“要招标”'],
];
/** 𠮷 and 㐇 are outside GBK; GB18030 writes them as four-byte sequences. */
const BEYOND_GBK = [['吉野家𠮷', '㐇记茶庄', '上海', '5', 'ㄅㄆㄇ']];

const csvText = (rows: string[][], sep: string) =>
  [HEADERS, ...rows]
    .map((r) => r.map((c) => (/[",\t\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(sep))
    .join('\r\n');
const file = (rows: string[][], codec: string, options: { bom?: boolean; sep?: string } = {}) =>
  iconv.encode(csvText(rows, options.sep ?? ','), codec, { addBOM: options.bom ?? false });

/** The same rows in every encoding the import reads, as Excel and other tools write them. */
const FILES = {
  gbk: file(ROWS, 'gbk'),
  gb18030: file([...ROWS, ...BEYOND_GBK], 'gb18030'),
  'utf-16le': file([...ROWS, ...BEYOND_GBK], 'utf-16le', { bom: true, sep: '\t' }),
  'utf-8 BOM': file([...ROWS, ...BEYOND_GBK], 'utf-8', { bom: true }),
  'utf-8': file([...ROWS, ...BEYOND_GBK], 'utf-8'),
};

describeDialects('CSV text encodings on import', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;

  const upload = (body: Buffer, query: Record<string, string> = {}, lang = 'en') =>
    admin({
      method: 'POST',
      url: `${BASE}?${new URLSearchParams(query)}`,
      ...importForm(body, 'text/csv', { 'accept-language': lang }),
    });
  const seen = new Set<string>();
  /** The records created since the last call, without system fields, in line order. */
  const newRecords = async () => {
    const res = await admin.get('/api/apps/crm/entities/contact/records?limit=100');
    const records = (res.json() as { records: Record<string, unknown>[] }).records.filter(
      (r) => !seen.has(String(r.id)),
    );
    for (const r of records) seen.add(String(r.id));
    return records
      .map(({ name, company, city, budget, note }) => ({ name, company, city, budget, note }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  };

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    fx = await fixtureOn(ctx.store, 'Encodings workspace');
    admin = caller(app, await login(app, fx.users.admin.email));
    expect((await admin.post('/api/apps', crmApp)).statusCode).toBe(201);
    expect((await admin.post('/api/apps/crm/publish', {})).statusCode).toBe(201);
  });
  afterAll(() => app.close());

  it('imports the same rows from GBK, GB18030, UTF-16LE, UTF-8 with and without BOM as the same records', async () => {
    const expected = {
      gbk: { name: 'gbk', bom: false },
      gb18030: { name: 'gb18030', bom: false },
      'utf-16le': { name: 'utf-16le', bom: true },
      'utf-8 BOM': { name: 'utf-8', bom: true },
      'utf-8': { name: 'utf-8', bom: false },
    } as const;
    const stored: Record<string, unknown[]> = {};
    for (const [label, bytes] of Object.entries(FILES) as [keyof typeof FILES, Buffer][]) {
      const dry = await upload(bytes, { dryRun: 'true' });
      expect(dry.statusCode, `${label}: ${dry.body}`).toBe(200);
      expect(dry.json(), label).toMatchObject({
        rows: label === 'gbk' ? 3 : 4,
        ignoredColumns: [],
        textEncoding: { ...expected[label], source: 'detected' },
      });
      expect((dry.json() as { sample: unknown }).sample, label).toEqual([
        { line: 2, cells: ['张三', '华为技术有限公司', '北京', '120,000.50', '再考虑，预算冻结'] },
        { line: 3, cells: ['李四', '阿里巴巴（中国）', '上海', '80000', '领导没批\n下周再约'] },
        { line: 4, cells: ['王五', '腾讯', '北京', '', '比价中：“要招标”'] },
      ]);
      const done = await upload(bytes);
      expect(done.statusCode, `${label}: ${done.body}`).toBe(201);
      stored[label] = await newRecords();
    }
    expect(stored.gbk).toEqual([
      { name: '张三', company: '华为技术有限公司', city: 'bj', budget: 120000.5, note: '再考虑，预算冻结' },
      { name: '李四', company: '阿里巴巴（中国）', city: 'sh', budget: 80000, note: '领导没批\n下周再约' },
      { name: '王五', company: '腾讯', city: 'bj', budget: null, note: '比价中：“要招标”' },
    ]);
    const withBeyond = [
      ...(stored.gbk ?? []),
      { name: '吉野家𠮷', company: '㐇记茶庄', city: 'sh', budget: 5, note: 'ㄅㄆㄇ' },
    ].sort((a, b) => String((a as { name: string }).name).localeCompare((b as { name: string }).name));
    for (const label of ['gb18030', 'utf-16le', 'utf-8 BOM', 'utf-8'])
      expect(stored[label], label).toEqual(withBeyond);
  });

  it('reads the file in the encoding the caller chooses, for the dry run and the import', async () => {
    const dry = await upload(FILES.gbk, { dryRun: 'true', encoding: 'gb18030' });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      rows: 3,
      textEncoding: { name: 'gb18030', bom: false, source: 'chosen' },
    });
    const done = await upload(FILES.gbk, { encoding: 'gbk' });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ created: 3, textEncoding: { name: 'gbk', source: 'chosen' } });
    expect((await newRecords()).map((r) => r.company)).toEqual([
      '华为技术有限公司',
      '阿里巴巴（中国）',
      '腾讯',
    ]);
    // A choice that reads the headers as garbage matches no column, and the message says how the
    // file was read and how to change it.
    const wrong = await upload(FILES['utf-8 BOM'], { dryRun: 'true', encoding: 'utf-16be' });
    expect(wrong.statusCode, wrong.body).toBe(400);
    const error = envelope(wrong);
    expect(error.details[0]?.path).toBe('/file');
    expect(error.message).toContain('read as UTF-16BE (chosen)');
  });

  it('refuses a GBK file forced to UTF-8 with a hint at the encoding, in both languages, and writes nothing', async () => {
    for (const [lang, words] of [
      ['en', ['Line 1', 'not valid UTF-8', 'looks like GBK/GB18030', 'file encoding']],
      ['zh-CN', ['第 1 行', 'UTF-8', 'GBK/GB18030', '文件编码']],
    ] as const) {
      const res = await upload(FILES.gbk, { encoding: 'utf-8' }, lang);
      expect(res.statusCode, res.body).toBe(400);
      const error = envelope(res);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details[0]?.path).toBe('/file');
      for (const w of words) expect(error.message, lang).toContain(w);
    }
    expect(await newRecords()).toEqual([]);
  });

  it('detects on the first 64 KiB: GBK bytes after an ASCII-only start are refused with their line, then read when chosen', async () => {
    // English headers and ASCII rows first, as an export sorted by name might start.
    const lines = ['Name,Company,City,Budget,Note'];
    for (let i = 0; i < 2_000; i++) lines.push(`Rep ${i},ACME Trading Ltd.,,,plain`);
    lines.push('赵六,京东,北京,1,最后一行');
    const bytes = iconv.encode(lines.join('\r\n'), 'gbk');
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const res = await upload(bytes, { dryRun: 'true' });
    expect(res.statusCode, res.body).toBe(400);
    expect(envelope(res).message).toContain('Line 2002 has bytes that are not valid UTF-8 text');
    expect(envelope(res).message).toContain('looks like GBK/GB18030');
    const chosen = await upload(bytes, { dryRun: 'true', encoding: 'gbk' });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ rows: 2_001, textEncoding: { name: 'gbk', source: 'chosen' } });
  });

  it('refuses an unknown encoding name with the parameter path', async () => {
    const res = await upload(FILES.gbk, { dryRun: 'true', encoding: 'big5' });
    expect(res.statusCode, res.body).toBe(400);
    expect(JSON.stringify(envelope(res).details)).toContain('encoding');
  });
});
