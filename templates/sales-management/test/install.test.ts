import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOrgFixture, describeDialects } from '@stagecraft/store/testing';
import { beforeAll, expect, it } from 'vitest';
import { installTemplate } from '../../../apps/server/src/templates/install.js';
import { type LoadedTemplate, loadTemplate } from '../../../apps/server/src/templates/loader.js';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const NOW = new Date('2026-11-20T02:00:00.000Z');

describeDialects('sales-management install', (ctx) => {
  let template: LoadedTemplate;
  beforeAll(async () => {
    const loaded = await loadTemplate(dir);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    template = loaded.value;
  });

  it('installs with demo data, then a second install changes nothing', async () => {
    const org = await createOrgFixture(ctx.store);
    const admin = org.actors.admin;
    const lines: string[] = [];
    const first = await installTemplate(ctx.store, admin, template, {
      demo: true,
      now: NOW,
      log: (l) => lines.push(l),
    });
    if (!first.ok) throw new Error(JSON.stringify(first.issues, null, 1));
    expect(first.value.status).toBe('installed');
    expect(first.value.demo?.records.opportunity).toBe(600);
    expect(first.value.demo?.stageMoves).toBeGreaterThan(1000);
    const opps = await ctx.store.records.list(admin, template.app.id, 'opportunity', { limit: 1 });
    expect(opps.ok && opps.value.total).toBe(600);
    const second = await installTemplate(ctx.store, admin, template, { demo: true, now: NOW });
    expect(second.ok && second.value.status).toBe('unchanged');
    const versions = await ctx.store.apps.versions(admin, template.app.id);
    expect(versions.ok && versions.value.length).toBe(1);
    expect(lines[0]).toMatch(/^Installed /);
    expect(first.value.demo?.files).toBeGreaterThan(0);

    // every large deal in 报价谈判 has a pending sign-off whose three branches each have an approver
    const deals = await ctx.store.records.list(admin, template.app.id, 'opportunity', {
      limit: 600,
      filter: {
        and: [{ '==': [{ var: 'stage' }, 'quoteNegotiation'] }, { '>': [{ var: 'amount' }, 500000] }],
      },
    });
    if (!deals.ok) throw new Error(JSON.stringify(deals.issues));
    expect(deals.value.records.length).toBeGreaterThan(5);
    expect(first.value.demo?.approvals).toBe(deals.value.records.length);
    const pending = await ctx.store.automation.approvals.pending(admin.workspaceId);
    expect(new Set(pending.map((p) => p.recordId))).toEqual(new Set(deals.value.records.map((r) => r.id)));
    const reviewers = (await ctx.store.identity.users(admin.workspaceId)).filter((u) =>
      u.roles.some((r) => r.endsWith('Reviewer')),
    );
    expect(reviewers).toHaveLength(3);
    for (const instance of pending) {
      const approvers = (instance.state as unknown as { approvers: Record<string, string[]> }).approvers;
      expect(Object.values(approvers).map((ids) => ids.length)).toEqual([1, 1, 1]);
      expect(new Set(Object.values(approvers).flat())).toEqual(new Set(reviewers.map((u) => u.id)));
    }
  });
});
