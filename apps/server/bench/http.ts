/**
 * `pnpm bench http [--duration s] [--concurrency n] [--pglite] [--only op[,op]]`: the write path and a
 * list page under load, beside a minimal server doing the bare SQL of each (issue 14, item 3).
 * `--only create,transition` measures just those operations (to iterate on one); `--profile dir` writes
 * a V8 CPU profile of this process during each stagecraft load (`<dir>/<operation>.cpuprofile`, open
 * it in Chrome DevTools) to see where a request's time outside SQL goes.
 *
 * The real server (`buildApp` listening on a free port) runs over a fresh PostgreSQL database
 * created beside TEST_DATABASE_URL (or DATABASE_URL), or over in-memory PGlite with `--pglite`, with
 * the generic app of `lead-app.ts`, signed in as the workspace admin. The yardstick is
 * `bare-server.ts`: fastify + a `pg` pool of the same size on PostgreSQL, over a table made `like`
 * the entity's table. For each operation (create = POST records, update = PATCH with version,
 * transition = one stage move, list = GET a page of 20 with its total) both are loaded in turn, the
 * real one first, by `http-load.ts` in a child process: `concurrency` keep-alive connections for
 * `duration` seconds after a warm-up. Before the list both tables are given the same rows.
 *
 * Printed: req/s, p50 and p99 of each side, the ratio of req/s and of p99, issue 14's bar for the
 * operation, and the SQL statements one request of it sends through the store's connection
 * (the session lookup left out; counted sequentially after the load, with counting off during it).
 * Exit code 1 when a bar is missed. Not part of `pnpm test`.
 */
import { fork } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg } from 'node:os';
import { StatementCounter, type Store } from '@stagecraft/store';
import { createOrgFixture, type OrgFixture, openTestStore } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type pg from 'pg';
import { buildApp } from '../src/app.js';
import { hashPassword } from '../src/auth/password.js';
import { STATEMENT_COUNT_HEADER } from '../src/diagnostics/statement-count.js';
import { type BareServer, startBareServer } from './bare-server.js';
import type { LoadPlan, LoadResult, Operation, OwnedRecord } from './http-load.js';
import { BENCH_ENTITY, installBenchApp, newProspect, RECORDS_URL, STAGES } from './lead-app.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const durationMs = arg('duration', 10) * 1000;
const warmupMs = Math.min(3000, Math.max(1000, durationMs / 5));
const concurrency = arg('concurrency', 32);
const pglite = process.argv.includes('--pglite');
const OPERATIONS = ['create', 'update', 'transition', 'list'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : [...OPERATIONS];
const operations = OPERATIONS.filter((o) => only.includes(o));
const profileAt = process.argv.indexOf('--profile');
const profileDir = profileAt > 0 ? process.argv[profileAt + 1] : undefined;
if (operations.length === 0) {
  console.error(`--only takes a comma-separated list of ${OPERATIONS.join(', ')}`);
  process.exit(2);
}
const POOL_SIZE = 10; // the store's default pool (createPostgresDialect)
const PASSWORD = 'bench password';

/** Issue 14's bar per operation: req/s ratio at least, and p99 at most this many times the bare one. */
const BARS: Record<Operation, { ratio: number; p99Times?: number }> = {
  create: { ratio: 0.5, p99Times: 3 },
  update: { ratio: 0 },
  transition: { ratio: 0.35 },
  list: { ratio: 0.5 },
};

// openTestStore makes its scratch databases beside TEST_DATABASE_URL.
if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL)
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
if (!process.env.TEST_DATABASE_URL) {
  console.error('pnpm bench http needs PostgreSQL: set TEST_DATABASE_URL (or DATABASE_URL) to an admin URL.');
  process.exit(2);
}

/** A store with the bench app published, its server, an admin session and the entity's table. */
interface Side {
  store: Store;
  app: FastifyInstance;
  org: OrgFixture;
  cookie: string;
  table: string;
  databaseUrl: string | undefined;
  close(): Promise<void>;
}

const passwordHash = await hashPassword(PASSWORD);

