/**
 * `pnpm bench import [rows]`: CSV import and export through the HTTP API (inject) against the
 * store's raw bulk paths, side by side. Import: a CSV of `rows` deals (default 100,000) parsed,
 * coerced, validated row by row and written in one transaction, against `store.imports.createMany`
 * given the same rows already typed (no parsing, no validation). Export: every deal as CSV
 * (paged reads, labels, streaming) against one plain `select *` of the table. Runs on in-memory
 * PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
 */
import { performance } from 'node:perf_hooks';
import { createOrgFixture, openTestStore, testDialects } from '@stagecraft/store/testing';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { buildApp } from '../src/app.js';
import { hashPassword } from '../src/auth/password.js';

const rows = Number(process.argv[2] ?? 100_000);
const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const definition = {
  schemaVersion: 2,
  id: 'bench',
  label: L('基准', 'Bench'),
  entities: [
    {
      id: 'deal',
      label: L('商机', 'Deal'),
      titleField: 'title',
      fields: [
        { id: 'title', type: 'text', label: L('标题', 'Title'), required: true },
        { id: 'amount', type: 'currency', label: L('金额', 'Amount'), min: 0 },
        { id: 'closeOn', type: 'date', label: L('预计成交日', 'Close on') },
        {
          id: 'level',
          type: 'single_select',
          label: L('级别', 'Level'),
          options: [
            { id: 'low', label: L('低', 'Low') },
            { id: 'high', label: L('高', 'High') },
          ],
        },
        { id: 'notes', type: 'long_text', label: L('备注', 'Notes') },
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

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;

for (const dialect of testDialects()) {
  const { store, close } = await openTestStore(dialect);
  const app = await buildApp({ store });
  try {
    await app.ready();
    const org = await createOrgFixture(store, { passwordHash: await hashPassword('bench password') });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: org.users.east1Rep.email, password: 'bench password' },
    });
    const session = login.cookies.find((c) => c.name === 'stagecraft_session');
    const adminLogin = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: org.users.admin.email, password: 'bench password' },
    });
    const admin = adminLogin.cookies.find((c) => c.name === 'stagecraft_session');
    const cookie = (c: typeof session) => ({ cookie: `stagecraft_session=${c?.value}` });
    await app.inject({ method: 'POST', url: '/api/apps', payload: definition, headers: cookie(admin) });
    const pub = await app.inject({
      method: 'POST',
      url: '/api/apps/bench/publish',
      payload: {},
      headers: cookie(admin),
    });
    if (pub.statusCode !== 201) throw new Error(pub.body);

    const typed = Array.from({ length: rows }, (_, i) => ({
      values: {
        title: `Typed ${i}`,
        amount: (i % 1000) * 10.5,
        closeOn: `2026-0${1 + (i % 9)}-15`,
        level: i % 2 ? 'low' : 'high',
        notes: `note ${i}`,
      },
    }));
    const csv = Papa.unparse([
      ['标题', 'Amount', 'Close on', '级别', 'Notes'],
      ...typed.map((r, i) => [
        `Row ${i}`,
        `¥${r.values.amount.toLocaleString('en-US')}`,
        r.values.closeOn.replace(/-/g, '/'),
        r.values.level === 'low' ? '低' : 'High',
        r.values.notes,
      ]),
    ]);

    const b0 = performance.now();
    const raw = await store.imports.createMany(org.actors.east1Rep, 'bench', 'deal', typed);
    const baseImport = performance.now() - b0;
    if (!raw.ok) throw new Error(JSON.stringify(raw.issues));

    const i0 = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/api/apps/bench/entities/deal/import',
      payload: csv,
      headers: { ...cookie(session), 'content-type': 'text/csv' },
    });
    const fullImport = performance.now() - i0;
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body.slice(0, 500)}`);
    await sql`analyze t1_deal`.execute(store.db).catch(() => undefined);

    const e0 = performance.now();
    const { rows: all } = await sql`select * from t1_deal`.execute(store.db);
    const baseExport = performance.now() - e0;
    const x0 = performance.now();
    const out = await app.inject({
      method: 'GET',
      url: '/api/apps/bench/entities/deal/export?format=csv',
      headers: { ...cookie(session), 'accept-language': 'en' },
    });
    const fullExport = performance.now() - x0;
    const exported = out.body.split('\r\n').filter(Boolean).length - 1;
    if (exported !== all.length) throw new Error(`exported ${exported} of ${all.length}`);

    console.log(
      `\n${dialect}: ${rows.toLocaleString('en-US')} rows, CSV ${(csv.length / 1e6).toFixed(1)} MB`,
    );
    console.log(
      `  import   HTTP CSV (parse+validate+insert) ${fmt(fullImport)} (${rate(fullImport)})   baseline createMany typed rows ${fmt(baseImport)} (${rate(baseImport)})   ratio ${(fullImport / baseImport).toFixed(2)}`,
    );
    console.log(
      `  export   HTTP CSV of ${exported.toLocaleString('en-US')} rows ${fmt(fullExport)}   baseline select * ${fmt(baseExport)}   ratio ${(fullExport / baseExport).toFixed(2)}`,
    );
  } finally {
    await app.close();
    await close();
  }
}
