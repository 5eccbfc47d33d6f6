/**
 * Exported dates and times read as the workspace's clock, on PGlite and PostgreSQL: CSV cells are
 * `yyyy-MM-dd HH:mm:ss` wall-clock time with the zone named in the header, XLSX cells are real
 * dates with a number format, date-only fields stay the same date, and an exported file imports
 * back (dry run and real) to the same instants. One workspace is in Asia/Shanghai (the default),
 * the other in America/New_York (daylight saving included).
 */

import { describeDialects } from '@stagecraft/store/testing';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, caller, fixtureOn, importForm, login, serverOn } from './support.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FIELDS = [
  { id: 'title', type: 'text', label: L('标题', 'Title'), required: true },
  { id: 'metAt', type: 'datetime', label: L('拜访时间', 'Met at') },
  { id: 'dueOn', type: 'date', label: L('截止日期', 'Due on') },
];
/** The same fields three times: the records, and the copies a CSV and an XLSX export import into. */
const ENTITIES = ['visit', 'csvCopy', 'xlsxCopy'];
const app = {
  schemaVersion: 2,
  id: 'tz',
  label: L('时区', 'Zones'),
  entities: ENTITIES.map((id) => ({ id, label: L(id, id), titleField: 'title', fields: FIELDS })),
};

/** Stored values, and how each workspace's clock reads them. */
const RECORDS = [
  { title: 'Spring', metAt: '2026-03-31T06:30:00.000Z', dueOn: '2026-04-01' },
  { title: 'Midnight', metAt: '2026-01-01T23:59:59.250Z', dueOn: '2026-12-31' },
  { title: 'Summer', metAt: '2026-07-01T13:00:00.000Z', dueOn: '2026-07-01' },
  { title: 'Empty' },
];
const ZONES = {
  'Asia/Shanghai': {
    Spring: '2026-03-31 14:30:00',
    Midnight: '2026-01-02 07:59:59.250',
    Summer: '2026-07-01 21:00:00',
  },
  'America/New_York': {
    Spring: '2026-03-31 02:30:00', // daylight saving (UTC−4)
    Midnight: '2026-01-01 18:59:59.250', // standard time (UTC−5)
    Summer: '2026-07-01 09:00:00',
  },
} as const;
type Zone = keyof typeof ZONES;

/** A wall-clock text as the UTC fields of a Date, as exceljs gives a date cell back. */
const wallDate = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);

