/**
 * `stagecraft template install <name>` through the CLI's command function, against a scratch data
 * folder (PGlite): the first run creates the admin on the empty folder and installs the pack, the
 * second finds the same version installed and changes nothing. The pack is discovered, not named.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actorOf } from '../src/auth/request-context.js';
import { openFromEnv } from '../src/bootstrap/open.js';
import { templateCommand } from '../src/templates/commands.js';
import { defaultTemplatesRoot, listTemplates } from '../src/templates/loader.js';

describe('stagecraft template install [pglite]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-template-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = {
    DATA_DIR: join(dir, 'data'),
    ADMIN_EMAIL: 'cli-admin@example.com',
    ADMIN_PASSWORD: 'template cli password',
  };

  async function install(name: string) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await templateCommand(
      ['install', name, '--no-demo'],
      env,
      (line) => out.push(line),
      (line) => err.push(line),
    );
    return { code, out, err };
  }

  it('installs a pack, then reports it unchanged and publishes nothing more', async () => {
    const { templates } = await listTemplates(defaultTemplatesRoot({}));
    const pack = templates[0];
    if (!pack) throw new Error('no template pack found');
    const { id, version } = pack.manifest;

    const first = await install(id);
    expect(first.code, first.err.join('\n')).toBe(0);
    expect(first.out).toContain(`${id} ${version}: installed, app "${pack.app.id}"`);

    const second = await install(id);
    expect(second.code, second.err.join('\n')).toBe(0);
    expect(second.out).toEqual([`${id} ${version}: unchanged, app "${pack.app.id}"`]);

    const store = await openFromEnv(env);
    try {
      const admin = await store.identity.findUserByEmail('cli-admin@example.com');
      if (!admin) throw new Error('the first run created no admin');
      const versions = await store.apps.versions(actorOf(admin), pack.app.id);
      expect(versions.ok && versions.value.map((v) => v.note)).toEqual([`template:${id}@${version}`]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('refuses an unknown pack with exit code 1', async () => {
    const result = await install('no-such-pack');
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toContain('no-such-pack');
  });
});
