/**
 * `pnpm bench export [rows] [csv,xlsx]`: CSV and XLSX export of `rows` deals (default 122,000) over a real
 * HTTP connection, printing the time to the first byte, the total time, the bytes and the server
 * process's peak RSS and its rise during the download (sampled every 20 ms; the client in the same
 * process only counts bytes; RSS is not given back, so the second format's rise is over the first's
 * high-water mark). The rows are seeded with the store's bulk insert. Runs on in-memory PGlite, and on
 * PostgreSQL too when TEST_DATABASE_URL is set.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createOrgFixture, openTestStore, testDialects } from '@stagecraft/store/testing';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { hashPassword } from '../src/auth/password.js';

const rows = Number(process.argv[2] ?? 122_000);
/** The formats, in order (`xlsx,csv` to measure XLSX first). */
const formats = (process.argv[3] ?? 'csv,xlsx').split(',') as ('csv' | 'xlsx')[];
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
        { id: 'metAt', type: 'datetime', label: L('会面时间', 'Met at') },
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
};

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** Downloads `path`, timing the first byte and sampling this process's RSS until the end. */
function download(port: number, path: string, cookie: string) {
  return new Promise<{ firstByte: number; total: number; bytes: number; peakRss: number; rise: number }>(
    (resolve, reject) => {
      const before = process.memoryUsage.rss();
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage.rss());
      }, 20);
      const t0 = performance.now();
      let firstByte = 0;
      let bytes = 0;
      const req = request({ port, path, headers: { cookie, 'accept-language': 'en' } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
        res.on('data', (chunk: Buffer) => {
          if (!firstByte) firstByte = performance.now() - t0;
          bytes += chunk.length;
        });
        res.on('end', () => {
          clearInterval(sampler);
          peak = Math.max(peak, process.memoryUsage.rss());
          resolve({ firstByte, total: performance.now() - t0, bytes, peakRss: peak, rise: peak - before });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    },
  );
}

for (const dialect of testDialects()) {
  const { store, close } = await openTestStore(dialect);
  const app = await buildApp({ store });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const org = await createOrgFixture(store, { passwordHash: await hashPassword('bench password') });
    const adminLogin = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: org.users.admin.email, password: 'bench password' },
    });
    const cookie = `stagecraft_session=${adminLogin.cookies.find((c) => c.name === 'stagecraft_session')?.value}`;
    await app.inject({ method: 'POST', url: '/api/apps', payload: definition, headers: { cookie } });
    const pub = await app.inject({
      method: 'POST',
      url: '/api/apps/bench/publish',
      payload: {},
      headers: { cookie },
    });
    if (pub.statusCode !== 201) throw new Error(pub.body);
    for (let i = 0; i < rows; i += 20_000) {
      const batch = Array.from({ length: Math.min(20_000, rows - i) }, (_, k) => ({
        values: {
          title: `Deal ${i + k}`,
          amount: ((i + k) % 1000) * 10.5,
          closeOn: `2026-0${1 + ((i + k) % 9)}-15`,
          metAt: new Date(Date.UTC(2026, 2, 1) + (i + k) * 61_000).toISOString(),
          level: (i + k) % 2 ? 'low' : 'high',
          notes: `note ${i + k}`,
        },
      }));
      const done = await store.imports.createMany(org.actors.admin, 'bench', 'deal', batch);
      if (!done.ok) throw new Error(JSON.stringify(done.issues));
    }
    // A first scan after a bulk load also sets hint bits: take it out of the first format's figure.
    await sql`vacuum analyze t1_deal`.execute(store.db);
    console.log(`\n${dialect}: ${rows.toLocaleString('en-US')} rows`);
    for (const format of formats) {
      globalThis.gc?.();
      const r = await download(port, `/api/apps/bench/entities/deal/export?format=${format}`, cookie);
      console.log(
        `  ${format.padEnd(4)} first byte ${s(r.firstByte)}   total ${s(r.total)}   ${mb(r.bytes)}   peak RSS ${mb(r.peakRss)} (+${mb(r.rise)} during the download)`,
      );
    }
  } finally {
    await app.close();
    await close();
  }
}