async function openSide(dialect: 'pglite' | 'postgres', statements?: StatementCounter): Promise<Side> {
  const opened = await openTestStore(dialect, statements ? { statements } : {});
  const app = await buildApp({ store: opened.store, ...(statements ? { statements } : {}) });
  await app.ready();
  const org = await createOrgFixture(opened.store, { passwordHash });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: org.users.admin.email, password: PASSWORD },
  });
  const session = login.cookies.find((c) => c.name === 'stagecraft_session');
  if (!session) throw new Error(`login: ${login.statusCode} ${login.body}`);
  const cookie = `stagecraft_session=${session.value}`;
  await installBenchApp(app, cookie);
  const { rows } = await sql<{ table_name: string }>`
    select table_name from entity_tables where entity_id = ${BENCH_ENTITY}`.execute(opened.store.db);
  const table = rows[0]?.table_name;
  if (!table) throw new Error('the bench entity has no table');
  return {
    store: opened.store,
    app,
    org,
    cookie,
    table,
    databaseUrl: opened.databaseUrl,
    close: async () => {
      await app.close();
      await opened.close();
    },
  };
}

/** Runs one load in a child process (like autocannon), so the client never shares the servers' event loop. */
function load(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./http-load.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
    child.once('message', (m: LoadResult | { crash: string }) => {
      if ('crash' in m) reject(new Error(m.crash));
      else resolve(m);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code) reject(new Error(`the load client exited with ${code}`));
    });
    child.send(plan);
  });
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * CPU time (ms) so far of each PostgreSQL backend serving database `name`, by pid, read from /proc
 * (Linux, server on this machine; none elsewhere). A backend's title names its database.
 */
async function backendCpuMs(name: string | undefined): Promise<Map<string, number>> {
  const byPid = new Map<string, number>();
  if (!name) return byPid;
  const pids = await readdir('/proc').catch(() => [] as string[]);
  for (const pid of pids) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const title = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.includes(` ${name} `)) continue;
      const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * 10); // utime + stime, 100 Hz ticks
    } catch {
      // the process ended meanwhile
    }
  }
  return byPid;
}

