/**
 * A pack's upgrade from the oldest version in its history to the version it ships, through the HTTP
 * API: install the old version with demo data, make an admin's edits (a field added to the first
 * entity, the first form relabelled) and publish them, upgrade, then check the edits, the pack's new
 * elements and every record survived. Generic: the pack tests pass their own expectations.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { App } from '@stagecraft/schema';
import { compareSemVer, diffAppDocuments } from '@stagecraft/schema';
import type { Store } from '@stagecraft/store';
import { expect } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadTemplate } from '../src/templates/loader.js';
import { caller, checkedResponses, FakeClock, fixtureOn, login } from './support.js';

/** What an upgrade test found, for the pack's own assertions. */
export interface UpgradeOutcome {
  from: string;
  to: string;
  /** The published app after the upgrade. */
  after: App;
  conflicts: unknown[];
}

type Doc = App & Record<string, unknown>;

/** Runs the upgrade of the pack in `packDir` on `store` and checks what every upgrade must keep. */
export async function packUpgrade(store: Store, packDir: string): Promise<UpgradeOutcome> {
  const loaded = await loadTemplate(packDir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const pack = loaded.value;
  const history = (await readdir(join(packDir, pack.manifest.historyDir)))
    .map((f) => f.replace(/\.json$/, ''))
    .sort(compareSemVer);
  const from = history[0];
  if (!from) throw new Error('the pack keeps no history');
  const server = await buildApp({
    store,
    clock: new FakeClock(new Date('2026-11-20T02:00:00.000Z')),
    templatesRoot: dirname(packDir),
    ...checkedResponses(),
  });
  await server.ready();
  try {
    const fx = await fixtureOn(store);
    const admin = caller(server, await login(server, fx.users.admin.email));
    const name = pack.manifest.id;
    const appId = pack.app.id;
    const unknown = await admin.post(`/api/templates/${name}/install`, { version: '0.0.1' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND', details: [{ path: '/version' }] } });
    const installed = await admin.post(`/api/templates/${name}/install`, {
      version: from,
      demo: true,
      scale: 20,
    });
    expect(installed.statusCode, installed.body).toBe(201);
    expect(installed.json()).toMatchObject({ status: 'installed', version: from });
    const listed = (await admin.get('/api/templates')).json() as {
      templates: { id: string; installedVersion: string }[];
    };
    expect(listed.templates.find((t) => t.id === name)?.installedVersion).toBe(from);

    // The admin's edits: a field of their own and a relabelled form, published.
    const draft = (await admin.get(`/api/apps/${appId}/draft`)).json() as {
      revision: number;
      definition: Doc;
    };
    const doc = draft.definition;
    const entity = doc.entities[0];
    const form = doc.forms[0];
    if (!entity || !form) throw new Error('the pack has no entity or form');
    entity.fields.push({
      id: 'adminNote',
      type: 'text',
      label: { 'zh-CN': '管理员备注', en: 'Admin note' },
    } as never);
    form.label = { 'zh-CN': '我们的表单', en: 'Our form' };
    const saved = await admin.put(`/api/apps/${appId}/draft`, {
      definition: doc,
      baseRevision: draft.revision,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await admin.post(`/api/apps/${appId}/publish`)).statusCode).toBe(201);

    const counts = async () => {
      const out: Record<string, number> = {};
      for (const e of pack.app.entities) {
        const page = await admin.get(`/api/apps/${appId}/entities/${e.id}/records?limit=1`);
        expect(page.statusCode, page.body).toBe(200);
        out[e.id] = (page.json() as { total: number }).total;
      }
      return out;
    };
    const before = await counts();
    expect(Object.values(before).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    const upgraded = await admin.post(`/api/templates/${name}/install`, {});
    expect(upgraded.statusCode, upgraded.body).toBe(200);
    const report = upgraded.json() as {
      status: string;
      fromVersion: string;
      version: string;
      conflicts: unknown[];
    };
    expect(report).toMatchObject({ status: 'upgraded', fromVersion: from, version: pack.manifest.version });

    const after = ((await admin.get(`/api/apps/${appId}/published`)).json() as { definition: Doc })
      .definition;
    // The admin's edits stayed.
    expect(after.entities.find((e) => e.id === entity.id)?.fields.map((f) => f.id)).toContain('adminNote');
    expect(after.forms.find((f) => f.id === form.id)?.label).toEqual({
      'zh-CN': '我们的表单',
      en: 'Our form',
    });
    // Every element the pack added or changed since `from` arrived (the admin touched none of them).
    const base = await import('node:fs/promises').then((fs) =>
      fs.readFile(join(packDir, pack.manifest.historyDir, `${from}.json`), 'utf8'),
    );
    const packChanges = diffAppDocuments(JSON.parse(base), pack.app);
    expect(packChanges.length).toBeGreaterThan(0);
    expect(
      diffAppDocuments(pack.app, after).filter((c) => packChanges.some((p) => p.path === c.path)),
    ).toEqual([]);
    // Every record stayed.
    expect(await counts()).toEqual(before);
    // Installing again changes nothing.
    expect((await admin.post(`/api/templates/${name}/install`, {})).json()).toMatchObject({
      status: 'unchanged',
    });
    return { from, to: pack.manifest.version, after, conflicts: report.conflicts };
  } finally {
    await server.close();
  }
}
