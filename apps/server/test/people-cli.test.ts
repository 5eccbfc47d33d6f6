/**
 * The people commands of the CLI on PGlite (a scratch data folder) and PostgreSQL (the suite's
 * scratch database): `create-workspace` makes a second company whose admin gets a one-time password;
 * `create-user` and `set-password` apply the API's password policy and role check and print each
 * refusal with its code, path and both languages; a one-time password signs in only to be changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@stagecraft/store';
import { describeDialects } from '@stagecraft/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createUserCommand,
  createWorkspaceCommand,
  setPasswordCommand,
} from '../src/bootstrap/people-commands.js';
import { caller, envelope, login, serverOn } from './support.js';

type Command = typeof createUserCommand;

describeDialects('stagecraft create-workspace, create-user, set-password', (ctx) => {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-people-cli-'));
  let env: NodeJS.ProcessEnv;
  const tag = Math.random().toString(36).slice(2, 8);
  const adminEmail = `owner-${tag}@acme.test`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    env =
      ctx.dialect === 'postgres'
        ? { DATABASE_URL: ctx.databaseUrl, ADMIN_EMAIL: adminEmail }
        : { DATA_DIR: join(dir, 'data'), ADMIN_EMAIL: adminEmail };
  });

  const run = async (command: Command, args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await command(
      args,
      env,
      (l) => out.push(l),
      (l) => err.push(l),
    );
    return { code, out, err };
  };
  const oneTimeOf = (out: string[]) => {
    const line = out.find((l) => l.startsWith('One-time password'));
    const password = line?.split(': ').at(-1);
    if (!password) throw new Error(`no one-time password in ${out.join('\n')}`);
    return password;
  };
  /** The store the commands wrote to (PGlite's folder is opened only between commands). */
  const withStore = async <T>(use: (store: Store) => Promise<T>): Promise<T> => {
    if (ctx.dialect === 'postgres') return use(ctx.store);
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  };

  let ownerPassword = '';

  it('creates a workspace with its org root and an admin holding a one-time password', async () => {
    const made = await run(createWorkspaceCommand, [
      '--name',
      'Acme 华东',
      '--admin-email',
      adminEmail,
      '--time-zone',
      'Asia/Shanghai',
    ]);
    expect(made.code, made.err.join('\n')).toBe(0);
    expect(made.out[0]).toMatch(/^Workspace "Acme 华东" id \S+ \(time zone Asia\/Shanghai\)$/);
    ownerPassword = oneTimeOf(made.out);
    const again = await run(createWorkspaceCommand, ['--name', 'Acme 2', '--admin-email', adminEmail]);
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toContain('DUPLICATE_RECORD /email');
    expect((await run(createWorkspaceCommand, ['--name', 'X'])).code).toBe(2);
    expect(
      (
        await run(createWorkspaceCommand, [
          '--name',
          'X',
          '--admin-email',
          `x-${tag}@x.test`,
          '--time-zone',
          'Mars/Base',
        ])
      ).code,
    ).toBe(2);
    await withStore(async (store) => {
      const owner = await store.identity.findUserByEmail(adminEmail);
      expect(owner).toMatchObject({ roles: ['admin'], mustChangePassword: true });
      const units = await store.identity.orgUnits(owner?.workspaceId ?? '');
      expect(units.map((u) => [u.name, u.parentId])).toEqual([['Acme 华东', null]]);
    });
  });

  it('create-user applies the password policy and the role check, with both languages', async () => {
    const weak = await run(createUserCommand, [
      '--email',
      `rep-${tag}@acme.test`,
      '--password',
      'rep-pass',
      '--role',
      'ghost',
    ]);
    expect(weak.code).toBe(1);
    expect(weak.err).toHaveLength(2);
    expect(weak.err[0]).toMatch(/^ROLE_UNKNOWN \/roles\/0: No such role "ghost".* \/ 角色“ghost”不存在/);
    expect(weak.err[1]).toBe(
      'PASSWORD_TOO_SHORT /password: The password must have at least 10 characters. / 密码至少需要 10 个字符。',
    );
    const common = await run(createUserCommand, [
      '--email',
      `rep-${tag}@acme.test`,
      '--password',
      'iloveyou123',
    ]);
    expect(common.err.map((l) => l.split(' ')[0])).toEqual(['PASSWORD_TOO_COMMON']);
    const named = await run(createUserCommand, [
      '--email',
      `rep-${tag}@acme.test`,
      '--password',
      `rep-${tag}-secret`,
    ]);
    expect(named.err.map((l) => l.split(' ')[0])).toEqual(['PASSWORD_CONTAINS_EMAIL']);

    const ok = await run(createUserCommand, [
      '--email',
      `rep-${tag}@acme.test`,
      '--role',
      'member',
      '--name',
      '王芳',
    ]);
    expect(ok.code, ok.err.join('\n')).toBe(0);
    const repPassword = oneTimeOf(ok.out);
    const chosen = await run(setPasswordCommand, [
      '--email',
      `rep-${tag}@acme.test`,
      '--password',
      'Lantern-Orbit-47',
    ]);
    expect(chosen.code, chosen.err.join('\n')).toBe(0);
    expect(chosen.out.some((l) => l.startsWith('One-time'))).toBe(false);
    const refused = await run(setPasswordCommand, [
      '--email',
      `rep-${tag}@acme.test`,
      '--password',
      'password1',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err.map((l) => l.split(' ')[0])).toEqual(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_COMMON']);
    expect(repPassword).not.toBe('Lantern-Orbit-47');
  });

  it('the one-time password signs in to the new workspace and must be changed first', async () => {
    await withStore(async (store) => {
      const app = await serverOn(store);
      try {
        const owner = caller(app, await login(app, adminEmail, ownerPassword));
        expect(envelope(await owner.get('/api/users')).code).toBe('PASSWORD_CHANGE_REQUIRED');
        const me = (await owner.get('/api/auth/me')).json() as { workspace: { name: string } };
        expect(me.workspace.name).toBe('Acme 华东');
        const changed = await owner.post('/api/auth/password', {
          currentPassword: ownerPassword,
          newPassword: 'Harbour-Kite-2026',
        });
        expect(changed.statusCode, changed.body).toBe(200);
        const users = (await owner.get('/api/users')).json() as { users: { email: string }[] };
        // The new company sees only its own people.
        expect(users.users.map((u) => u.email).sort()).toEqual([adminEmail, `rep-${tag}@acme.test`]);
      } finally {
        await app.close();
      }
    });
  });
});
