/**
 * The `stagecraft` CLI as a user runs it (from source through tsx): validate reports issues with
 * exit code 1; start on an empty data folder creates the admin, serves the API on PORT and lets the
 * admin sign in; create-user adds a user who can sign in after a restart; without ADMIN_PASSWORD the
 * first start generates a password and prints it once; migrate on an existing folder changes nothing.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';

const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'apps/server/src/cli.ts');
const node = [process.execPath, '--conditions=source', '--import', 'tsx', cli];

function run(args: string[], env: Record<string, string> = {}) {
  const [cmd = process.execPath, ...rest] = node;
  return spawnSync(cmd, [...rest, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Starts the server and resolves with its URL once it prints the banner. */
function start(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const [cmd = process.execPath, ...rest] = node;
  const child = spawn(cmd, [...rest, 'start'], { cwd: root, env: { ...process.env, ...env } });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1], output: () => out });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`start exited with ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('stagecraft CLI [pglite]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validates a file: 0 when valid, 1 with every issue at its path otherwise', () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(sampleApp()));
    const ok = run(['validate', good]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('valid app');
    const bad = join(dir, 'bad.json');
    const doc = sampleApp() as { views: { entity: string }[] };
    (doc.views[0] as { entity: string }).entity = 'nothing';
    writeFileSync(bad, JSON.stringify(doc));
    const refused = run(['validate', bad]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('/views/0/entity');
    expect(run(['validate', join(dir, 'missing.json')]).status).toBe(1);
  }, 120_000);

  it('starts on an empty data folder with the configured admin, and create-user adds a user', async () => {
    const env = {
      DATA_DIR: join(dir, 'data'),
      PORT: '0',
      ADMIN_EMAIL: 'boss@example.com',
      ADMIN_PASSWORD: 'first start password',
      DEFAULT_TEMPLATE: 'none',
      DATABASE_URL: '',
    };
    const first = await start(env);
    try {
      expect(first.output()).toContain('Admin: boss@example.com');
      expect(first.output()).not.toContain('first start password');
      expect(await (await fetch(`${first.url}/api/health`)).json()).toEqual({ status: 'ok' });
      const login = await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'boss@example.com', password: 'first start password' }),
      });
      expect(login.status).toBe(200);
      expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    } finally {
      await stop(first.child);
    }
    const created = run(
      ['create-user', '--email', 'rep@example.com', '--password', 'field seller 2026', '--role', 'member'],
      env,
    );
    expect(created.status, created.stderr).toBe(0);
    const unknown = run(
      ['create-user', '--email', 'x@example.com', '--password', 'x password 1', '--workspace', 'nope'],
      env,
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      'No workspace "nope": pass the id of an existing workspace, or leave --workspace out',
    );
    const second = await start(env);
    try {
      expect(second.output()).not.toContain('Admin:');
      const login = await fetch(`${second.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'rep@example.com', password: 'field seller 2026' }),
      });
      expect(login.status).toBe(200);
    } finally {
      await stop(second.child);
    }
  }, 180_000);

  it('generates the admin password on a first start without ADMIN_PASSWORD and prints it only once', async () => {
    const env = {
      DATA_DIR: join(dir, 'generated'),
      PORT: '0',
      ADMIN_EMAIL: 'owner@example.com',
      ADMIN_PASSWORD: '',
      DEFAULT_TEMPLATE: 'none',
      DATABASE_URL: '',
    };
    const first = await start(env);
    let password = '';
    try {
      const shown = /password \(shown once[^)]*\): (\S+)/i.exec(first.output());
      expect(shown, first.output()).not.toBeNull();
      password = shown?.[1] ?? '';
      expect(password.length).toBeGreaterThanOrEqual(16);
    } finally {
      await stop(first.child);
    }
    // the data folder is up to date: migrate applies nothing and keeps the admin
    const migrated = run(['migrate'], env);
    expect(migrated.status, migrated.stderr).toBe(0);
    const second = await start(env);
    try {
      expect(second.output()).not.toContain(password);
      expect(second.output()).not.toContain('(shown once');
      const login = (pw: string) =>
        fetch(`${second.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'owner@example.com', password: pw }),
        });
      expect((await login(password)).status).toBe(200);
      expect((await login(`${password}x`)).status).toBe(401);
    } finally {
      await stop(second.child);
    }
  }, 180_000);
});
