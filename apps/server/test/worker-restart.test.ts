/**
 * Survival of a hard crash, on PostgreSQL: the server (`stagecraft start`, which runs the worker)
 * is killed with SIGKILL while it holds claimed jobs, the server is started again, and every
 * pending job completes exactly once — each record's owner and manager get exactly one
 * notification, no job is lost or dead. The same holds for a separate `stagecraft worker`. (PGlite
 * is embedded in one process, so there is no second process to kill there.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrgFixture, openTestStore } from '@stagecraft/store/testing';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
import { caller, checkedResponses, login, passwordHash } from './support.js';

const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'apps/server/src/cli.ts');
const RECORDS = 300;
const L = (s: string) => ({ 'zh-CN': s, en: s });

/** Starts `stagecraft start` (the server with its worker) or `stagecraft worker` on the database. */
function startProcess(
  command: 'start' | 'worker',
  databaseUrl: string,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, command], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      WORKER_POLL_MS: '20',
      WORKER_LEASE_MS: '2000',
      PORT: '0',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'stagecraft-crash-')),
      DEFAULT_TEMPLATE: 'none',
    },
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return { child, output: () => out };
}

/** Polls `probe` until it returns true (the worker is another process: there is nothing to await). */
async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('worker killed mid-run [postgres]', () => {
  // each case has its own scratch database, so the counts below are its own
  const opened: Awaited<ReturnType<typeof openTestStore>>[] = [];
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const o of opened) await o.close();
  });

  it.each([
    ['the server', 'start', 'crash1'],
    ['a separate worker', 'worker', 'crash2'],
  ] as const)(
    'completes every pending job exactly once after %s is killed and restarted',
    async (_who, command, appId) => {
      const scratch = await openTestStore('postgres');
      opened.push(scratch);
      const { store, databaseUrl } = scratch;
      if (!databaseUrl) throw new Error('no database url');
      const app = await buildApp({ store: serverStoreOf(store), ...checkedResponses() });
      await app.ready();
      const fx = await createOrgFixture(store, { passwordHash: await passwordHash() });
      const admin = caller(app, await login(app, fx.users.admin.email));
      const rep = caller(app, await login(app, fx.users.east1Rep.email));
      const doc = {
        schemaVersion: 2,
        id: appId,
        label: L('crash'),
        entities: [
          {
            id: 'lead',
            label: L('lead'),
            titleField: 'title',
            fields: [{ id: 'title', type: 'text', label: L('t') }],
          },
        ],
        automations: [
          {
            id: 'welcome',
            label: L('welcome'),
            entity: 'lead',
            trigger: { type: 'record_created' },
            actions: [
              {
                id: 'tell',
                type: 'notify',
                recipients: [{ type: 'owner' }, { type: 'owner_manager' }],
                title: L('new lead'),
              },
            ],
          },
        ],
      };
      expect((await admin.post('/api/apps', doc)).statusCode).toBe(201);
      expect((await admin.post(`/api/apps/${appId}/publish`)).statusCode).toBe(201);
      const ids: string[] = [];
      for (let i = 0; i < RECORDS; i++) {
        const res = await rep.post(`/api/apps/${appId}/entities/lead/records`, { title: `lead ${i}` });
        ids.push((res.json() as { id: string }).id);
      }
      await app.close();

      const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
        Number((await query.execute(store.db)).rows[0]?.n ?? 0);
      const notifications = () => count(sql<{ n: number }>`select count(*)::int as n from notifications`);
      const open = () =>
        count(sql<{ n: number }>`select count(*)::int as n from jobs where status in ('pending', 'running')`);

      const running = () =>
        count(sql<{ n: number }>`select count(*)::int as n from jobs where status = 'running'`);
      const first = startProcess(command, databaseUrl);
      children.push(first.child);
      // killed while it holds a claimed batch: some jobs are 'running' under its lease
      await until(
        async () => (await notifications()) >= 100 && (await running()) > 0,
        'the first process to deliver some notifications while holding claimed jobs',
      );
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      const delivered = await notifications();
      const left = await open();
      expect(left, 'jobs still pending when the process died').toBeGreaterThan(0);
      expect(await running(), 'jobs the dead process had claimed').toBeGreaterThan(0);
      expect(delivered).toBeLessThan(RECORDS * 2);

      const second = startProcess(command, databaseUrl);
      children.push(second.child);
      await until(async () => (await open()) === 0, 'the second worker to drain the queue');
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));

      const rows = (
        await sql<{ record_id: string; user_id: string; n: number }>`
        select record_id, user_id, count(*)::int as n from notifications group by record_id, user_id`.execute(
          store.db,
        )
      ).rows;
      expect(rows).toHaveLength(RECORDS * 2);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(new Set(rows.map((r) => r.record_id))).toEqual(new Set(ids));
      expect(new Set(rows.map((r) => r.user_id))).toEqual(
        new Set([fx.users.east1Rep.id, fx.users.eastManager.id]),
      );
      const statuses = (
        await sql<{
          status: string;
          n: number;
        }>`select status, count(*)::int as n from jobs group by status`.execute(store.db)
      ).rows;
      expect(statuses).toEqual([{ status: 'done', n: RECORDS * 2 }]);
      const runs = await count(sql<{ n: number }>`select count(*)::int as n from automation_runs`);
      expect(runs).toBe(RECORDS);
    },
    300_000,
  );
});