/** CPU ms the backends used between two readings (a backend that ended meanwhile is not counted). */
function backendCpuSpent(before: Map<string, number>, after: Map<string, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/** `concurrency` live records of a table, oldest first, one per connection. */
async function ownedOf(rows: () => Promise<OwnedRecord[]>): Promise<OwnedRecord[]> {
  const found = await rows();
  if (found.length < concurrency) throw new Error(`only ${found.length} records to share among connections`);
  return found;
}

/** Gives the bare table exactly the rows of the real one, so both list pages read the same data. */
async function copyRows(side: Side, pool: pg.Pool, bareTable: string): Promise<number> {
  const { rows } = await sql`select * from ${sql.table(side.table)}`.execute(side.store.db);
  await pool.query(`truncate ${quote(bareTable)}`);
  for (let i = 0; i < rows.length; i += 2000) {
    await pool.query(
      `insert into ${quote(bareTable)} select * from json_populate_recordset(null::${quote(bareTable)}, $1::json)`,
      [JSON.stringify(rows.slice(i, i + 2000))],
    );
  }
  await pool.query(`analyze ${quote(bareTable)}`);
  await sql`analyze ${sql.table(side.table)}`.execute(side.store.db);
  return rows.length;
}

/** One request of each operation, sequentially, with counting on: the statements it sent. */
async function statementsPerOperation(
  side: Side,
  counter: StatementCounter,
): Promise<Record<Operation, number>> {
  counter.enabled = true;
  const send = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const res = await side.app.inject({
      method,
      url,
      headers: { cookie: side.cookie },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return { count: Number(res.headers[STATEMENT_COUNT_HEADER]), body: res.json() as OwnedRecord };
  };
  const created = await send('POST', RECORDS_URL, newProspect(1_000_000_000));
  const updated = await send('PATCH', `${RECORDS_URL}/${created.body.id}`, {
    score: 1,
    version: created.body.version,
  });
  const moved = await send('POST', `${RECORDS_URL}/${created.body.id}/transitions`, {
    to: STAGES[1],
    version: updated.body.version,
  });
  const listed = await send('GET', `${RECORDS_URL}?limit=20`);
  counter.enabled = false;
  return { create: created.count, update: updated.count, transition: moved.count, list: listed.count };
}

const counter = new StatementCounter();
counter.enabled = false;
const real = await openSide(pglite ? 'pglite' : 'postgres', counter);
// The bare table lives on PostgreSQL: in the real side's database, or (with --pglite) in one made
// for it the same way, so its shape is the entity table's either way.
const host = pglite ? await openSide('postgres') : real;
const bareTable = 'bare_prospect';
let bare: BareServer | undefined;
try {
  const { databaseUrl } = host;
  if (!databaseUrl) throw new Error('no PostgreSQL database for the bare server');
  await sql`create table ${sql.table(bareTable)} (like ${sql.table(host.table)} including all)`.execute(
    host.store.db,
  );
  bare = await startBareServer(
    databaseUrl,
    bareTable,
    { userId: host.org.users.admin.id, orgUnitId: host.org.users.admin.orgUnitId },
    POOL_SIZE,
  );
  const databaseName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const realOrigin = await real.app.listen({ port: 0, host: '127.0.0.1' });
  const bareServer = bare;
  const plans = {
    real: { origin: realOrigin, path: RECORDS_URL, headers: { cookie: real.cookie } },
    bare: { origin: bareServer.origin, path: '/records', headers: {} },
  };
  const owned = {
    real: () =>
      ownedOf(async () => {
        const { rows } = await sql<OwnedRecord>`select id, version, stage from ${sql.table(real.table)}
          where deleted_at is null order by created_at, id limit ${concurrency}`.execute(real.store.db);
        return rows;
      }),
    bare: () =>
      ownedOf(async () => {
        const { rows } = await bareServer.pool.query<OwnedRecord>(
          `select id, version, stage from ${quote(bareTable)} where deleted_at is null order by created_at, id limit $1`,
          [concurrency],
        );
        return rows;
      }),
  };

  // Without a create run first, update and transition still need one record per connection.
  if (!operations.includes('create')) {
    for (const [origin, path, headers] of [
      [realOrigin, RECORDS_URL, { cookie: real.cookie }],
      [bareServer.origin, '/records', {}],
    ] as const) {
      for (let i = 0; i < concurrency; i += 1) {
        const res = await fetch(`${origin}${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(newProspect(2_000_000_000 + i)),
        });
        if (res.status !== 201) throw new Error(`seed ${origin}: ${res.status} ${await res.text()}`);
      }
    }
  }

  const load0 = loadavg();
  type Measured = LoadResult & { cpuMsPerRequest: number; pgMsPerRequest: number };
  const results: { operation: Operation; real: Measured; bare: Measured; rows?: number }[] = [];
  for (const operation of operations) {
    let rows: number | undefined;
    if (operation === 'list') rows = await copyRows(real, bareServer.pool, bareTable);
    const run = async (side: 'real' | 'bare') => {
      const records = operation === 'update' || operation === 'transition' ? await owned[side]() : [];
      const profiler = side === 'real' && profileDir ? new Session() : undefined;
      if (profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
        await profiler.post('Profiler.start');
      }
      const pg0 = await backendCpuMs(databaseName);
      const cpu0 = process.cpuUsage();
      const result = await load({
        ...plans[side],
        operation,
        concurrency,
        warmupMs,
        durationMs,
        records,
        stages: STAGES,
      });
      // Both servers live in this process and take turns, so its CPU time during a load is the
      // loaded server's (plus the idle one's timers): per request, counting the warm-up's too.
      const cpu = process.cpuUsage(cpu0);
      const pgMs = backendCpuSpent(pg0, await backendCpuMs(databaseName));
      if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        await writeFile(`${profileDir}/${operation}.cpuprofile`, JSON.stringify(profile));
        profiler.disconnect();
      }
      const served = result.reqPerSec * ((warmupMs + durationMs) / 1000);
      return {
        ...result,
        cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, served),
        pgMsPerRequest: pgMs / Math.max(1, served),
      };
    };
    const realResult = await run('real');
    const bareResult = await run('bare');
    results.push({ operation, real: realResult, bare: bareResult, ...(rows === undefined ? {} : { rows }) });
    for (const [side, r] of [
      ['stagecraft', realResult],
      ['bare', bareResult],
    ] as const) {
      if (r.errors) console.error(`${operation} ${side}: ${r.errors} errors, first: ${r.firstError}`);
    }
  }
  const load1 = loadavg();
  const statements = await statementsPerOperation(real, counter);

  const n = (v: number, d = 0) =>
    v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const pad = (s: string, w: number) => s.padStart(w);
  console.log(
    `\npnpm bench http: ${pglite ? 'PGlite (in memory)' : 'PostgreSQL'} vs bare fastify + pg on PostgreSQL, ` +
      `concurrency ${concurrency}, ${durationMs / 1000} s per side after a ${warmupMs / 1000} s warm-up; ` +
      `${availableParallelism()} cores, load average ${load0.map((l) => l.toFixed(1)).join(' ')} before, ` +
      `${load1.map((l) => l.toFixed(1)).join(' ')} after`,
  );
  const header = [
    'operation '.padEnd(11),
    pad('req/s', 8),
    pad('p50 ms', 9),
    pad('p99 ms', 9),
    ' |',
    pad('bare req/s', 11),
    pad('p50 ms', 9),
    pad('p99 ms', 9),
    ' |',
    pad('ratio', 7),
    pad('p99 ×', 7),
    pad('bar', 26),
    pad('SQL stmts', 10),
    pad('CPU ms/req', 14),
    pad('PG ms/req', 14),
  ].join('');
  console.log(header);
  console.log('-'.repeat(header.length));
  let missed = 0;
  for (const { operation, real: r, bare: b } of results) {
    const ratio = r.reqPerSec / b.reqPerSec;
    const p99Times = r.p99 / b.p99;
    const bar = BARS[operation];
    const met = ratio >= bar.ratio && (bar.p99Times === undefined || p99Times <= bar.p99Times);
    if (!met) missed += 1;
    const barText = bar.ratio
      ? `≥ ${bar.ratio}${bar.p99Times ? `, p99 ≤ ${bar.p99Times}×` : ''} ${met ? 'met' : 'MISSED'}`
      : '—';
    console.log(
      [
        operation.padEnd(11),
        pad(n(r.reqPerSec), 8),
        pad(n(r.p50, 1), 9),
        pad(n(r.p99, 1), 9),
        ' |',
        pad(n(b.reqPerSec), 11),
        pad(n(b.p50, 1), 9),
        pad(n(b.p99, 1), 9),
        ' |',
        pad(ratio.toFixed(2), 7),
        pad(p99Times.toFixed(1), 7),
        pad(barText, 26),
        pad(String(statements[operation]), 10),
        pad(`${r.cpuMsPerRequest.toFixed(2)} / ${b.cpuMsPerRequest.toFixed(2)}`, 14),
        pad(`${r.pgMsPerRequest.toFixed(2)} / ${b.pgMsPerRequest.toFixed(2)}`, 14),
      ].join(''),
    );
  }
  const listRows = results.find((r) => r.rows !== undefined)?.rows;
  console.log(
    `list pages read a table of ${n(listRows ?? 0)} rows on both sides; SQL stmts: one request, BEGIN and COMMIT ` +
      `included, the session lookup not (issue 14's targets: create 3, update 4, transition 6, list 2); ` +
      `CPU ms/req: this process's CPU time per request served, stagecraft / bare; PG ms/req: the same of ` +
      `PostgreSQL's backends for the bench database (from /proc when the server runs here). ` +
      `${missed ? `${missed} bar(s) missed.` : 'Every bar met.'}`,
  );
  if (missed) process.exitCode = 1;
} finally {
  await bare?.close();
  await real.close();
  if (host !== real) await host.close();
}
