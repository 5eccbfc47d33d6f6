/**
 * `pnpm bench import [rows] [--pglite] [--bytes N]`: an import end to end through HTTP against a
 * bare COPY of the same typed rows. The server is `stagecraft start` in a child process (on a
 * scratch PostgreSQL database from TEST_DATABASE_URL, or with `--pglite` on a fresh PGlite folder);
 * the bench writes a CSV of `rows` deals (default 1,000,000) to disk, uploads it as the web app
 * does (multipart, streamed from the file), polls the job until it is done, and samples the
 * server's RSS (/proc/<pid>/status) every 50 ms. `--bytes N` makes each row's notes long enough for
 * a file of about N bytes and runs it as a dry run (read, validate, stage, no commit), to show the
 * server's memory does not follow the file's size.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, openAsBlob, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ImportJob } from '@stagecraft/contract';
import { bareCopy, openTestStore } from '@stagecraft/store/testing';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const pglite = args.includes('--pglite') || !process.env.TEST_DATABASE_URL;
const bytes = flag('--bytes') ? Number(flag('--bytes')) : null;
const NOTE = bytes ? 'x'.repeat(10_000) : '';
const rows = bytes
  ? Math.ceil(bytes / (NOTE.length + 40))
  : Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const dryRun = bytes !== null;
const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'apps/server/src/cli.ts');
const ADMIN = { email: 'bench-admin@example.com', password: 'bench password 123' };
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

/** Row i as typed values (the bare COPY) and as a person's CSV cells (the import). */
const typed = (i: number) => ({
  title: `Row ${i}`,
  amount: (i % 1000) * 10.5,
  closeOn: `2026-0${1 + (i % 9)}-15`,
  level: i % 2 ? 'low' : 'high',
  notes: `note ${i}${NOTE}`,
});
const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r()));
  await write('标题,Amount,Close on,级别,Notes\n');
  for (let i = 0; i < rows; i++) {
    const r = typed(i);
    const cells = [
      r.title,
      `¥${r.amount.toLocaleString('en-US')}`,
      r.closeOn.replace(/-/g, '/'),
      r.level === 'low' ? '低' : 'High',
      r.notes,
    ];
    await write(`${cells.map(quote).join(',')}\n`);
  }
  out.end();
  await new Promise<void>((r) => out.once('finish', () => r()));
}

function* typedLines(): Generator<string> {
  for (let i = 0; i < rows; i++) {
    const r = typed(i);
    yield [r.title, r.amount, r.closeOn, r.level, r.notes].join(',');
  }
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, '--conditions=source', '--import', 'tsx', cli, 'start'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        WORKER: 'off',
        DEFAULT_TEMPLATE: 'none',
        LOG_LEVEL: 'error',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        ...env,
      },
    },
  );
  let out = '';
  return new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', (code) => reject(new Error(`start exited with ${code}: ${out}`)));
  });
}

const rssOf = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
};
const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const work = mkdtempSync(join(tmpdir(), 'stagecraft-bench-import-'));
const csvPath = join(work, 'deals.csv');
await writeCsv(csvPath);
const size = statSync(csvPath).size;
let databaseUrl: string | undefined;
if (!pglite) {
  const scratch = await openTestStore('postgres');
  databaseUrl = scratch.databaseUrl;
  await scratch.store.close();
}
const server = await startServer({
  DATA_DIR: join(work, 'data'),
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const pid = server.child.pid as number;
try {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { cookie, ...(init.headers ?? {}) } });
  const json = { 'content-type': 'application/json' };
  await call('/api/apps', { method: 'POST', headers: json, body: JSON.stringify(definition) });
  const pub = await call('/api/apps/bench/publish', { method: 'POST' });
  if (pub.status !== 201) throw new Error(await pub.text());

  const idle = rssOf(pid);
  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 50);
  const t0 = performance.now();
  const form = new FormData();
  form.append('file', await openAsBlob(csvPath, { type: 'text/csv' }), 'deals.csv');
  const started = await call(`/api/apps/bench/entities/deal/imports${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    body: form,
  });
  if (started.status !== 202) throw new Error(`${started.status} ${await started.text()}`);
  const uploaded = performance.now() - t0;
  const uploadPeak = peak;
  const { id } = (await started.json()) as ImportJob;
  const phases = new Map<string, number>();
  let job: ImportJob;
  for (;;) {
    job = (await (await call(`/api/imports/${id}`)).json()) as ImportJob;
    if (job.phase && !phases.has(job.phase)) phases.set(job.phase, performance.now() - t0);
    if (job.state !== 'queued' && job.state !== 'running') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const total = performance.now() - t0;
  clearInterval(sampler);
  if (job.state !== 'done')
    throw new Error(`job ${job.state}: ${JSON.stringify(job.error ?? job.issues?.slice(0, 3))}`);

  const b0 = performance.now();
  const copied = await bareCopy(
    databaseUrl ? { databaseUrl } : { pglite: true },
    'title text, amount numeric(20,2), close_on date, level text, notes text',
    typedLines,
  );
  const bare = performance.now() - b0;
  if (copied !== rows) throw new Error(`bare COPY holds ${copied} of ${rows}`);

  const engine = pglite ? 'PGlite' : 'PostgreSQL';
  console.log(
    `\n${engine}: ${rows.toLocaleString('en-US')} rows, CSV ${mb(size)}${dryRun ? ' (dry run: read, validate, stage; no commit)' : ''}`,
  );
  console.log(
    `  import via HTTP (upload + job to done) ${secs(total)} (${Math.round(rows / (total / 1000)).toLocaleString('en-US')} rows/s): upload ${secs(uploaded)}${[
      ...phases,
    ]
      .map(([p, at]) => `, ${p} from ${secs(at)}`)
      .join('')}`,
  );
  console.log(
    `  bare COPY of the typed rows into a plain table ${secs(bare)}   ratio ${(total / bare).toFixed(1)}`,
  );
  const timings = job.report?.timings ?? {};
  const write = phases.get('write');
  console.log(
    `  phases (server): ${Object.entries(timings)
      .map(([k, v]) => `${k} ${secs(v)}`)
      .join(', ')}${write !== undefined && !dryRun ? `, commit ${secs(total - write)}` : ''}`,
  );
  console.log(
    `  server RSS idle ${mb(idle)}, peak ${mb(peak)}, rise ${mb(peak - idle)} (during the upload: +${mb(uploadPeak - idle)})`,
  );
  console.log(`  report ${JSON.stringify({ rows: job.report?.rows, created: job.report?.created })}`);
} finally {
  server.child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
