/**
 * `pnpm bench scope [rows]`: how much record scope costs. Fills one entity table with `rows`
 * records (default 100,000) spread over the fixture's six users, then times the same reads as an
 * admin (scope all), a manager (subtree) and a member (own): the first list page with its total,
 * sorted by last update, and a grouped count. Runs on in-memory PGlite, and on PostgreSQL too when
 * TEST_DATABASE_URL is set.
 */
import { performance } from 'node:perf_hooks';
import type { App } from '@stagecraft/schema';
import { sql } from 'kysely';
import type { Actor } from '../src/contract.js';
import { createOrgFixture, openTestStore, testDialects } from '../src/testing/index.js';

const rows = Number(process.argv[2] ?? 100_000);
const label = { en: 'x' };
const app = {
  schemaVersion: 1,
  id: 'bench',
  label,
  entities: [
    {
      id: 'deal',
      label,
      fields: [
        { id: 'name', label, type: 'text' },
        { id: 'amount', label, type: 'currency' },
        {
          id: 'status',
          label,
          type: 'single_select',
          options: [
            { id: 'open', label },
            { id: 'won', label },
          ],
        },
      ],
    },
  ],
  forms: [],
  views: [],
  stageMachines: [],
  validationRules: [],
  dashboards: [],
  automations: [],
  approvals: [],
  roles: [],
} as unknown as App;

async function time(fn: () => Promise<unknown>, rounds: number): Promise<number> {
  await fn();
  const start = performance.now();
  for (let i = 0; i < rounds; i++) await fn();
  return (performance.now() - start) / rounds;
}

for (const dialect of testDialects()) {
  const { store, close } = await openTestStore(dialect);
  try {
    const org = await createOrgFixture(store);
    await store.apps.create(org.actors.admin, app);
    const published = await store.apps.publish(org.actors.admin, 'bench', app);
    if (!published.ok) throw new Error(JSON.stringify(published.issues));
    const users = Object.values(org.users);
    const owners = users.map((u) => u.id);
    const units = users.map((u) => u.orgUnitId);
    const fill = performance.now();
    await sql`
      insert into t1_deal (id, owner_id, org_unit_id, name, amount, status, created_at, updated_at)
      select 'd' || g, (${owners}::text[])[1 + g % ${owners.length}], (${units}::text[])[1 + g % ${units.length}],
             'Deal ' || g, (g % 1000) * 10.5, case when g % 3 = 0 then 'won' else 'open' end,
             now() - (g || ' minutes')::interval, now() - (g || ' seconds')::interval
      from generate_series(1, ${rows}) g`.execute(store.db);
    await sql`analyze t1_deal`.execute(store.db);
    const fillMs = performance.now() - fill;
    const actors: [string, Actor][] = [
      ['admin (all)', org.actors.admin],
      ['manager (subtree)', org.actors.eastManager],
      ['member (own)', org.actors.east1Rep],
    ];
    console.log(
      `\n[${dialect}] ${rows.toLocaleString('en')} records (filled in ${(fillMs / 1000).toFixed(1)} s)`,
    );
    console.log('| actor | visible | list page + total | grouped count |');
    console.log('|---|---|---|---|');
    for (const [name, actor] of actors) {
      const list = () =>
        store.records.list(actor, 'bench', 'deal', {
          sort: [{ field: 'updatedAt', direction: 'desc' }],
          limit: 50,
        });
      const first = await list();
      const visible = first.ok ? first.value.total : 0;
      const listMs = await time(list, 10);
      const aggMs = await time(
        () =>
          store.records.aggregate(actor, 'bench', 'deal', {
            groupBy: 'status',
            measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
          }),
        10,
      );
      console.log(
        `| ${name} | ${visible.toLocaleString('en')} | ${listMs.toFixed(1)} ms | ${aggMs.toFixed(1)} ms |`,
      );
    }
  } finally {
    await close();
  }
}
