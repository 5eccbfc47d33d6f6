import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { openStore } from '../src/store.js';
import { createOrgFixture, describeDialects, type OrgFixture } from '../src/testing/index.js';

describeDialects('identity', (ctx) => {
  let org: OrgFixture;
  let other: OrgFixture;

  beforeAll(async () => {
    org = await createOrgFixture(ctx.store);
    other = await createOrgFixture(ctx.store, { name: 'Other' });
  });

  it('keeps the org tree as materialised paths', async () => {
    const units = await ctx.store.identity.orgUnits(org.workspace.id);
    expect(units.map((u) => [u.id, u.path, u.level])).toEqual([
      ['company', '/company/', 0],
      ['east', '/company/east/', 1],
      ['east1', '/company/east/east1/', 2],
      ['east2', '/company/east/east2/', 2],
      ['west', '/company/west/', 1],
      ['west1', '/company/west/west1/', 2],
    ]);
  });

  it('moves an org unit with its subtree, refusing cycles', async () => {
    const ws = other.workspace.id;
    const moved = await ctx.store.identity.updateOrgUnit(ws, 'east', {
      parentId: 'west',
      name: 'East (now under West)',
    });
    expect(moved.ok && [moved.value.path, moved.value.level, moved.value.name]).toEqual([
      '/company/west/east/',
      2,
      'East (now under West)',
    ]);
    const units = await ctx.store.identity.orgUnits(ws);
    expect(units.find((u) => u.id === 'east1')).toMatchObject({
      path: '/company/west/east/east1/',
      level: 3,
      parentId: 'east',
    });
    const cycle = await ctx.store.identity.updateOrgUnit(ws, 'west', { parentId: 'east1' });
    expect(cycle.ok || cycle.issues[0]).toMatchObject({ code: 'VALIDATION_FAILED', path: '/parentId' });
    const foreign = await ctx.store.identity.updateOrgUnit(ws, 'east', { parentId: 'nowhere' });
    expect(foreign.ok || foreign.issues[0]?.code).toBe('REFERENCE_UNKNOWN');
    const back = await ctx.store.identity.updateOrgUnit(ws, 'east', { parentId: 'company' });
    expect(back.ok && back.value.path).toBe('/company/east/');
    expect((await ctx.store.identity.orgUnits(ws)).find((u) => u.id === 'east2')?.path).toBe(
      '/company/east/east2/',
    );
  });

  it('never returns another workspace’s users', async () => {
    expect(await ctx.store.identity.getUser(org.workspace.id, other.users.admin.id)).toBeNull();
    const users = await ctx.store.identity.users(org.workspace.id);
    expect(users).toHaveLength(6);
    expect(users.every((u) => u.workspaceId === org.workspace.id)).toBe(true);
    expect(users[0]).not.toHaveProperty('passwordHash');
  });

  it('refuses a duplicate email (any case) and an org unit of another workspace', async () => {
    const base = {
      workspaceId: org.workspace.id,
      name: 'x',
      roles: ['member'],
      managerId: null,
      locale: 'en' as const,
      passwordHash: 'h',
    };
    const dup = await ctx.store.identity.createUser({
      ...base,
      email: org.users.admin.email.toUpperCase(),
      orgUnitId: null,
    });
    expect(dup.ok || dup.issues[0]).toMatchObject({ code: 'DUPLICATE_RECORD', path: '/email' });
    const foreignUnit = await ctx.store.identity.createUser({
      ...base,
      email: 'new@x.test',
      orgUnitId: 'no-such-unit',
    });
    expect(foreignUnit.ok || foreignUnit.issues[0]).toMatchObject({
      code: 'REFERENCE_UNKNOWN',
      path: '/orgUnitId',
    });
    const found = await ctx.store.identity.findUserByEmail(` ${org.users.admin.email.toUpperCase()} `);
    expect(found?.id).toBe(org.users.admin.id);
    expect(found?.passwordHash).toBe('not-a-real-hash');
  });

  it('finds sessions by token hash until they expire, go idle or are ended', async () => {
    const { sessions } = ctx.store;
    const user = org.users.east1Rep;
    const now = new Date('2029-12-31T00:00:00Z');
    const idle = 3600_000;
    const { id } = await sessions.create({
      userId: user.id,
      tokenHash: 'hash-1',
      now,
      expiresAt: new Date('2030-01-01T00:00:00Z'),
      ip: '10.0.0.1',
      userAgent: 'test',
    });
    const at = (iso: string) => new Date(iso);
    expect((await sessions.find('hash-1', at('2029-12-31T00:59:00Z'), idle))?.session.id).toBe(id);
    expect(await sessions.find('hash-1', at('2029-12-31T01:00:00Z'), idle)).toBeNull();
    expect(await sessions.touch(id, at('2029-12-31T00:59:00Z'), 60_000)).toBe(true);
    expect(await sessions.touch(id, at('2029-12-31T00:59:30Z'), 60_000)).toBe(false);
    expect((await sessions.find('hash-1', at('2029-12-31T01:30:00Z'), idle))?.user.id).toBe(user.id);
    expect(await sessions.find('hash-1', at('2030-01-01T00:00:01Z'), 48 * idle)).toBeNull();
    expect(await sessions.end(org.users.westRep.id, id)).toBe(false);
    expect(await sessions.end(user.id, id)).toBe(true);
    expect(await sessions.find('hash-1', at('2029-12-31T00:59:00Z'), idle)).toBeNull();
    const { rows } = await sql`select token_hash from sessions`.execute(ctx.store.db);
    expect(rows).toEqual([]);
  });

  it('finds a session by its raw token, hashing only when the lookup reaches the database', async () => {
    const { sessions } = ctx.store;
    const now = new Date('2029-12-31T00:00:00Z');
    const { id } = await sessions.create({
      userId: org.users.east1Rep.id,
      tokenHash: 'hash-of-raw-1',
      now,
      expiresAt: new Date('2030-01-01T00:00:00Z'),
      ip: null,
      userAgent: null,
    });
    let hashed = 0;
    const lookup = {
      token: 'raw-1',
      hash: () => {
        hashed++;
        return 'hash-of-raw-1';
      },
    };
    const at = new Date('2029-12-31T00:00:01Z');
    expect((await sessions.find(lookup, at, 3600_000))?.session.id).toBe(id);
    expect((await sessions.find(lookup, at, 3600_000))?.session.id).toBe(id);
    expect(hashed).toBe(1);
    // A raw token equal to a hash never finds the hash's cached entry, nor the other way round.
    expect(await sessions.find({ token: 'hash-of-raw-1', hash: () => 'x' }, at, 3600_000)).toBeNull();
    expect(await sessions.find('raw-1', at, 3600_000)).toBeNull();
    // Ending the session empties the cache: the next lookup goes to the database and finds nothing.
    await sessions.end(org.users.east1Rep.id, id);
    expect(await sessions.find(lookup, at, 3600_000)).toBeNull();
    expect(hashed).toBe(2);
  });

  it('finds API tokens by hash until revoked, and not for disabled users; revoked stays revoked', async () => {
    const { identity } = ctx.store;
    const user = org.users.westRep;
    const now = new Date('2030-01-01T00:00:00Z');
    const token = await identity.createApiToken(user.id, 'integration', 'token-hash', { now });
    const scoped = await identity.createApiToken(user.id, 'reader', 'token-hash-2', {
      scope: 'app',
      appId: 'sales',
      expiresAt: new Date('2030-02-01T00:00:00Z'),
      now: new Date('2030-01-01T00:00:01Z'),
    });
    expect((await identity.findApiToken('token-hash', now))?.user.id).toBe(user.id);
    expect((await identity.findApiToken('token-hash-2', now))?.token).toEqual({
      id: scoped.id,
      scope: 'app',
      appId: 'sales',
      expiresAt: '2030-02-01T00:00:00.000Z',
    });
    expect((await identity.apiTokens(user.id)).map((t) => [t.name, t.scope, t.lastUsedAt])).toEqual([
      ['reader', 'app', '2030-01-01T00:00:00.000Z'],
      ['integration', 'read-write', '2030-01-01T00:00:00.000Z'],
    ]);
    await identity.updateUser(org.workspace.id, user.id, { disabled: true });
    expect(await identity.findApiToken('token-hash', now)).toBeNull();
    await identity.updateUser(org.workspace.id, user.id, { disabled: false });
    expect(await identity.revokeApiToken(user.id, token.id, now)).toBe(true);
    expect(await identity.revokeApiToken(user.id, token.id, now)).toBe(false);
    expect(await identity.findApiToken('token-hash', now)).toBeNull();
    // Disabling and enabling the user again does not bring the revoked token back.
    await identity.updateUser(org.workspace.id, user.id, { disabled: true });
    await identity.updateUser(org.workspace.id, user.id, { disabled: false });
    expect(await identity.findApiToken('token-hash', now)).toBeNull();
    const listed = await identity.apiTokens(user.id);
    expect(listed.find((t) => t.id === token.id)?.revokedAt).toBe('2030-01-01T00:00:00.000Z');
  });
});

it('an existing PGlite data folder keeps its data and migrations run only once [pglite]', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-store-'));
  try {
    const first = await openStore({ dataDir: dir, databaseUrl: '' });
    expect(first.describe()).toContain(join(dir, 'pglite'));
    const ws = await first.identity.createWorkspace('Persisted');
    await first.close();
    // Another live process holding the folder keeps us out; a dead one's lock is taken over.
    writeFileSync(join(dir, 'pglite.lock'), String(process.ppid));
    await expect(openStore({ dataDir: dir, databaseUrl: '' })).rejects.toThrow(/in use by process/);
    writeFileSync(join(dir, 'pglite.lock'), '99999999');
    const second = await openStore({ dataDir: dir, databaseUrl: '' });
    expect(await second.migrate()).toEqual([]);
    expect((await second.identity.getWorkspace(ws.id))?.name).toBe('Persisted');
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
