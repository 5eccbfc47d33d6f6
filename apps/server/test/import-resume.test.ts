/**
 * A server killed mid-import commits once after restart: `stagecraft start` runs in a child
 * process on a PGlite folder and on PostgreSQL, gets an import of ROWS rows over real HTTP, is
 * SIGKILLed while the job is running, and is started again on the same data. The job is taken
 * over when its lease ends, runs from the start of its stored file, and ends done; every row then
 * exists exactly once (checked through the export), and no staging table is left.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportJob } from '@stagecraft/contract';
import { openTestStore } from '@stagecraft/store/testing';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'apps/server/src/cli.ts');
const ROWS = 60_000;
const ADMIN = { email: 'resume-admin@example.com', password: 'resume password 123' };
const L = (s: string) => ({ 'zh-CN': s, en: s });

/** `stagecraft start` on the data; resolves with its URL once it prints the banner. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, 'start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      WORKER: 'off',
      DEFAULT_TEMPLATE: 'none',
      IMPORT_LEASE_MS: '1500',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ...env,
    },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`start exited with ${code}: ${out}`)));
  });
}

/** A signed-in HTTP client of a running server. */
async function signIn(url: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { cookie, 'accept-language': 'en', ...(init.headers ?? {}) },
    });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type Open = () => Promise<{ env: Record<string, string>; close: () => Promise<void> }>;
const engines: [string, Open][] = [
  [
    'pglite',
    async () => ({
      env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'stagecraft-resume-')) },
      close: async () => {},
    }),
  ],
];
if (process.env.TEST_DATABASE_URL)
  engines.push([
    'postgres',
    async () => {
      const scratch = await openTestStore('postgres');
      await scratch.store.close();
      return {
        env: {
          DATABASE_URL: scratch.databaseUrl as string,
          DATA_DIR: mkdtempSync(join(tmpdir(), 'stagecraft-resume-')),
        },
        close: async () => {},
      };
    },
  ]);

/** Killed while reading and validating rows, or inside the commit's transaction. */
const cases = engines.flatMap(([engine, open]) =>
  (['validate', 'write'] as const).map((phase) => [engine, phase, open] as const),
);

describe('import job killed mid-run', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });

  it.each(cases)(
    '[%s] killed in the %s phase, resumes after restart and commits every row exactly once',
    async (_engine, phase, open) => {
      const data = await open();
      const first = await startServer(data.env);
      children.push(first.child);
      let call = await signIn(first.url);
      const doc = {
        schemaVersion: 2,
        id: 'resume',
        label: L('resume'),
        entities: [
          {
            id: 'lead',
            label: L('lead'),
            titleField: 'title',
            fields: [
              { id: 'title', type: 'text', label: L('Title') },
              { id: 'amount', type: 'number', label: L('Amount') },
            ],
          },
        ],
      };
      const json = { 'content-type': 'application/json' };
      expect(
        (await call('/api/apps', { method: 'POST', headers: json, body: JSON.stringify(doc) })).status,
      ).toBe(201);
      expect((await call('/api/apps/resume/publish', { method: 'POST' })).status).toBe(201);
      const rows: (string | number)[][] = [['Title', 'Amount']];
      for (let i = 0; i < ROWS; i++) rows.push([`lead ${i}`, i]);
      const form = new FormData();
      form.append('file', new Blob([Papa.unparse(rows)], { type: 'text/csv' }), 'leads.csv');
      const started = await call('/api/apps/resume/entities/lead/imports', { method: 'POST', body: form });
      expect(started.status).toBe(202);
      const { id } = (await started.json()) as ImportJob;
      // killed while the job runs (nothing committed yet)
      const seen = await until(async () => {
        const job = (await (await call(`/api/imports/${id}`)).json()) as ImportJob;
        return job.state === 'running' && job.phase === phase && job.progress.rowsRead > 0 ? job : undefined;
      }, `the job to reach its ${phase} phase`);
      first.child.kill('SIGKILL');
      await exited(first.child);
      if (phase === 'validate') expect(seen.progress.rowsRead).toBeLessThan(ROWS);

      const second = await startServer(data.env);
      children.push(second.child);
      call = await signIn(second.url);
      const end = await until(async () => {
        const job = (await (await call(`/api/imports/${id}`)).json()) as ImportJob;
        return job.state === 'running' || job.state === 'queued' ? undefined : job;
      }, 'the job to end after the restart');
      expect(end.state, JSON.stringify(end.error ?? end.issues)).toBe('done');
      expect(end.report).toMatchObject({ rows: ROWS, created: ROWS });
      const exported = await call('/api/apps/resume/entities/lead/export?format=csv');
      expect(exported.status).toBe(200);
      const lines = Papa.parse<string[]>((await exported.text()).replace(/^\uFEFF/, ''), {
        skipEmptyLines: true,
      }).data;
      const header = lines[0] as string[];
      const title = header.indexOf('Title');
      const titles = lines.slice(1).map((r) => r[title]);
      expect(titles).toHaveLength(ROWS);
      expect(new Set(titles).size).toBe(ROWS);
      second.child.kill('SIGTERM');
      await exited(second.child);
      await data.close();
    },
    400_000,
  );
});
