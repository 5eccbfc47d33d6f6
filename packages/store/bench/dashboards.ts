/**
 * `pnpm bench dashboards [rows]`: dashboard queries on `rows` opportunities (default 1,000,000) in
 * PostgreSQL (TEST_DATABASE_URL; its own scratch database, dropped at the end; in-memory PGlite
 * with 100,000 rows when it is not set). Rows and their stage history are generated set-based with
 * generate_series. For a funnel by stage × region (reached steps from the stage history) and a
 * weekly trend (count and amount per week in Asia/Shanghai), it times the platform path (engine
 * plan → store executor, admin scope) next to a hand-written SQL query for the same numbers,
 * alternating the two, checks both return the same numbers, and prints medians and the ratio.
 */
import { performance } from 'node:perf_hooks';
import { type MetricsPlan, planWidget } from '@stagecraft/engine';
import type { App, Widget } from '@stagecraft/schema';
import { type RawBuilder, sql } from 'kysely';
import { createMetricsRepository } from '../src/metrics/metrics-repository.js';
import { createOrgFixture, openTestStore } from '../src/testing/index.js';

const dialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const rows = Number(process.argv[2] ?? (dialect === 'postgres' ? 1_000_000 : 100_000));
const ROUNDS = Number(process.argv[3] ?? 5);
const TZ = 'Asia/Shanghai';
const L = { en: 'x', 'zh-CN': 'x' };
const STEPS = ['contact', 'needs', 'proposal', 'negotiation', 'won'];
const stage = (id: string, category: string, probability: number) => ({
  id,
  label: L,
  category,
  probability,
  forecastCategory: category === 'open' ? 'pipeline' : category === 'won' ? 'closed' : 'omitted',
});
const funnelWidget = {
  id: 'funnel',
  label: L,
  entity: 'deal',
  chart: 'funnel',
  stageMachine: 'pipe',
  measures: [
    { id: 'deals', op: 'count' },
    { id: 'amount', op: 'sum', field: 'amount' },
  ],
  dimensions: [{ id: 'region', field: 'orgUnit', orgLevel: 1 }],
} as Widget;
const weeklyWidget = {
  id: 'weekly',
  label: L,
  entity: 'deal',
  chart: 'line',
  measures: [
    { id: 'deals', op: 'count' },
    { id: 'amount', op: 'sum', field: 'amount' },
  ],
  dimensions: [{ id: 'week', field: 'createdAt', bucket: 'week' }],
} as Widget;

const app = {
  schemaVersion: 2,
  id: 'bench',
  label: L,
  entities: [
    {
      id: 'deal',
      label: L,
      fields: [
        { id: 'title', label: L, type: 'text' },
        { id: 'amount', label: L, type: 'currency' },
      ],
    },
  ],
  stageMachines: [
    {
      id: 'pipe',
      entity: 'deal',
      label: L,
      initialStage: 'contact',
      stages: [
        stage('contact', 'open', 10),
        stage('needs', 'open', 30),
        stage('proposal', 'open', 50),
        stage('negotiation', 'open', 70),
        stage('won', 'won', 100),
        stage('lost', 'lost', 0),
      ],
      transitions: [{ id: 'move', label: L, from: ['*'], to: 'won' }],
    },
  ],
  forms: [],
  views: [],
  validationRules: [],
  // Published with the app, so the store prepares what these widgets need (time-bucket statistics).
  dashboards: [{ id: 'bench', label: L, widgets: [funnelWidget, weeklyWidget] }],
  automations: [],
  approvals: [],
  roles: [],
} as unknown as App;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const key = (r: Record<string, unknown>, ks: string[]) => ks.map((k) => String(r[k])).join('|');
const norm = (list: Record<string, unknown>[], ks: string[], vs: string[]) =>
  list
    .filter((r) => vs.some((v) => Number(r[v]) !== 0))
    .map((r) => `${key(r, ks)}=${vs.map((v) => Math.round(Number(r[v]) * 100)).join(',')}`)
    .sort();