describeDialects('export in the workspace time zone', (ctx) => {
  let server: FastifyInstance;

  beforeAll(async () => {
    server = await serverOn(ctx.store);
  });
  afterAll(() => server.close());

  for (const zone of Object.keys(ZONES) as Zone[]) {
    describe(zone, () => {
      let admin: Caller;
      const ids: Record<string, string> = {};
      const base = '/api/apps/tz/entities';
      const download = (url: string) =>
        admin({ method: 'GET', url: `${base}${url}`, headers: { 'accept-language': 'en' } });
      const rowsOf = (res: LightMyRequestResponse) =>
        Papa.parse<string[]>(res.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
      const upload = (entity: string, body: string | Buffer, type: string, dryRun: boolean) =>
        admin({
          method: 'POST',
          url: `${base}/${entity}/import${dryRun ? '?dryRun=true' : ''}`,
          ...importForm(body, type, { 'accept-language': 'en' }),
        });
      const stored = async (entity: string) => {
        const res = await admin.get(`${base}/${entity}/records?limit=100&sort=title`);
        const records = (res.json() as { records: Record<string, unknown>[] }).records;
        return records.map((r) => ({ title: r.title, metAt: r.metAt ?? null, dueOn: r.dueOn ?? null }));
      };

      beforeAll(async () => {
        const fx = await fixtureOn(ctx.store, `Zone ${zone}`);
        await sql`update workspaces set time_zone = ${zone} where id = ${fx.workspace.id}`.execute(
          ctx.store.db,
        );
        admin = caller(server, await login(server, fx.users.admin.email));
        expect((await admin.post('/api/apps', app)).statusCode).toBe(201);
        expect((await admin.post('/api/apps/tz/publish', {})).statusCode).toBe(201);
        for (const r of RECORDS) {
          const res = await admin.post(`${base}/visit/records`, r);
          expect(res.statusCode, res.body).toBe(201);
          ids[r.title] = (res.json() as { id: string }).id;
        }
      });

      it('writes CSV date-times as wall-clock time with the zone in the header, dates as they are', async () => {
        const res = await download('/visit/export?format=csv&sort=title');
        expect(res.statusCode, res.body).toBe(200);
        // The file is named by the zone's date: the test clock reads 2026-03-02 01:00 UTC.
        const day = zone === 'Asia/Shanghai' ? '2026-03-02' : '2026-03-01';
        expect(res.headers['content-disposition']).toContain(`filename="visit-${day}.csv"`);
        const [head, ...rows] = rowsOf(res);
        expect(head).toEqual([
          'ID',
          'Title',
          `Met at (${zone})`,
          'Due on',
          'Owner',
          `Created at (${zone})`,
          `Updated at (${zone})`,
        ]);
        const byTitle = new Map(rows.map((r) => [r[1], r]));
        for (const [title, wall] of Object.entries(ZONES[zone]))
          expect(byTitle.get(title)?.slice(2, 4)).toEqual([
            wall,
            RECORDS.find((r) => r.title === title)?.dueOn,
          ]);
        expect(byTitle.get('Empty')?.slice(2, 4)).toEqual(['', '']);

        // The system stamps too: the record's instant, read on the zone's clock.
        const record = (await admin.get(`${base}/visit/records/${ids.Spring}`)).json() as {
          createdAt: string;
        };
        const created = byTitle.get('Spring')?.[5] ?? '';
        expect(created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})?$/);
        const instant = new Date(
          Date.parse(`${created.replace(' ', 'T')}Z`) - offsetMs(zone, record.createdAt),
        ).toISOString();
        expect(instant).toBe(record.createdAt);
      });

      it('writes XLSX dates as real date cells with a number format', async () => {
        const res = await download('/visit/export?format=xlsx&sort=title');
        expect(res.statusCode, res.body).toBe(200);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const sheet = book.worksheets[0];
        expect(sheet?.getRow(1).getCell(3).value).toBe(`Met at (${zone})`);
        const byTitle = new Map<string, ExcelJS.Row>();
        sheet?.eachRow((row, n) => {
          if (n > 1) byTitle.set(String(row.getCell(2).value), row);
        });
        for (const [title, wall] of Object.entries(ZONES[zone])) {
          const row = byTitle.get(title);
          const met = row?.getCell(3);
          expect(met?.value).toEqual(wallDate(wall));
          expect(met?.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
          const due = row?.getCell(4);
          expect(due?.value).toEqual(new Date(`${RECORDS.find((r) => r.title === title)?.dueOn}T00:00:00Z`));
          expect(due?.numFmt).toBe('yyyy-mm-dd');
          expect(row?.getCell(6).value).toBeInstanceOf(Date); // created at
        }
        expect(byTitle.get('Empty')?.getCell(3).value).toBeNull();
      });

      it('imports an exported CSV and XLSX back to the same instants and dates', async () => {
        const original = await stored('visit');
        const files = [
          { entity: 'csvCopy', format: 'csv', type: 'text/csv' },
          { entity: 'xlsxCopy', format: 'xlsx', type: XLSX },
        ];
        for (const { entity, format, type } of files) {
          const file = (await download(`/visit/export?format=${format}`)).rawPayload;
          const dry = await upload(entity, file, type, true);
          expect(dry.statusCode, dry.body).toBe(200);
          expect(dry.json()).toMatchObject({ rows: RECORDS.length, created: 0 });
          // The preview shows the file's dates as written, not as UTC.
          const walls: (string | null)[] = [...Object.values(ZONES[zone]), '', null];
          for (const { cells } of (dry.json() as { sample: { cells: (string | null)[] }[] }).sample)
            expect(walls).toContain(cells[2]);
          const done = await upload(entity, file, type, false);
          expect(done.statusCode, done.body).toBe(201);
          expect(done.json()).toMatchObject({ created: RECORDS.length });
          expect(await stored(entity), format).toEqual(original);
        }
      });
    });
  }

  it('reads a date-time column in the zone its header names, whatever the workspace zone', async () => {
    const fx = await fixtureOn(ctx.store, 'Header zone');
    const admin = caller(server, await login(server, fx.users.admin.email));
    expect((await admin.post('/api/apps', app)).statusCode).toBe(201);
    expect((await admin.post('/api/apps/tz/publish', {})).statusCode).toBe(201);
    const file = 'Title,Met at (America/New_York),Met at (Nowhere/Zone)\nOne,2026-07-01 09:00:00,\n';
    const bad = await admin({
      method: 'POST',
      url: '/api/apps/tz/entities/visit/import',
      ...importForm(file, 'text/csv', { 'accept-language': 'en' }),
    });
    // A zone that does not exist is no zone: that header names no field and is ignored.
    expect(bad.statusCode, bad.body).toBe(201);
    expect(bad.json()).toMatchObject({ ignoredColumns: ['Met at (Nowhere/Zone)'] });
    const res = await admin.get('/api/apps/tz/entities/visit/records');
    const records = (res.json() as { records: { metAt?: string }[] }).records;
    expect(records.map((r) => r.metAt)).toEqual(['2026-07-01T13:00:00.000Z']);
  });
});

/** The zone's offset from UTC at an instant, in ms. */
function offsetMs(zone: string, at: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const ms = Date.parse(at);
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
    ms % 1000,
  );
  return wall - ms;
}
