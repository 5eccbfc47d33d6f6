import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createOrgFixture, describeDialects, type OrgFixture } from '../src/testing/index.js';
import { testApp, widgetV1 } from './fixtures/test-app.js';

describeDialects('apps, drafts and versions', (ctx) => {
  let org: OrgFixture;
  let other: OrgFixture;

  beforeAll(async () => {
    org = await createOrgFixture(ctx.store);
    other = await createOrgFixture(ctx.store, { name: 'Other' });
  });

  it('creates an app once per workspace, each workspace seeing only its own', async () => {
    const app = testApp(widgetV1);
    expect((await ctx.store.apps.create(org.actors.admin, app)).ok).toBe(true);
    const again = await ctx.store.apps.create(org.actors.admin, app);
    expect(again.ok || again.issues[0]).toMatchObject({ code: 'APP_EXISTS', path: '/id' });
    expect((await ctx.store.apps.create(other.actors.admin, app)).ok).toBe(true);
    expect(
      (await ctx.store.apps.list(org.actors.admin)).map((a) => [a.id, a.draftRevision, a.publishedVersion]),
    ).toEqual([['crm', 1, null]]);
    await ctx.store.apps.publish(other.actors.admin, 'crm', app);
    expect((await ctx.store.apps.list(org.actors.admin))[0]?.publishedVersion).toBeNull();
  });

  it('saves drafts with a revision check', async () => {
    const admin = org.actors.admin;
    const saved = await ctx.store.apps.saveDraft(admin, 'crm', { draft: 1 }, 1);
    expect(saved).toEqual({ ok: true, value: { revision: 2 } });
    const stale = await ctx.store.apps.saveDraft(admin, 'crm', { draft: 'lost' }, 1);
    expect(stale.ok || stale.issues[0]?.code).toBe('DRAFT_CONFLICT');
    expect(await ctx.store.apps.getDraft(admin, 'crm')).toEqual({
      ok: true,
      value: { revision: 2, definition: { draft: 1 } },
    });
    const foreign = await ctx.store.apps.getDraft(other.actors.eastManager, 'nope');
    expect(foreign.ok || foreign.issues[0]?.code).toBe('APP_NOT_FOUND');
    const nul = await ctx.store.apps.saveDraft(admin, 'crm', { label: 'a\u0000' });
    expect(nul.ok || nul.issues[0]?.code).toBe('VALIDATION_FAILED');
  });

  it('numbers published versions and keeps them immutable', async () => {
    const admin = org.actors.admin;
    await ctx.store.apps.publish(admin, 'crm', testApp(widgetV1), 'first');
    await ctx.store.apps.publish(admin, 'crm', testApp(widgetV1, { label: { en: 'CRM 2' } }), 'second');
    const versions = await ctx.store.apps.versions(admin, 'crm');
    expect(versions.ok && versions.value.map((v) => [v.version, v.note, v.publishedBy])).toEqual([
      [2, 'second', admin.userId],
      [1, 'first', admin.userId],
    ]);
    const latest = await ctx.store.apps.getVersion(admin, 'crm');
    expect(latest.ok && [latest.value.version, latest.value.definition.label]).toEqual([2, { en: 'CRM 2' }]);
    const first = await ctx.store.apps.getVersion(admin, 'crm', 1);
    expect(first.ok && first.value.definition.label).toEqual({ en: 'CRM', 'zh-CN': 'CRM' });
    await expect(sql`update app_versions set note = 'rewritten'`.execute(ctx.store.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from app_versions`.execute(ctx.store.db)).rejects.toThrow(/append-only/);
  });
});