const { store, close } = await openTestStore(dialect);
try {
  const org = await createOrgFixture(store);
  const ws = org.workspace.id;
  // Two more regions with two teams and a rep each, so the funnel has four regions.
  const extra = [];
  for (const region of ['north', 'south']) {
    await store.identity.createOrgUnit(ws, region, org.units.company.id, region);
    for (const n of [1, 2]) {
      const team = await store.identity.createOrgUnit(ws, `${region}${n}`, region, `${region}${n}`);
      const user = await store.identity.createUser({
        workspaceId: ws,
        email: `${region}${n}@${ws}.test`,
        name: `${region}${n}`,
        roles: ['member'],
        orgUnitId: team.id,
        managerId: null,
        locale: 'en',
        passwordHash: 'x',
      });
      if (user.ok) extra.push(user.value);
    }
  }
  await store.apps.create(org.actors.admin, app);
  const published = await store.apps.publish(org.actors.admin, 'bench', app);
  if (!published.ok) throw new Error(JSON.stringify(published.issues));
  const appNo = Number(
    (
      await sql<{ no: number }>`select no from apps where id = 'bench' and workspace_id = ${ws}`.execute(
        store.db,
      )
    ).rows[0]?.no,
  );
  const table = `t${appNo}_deal`;
  const reps = [org.users.east1Rep, org.users.east1Rep2, org.users.east2Rep, org.users.westRep, ...extra];
  const owners = reps.map((u) => u.id);
  const units = reps.map((u) => u.orgUnitId);

  const fill = performance.now();
  // Stage index of row g: 40 % contact, 20 % needs, 10 % proposal, 10 % negotiation, 10 % won, 10 % lost.
  await sql`
    insert into ${sql.id(table)} (id, version, owner_id, org_unit_id, stage, stage_entered_at, created_at, updated_at, title, amount)
    select 'd' || g, 1, (${owners}::text[])[1 + g % ${owners.length}], (${units}::text[])[1 + g % ${units.length}],
      (array['contact','contact','contact','contact','needs','needs','proposal','negotiation','won','lost'])[1 + (g * 7) % 10],
      timestamptz '2024-01-01' + ((g % 700) || ' days')::interval + ((g % 86400) || ' seconds')::interval + interval '3 days',
      timestamptz '2024-01-01' + ((g % 700) || ' days')::interval + ((g % 86400) || ' seconds')::interval,
      timestamptz '2024-01-01' + ((g % 700) || ' days')::interval, 'Deal ' || g, (g % 1000) * 100.5
    from generate_series(1, ${rows}) g`.execute(store.db);
  // History: every move up to the current stage (lost deals left from stage g % 4).
  await sql`
    insert into stage_history (workspace_id, app_no, entity_id, record_id, transition_id, from_stage, to_stage, actor_id, at, dwell_ms, definition_version)
    select ${ws}, ${appNo}, 'deal', t.id, 'move', s.steps[i], case when t.stage = 'lost' and i = s.reach then 'lost' else s.steps[i + 1] end,
      t.owner_id, t.created_at + (i || ' days')::interval, 86400000 * (1 + i), 1
    from ${sql.id(table)} t
    cross join lateral (select ${STEPS}::text[] as steps,
      case when t.stage = 'lost' then substring(t.id from 2)::int % 4 + 1 else array_position(${STEPS}::text[], t.stage) - 1 end as reach) s
    cross join lateral generate_series(1, s.reach) i`.execute(store.db);
  // The history trigger rewrote the deals it reached; autovacuum would clean up after it.
  await sql`vacuum analyze`.execute(store.db);
  const history = Number(
    (
      await sql<{ n: string }>`select count(*) as n from stage_history where app_no = ${appNo}`.execute(
        store.db,
      )
    ).rows[0]?.n,
  );
  console.log(
    `${dialect}: ${rows.toLocaleString('en')} opportunities, ${history.toLocaleString('en')} stage moves, filled in ${((performance.now() - fill) / 1000).toFixed(1)} s`,
  );

  const now = new Date().toISOString();
  const planOf = (w: Widget): MetricsPlan => {
    const p = planWidget(app, w, { timeZone: TZ, now });
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    return p.value;
  };
  const WORK_MEM = process.env.BENCH_WORK_MEM;
  const metrics = WORK_MEM ? createMetricsRepository(store.db, { workMem: WORK_MEM }) : store.metrics;
  /** The hand-written query under the same work_mem as the platform's. */
  const hand = async (query: RawBuilder<Record<string, unknown>>) =>
    WORK_MEM
      ? await store.db.transaction().execute(async (trx) => {
          await sql`set local work_mem = ${sql.lit(WORK_MEM)}`.execute(trx);
          return query.execute(trx);
        })
      : await query.execute(store.db);
  const platform = (w: Widget) => async () => {
    const r = await metrics.run(org.actors.admin, 'bench', planOf(w), now);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value.rows as Record<string, unknown>[];
  };
  // By hand: the stages each deal moved into (`_stages_reached`, kept by the stage-history
  // trigger), grouped first by unit, stage and reached stages, then one bit mask per group (plus
  // the initial and the current stage) and one FILTER per step, per region.
  const stepBit = (col: string) =>
    sql.raw(
      `case ${col} when 'contact' then 1 when 'needs' then 2 when 'proposal' then 4 when 'negotiation' then 8 when 'won' then 16 else 0 end`,
    );
  const movedBits = sql.raw(
    STEPS.map((s, k) => `case when '${s}' = any(g.moved) then ${2 ** k} else 0 end`).join(' | '),
  );
  const handFunnel = async () => {
    const { rows: wide } = await hand(sql<Record<string, unknown>>`
        select split_part(o.path, '/', 3) as region,
          ${sql.join(STEPS.map((_, k) => sql.raw(`sum(n) filter (where r & ${2 ** k} <> 0) as "deals@${k}", sum(amount) filter (where r & ${2 ** k} <> 0) as "amount@${k}"`)))}
        from (select g.org_unit_id, g.n, g.amount, ${movedBits} | 1 | ${stepBit('g.stage')} as r
              from (select org_unit_id, stage, _stages_reached as moved, count(*) as n, sum(amount) as amount
                    from ${sql.id(table)} where deleted_at is null group by 1, 2, 3) g) x
        join org_units o on o.workspace_id = ${ws} and o.id = x.org_unit_id
        group by 1`);
    return wide.flatMap((w) =>
      STEPS.map((stage, k) => ({
        stage,
        region: w.region,
        deals: w[`deals@${k}`],
        amount: w[`amount@${k}`],
      })),
    );
  };
  const handWeekly = async () =>
    (
      await hand(sql<Record<string, unknown>>`
        select to_char(w, 'YYYY-MM-DD') as week, deals, amount from (
          select date_trunc('week', created_at at time zone 'Asia/Shanghai') as w, count(*) as deals, sum(amount) as amount
          from ${sql.id(table)} where deleted_at is null group by 1) g order by 1`)
    ).rows;

  const cases: [
    string,
    () => Promise<Record<string, unknown>[]>,
    () => Promise<Record<string, unknown>[]>,
    string[],
  ][] = [
    ['funnel by stage × region', platform(funnelWidget), handFunnel, ['stage', 'region']],
    ['weekly trend (count, amount)', platform(weeklyWidget), handWeekly, ['week']],
  ];
  if (WORK_MEM) console.log(`work_mem ${WORK_MEM} for both (SET LOCAL)`);
  console.log('\n| widget | platform (median) | hand-written SQL (median) | ratio | groups |');
  console.log('|---|---|---|---|---|');
  for (const [name, ours, hand, keys] of cases) {
    const a = await ours();
    const b = await hand();
    const [na, nb] = [norm(a, keys, ['deals', 'amount']), norm(b, keys, ['deals', 'amount'])];
    const differ = na.filter((x) => !nb.includes(x)).concat(nb.filter((x) => !na.includes(x)));
    if (differ.length)
      throw new Error(`${name}: the platform and the hand-written query disagree: ${differ.join('; ')}`);
    const tOurs: number[] = [];
    const tHand: number[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      let t = performance.now();
      await ours();
      tOurs.push(performance.now() - t);
      t = performance.now();
      await hand();
      tHand.push(performance.now() - t);
    }
    const [m1, m2] = [median(tOurs), median(tHand)];
    console.log(
      `| ${name} | ${m1.toFixed(0)} ms | ${m2.toFixed(0)} ms | ${(m1 / m2).toFixed(2)} | ${b.length} |`,
    );
  }
} finally {
  await close();
}
