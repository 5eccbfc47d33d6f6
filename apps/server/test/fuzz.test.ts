/**
 * The fuzz test: every route of the OpenAPI document gets hostile requests generated from its
 * parameters' and body's schemas (./fuzz-cases.ts), sent as a rep and anonymously (and the reads
 * as an admin too), on a workspace with the sales-management pack and its demo data installed as
 * the first start does. It holds:
 * - no answer is 5xx (each failing request is printed);
 * - the server stays up: health answers after each route's batch;
 * - a rejected write changes nothing: a checksum of every table before and after each batch of
 *   rejected writes (per request when a batch also held an accepted write). Tables that record
 *   refused sign-in attempts are left out: counting those is their purpose.
 * The count per database is printed: `fuzz [pglite]: 5528 requests over 69 routes, 0 failures …`.
 */
import type { Store } from '@stagecraft/store';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { firstStartWith } from './first-start.js';
import { type FuzzCase, fuzzCases, type OpenApiDoc, type PathValues } from './fuzz-cases.js';
import { checkedResponses, FakeClock, login } from './support.js';

const TEMPLATE = 'sales-management';
const ADMIN = { ADMIN_EMAIL: 'owner@fuzz.test', ADMIN_PASSWORD: 'fuzz first start' };
/**
 * Tables whose purpose is to record refused attempts (the sign-in limits kept in the database):
 * a refused sign-in is meant to change them.
 */
const COUNTS_REFUSALS = /attempt|lockout|throttle|login|sign_?in|rate_limit|failure/;

/** A checksum of every row of every table of the connection's schema. */
let checksumMs = 0;
let checksums = 0;
async function checksum(store: Store): Promise<Record<string, string>> {
  const started = performance.now();
  try {
    return await checksumOf(store);
  } finally {
    checksumMs += performance.now() - started;
    checksums++;
  }
}
async function checksumOf(store: Store): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
    store.db,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    if (COUNTS_REFUSALS.test(name)) continue;
    // Order-independent, so no sort: the row count and the sum of each row's 64-bit hash.
    const row = await sql<{ n: string; sum: string | null }>`
      select count(*)::text as n, sum(hashtextextended(t::text, 0))::text as sum
      from ${sql.table(name)} t`.execute(store.db);
    out[name] = `${row.rows[0]?.n}:${row.rows[0]?.sum}`;
  }
  return out;
}

/** The tables whose checksum differs. */
function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]);
}

const describeRequest = (c: FuzzCase) => {
  const payload = c.request.payload;
  const body =
    payload === undefined
      ? ''
      : ` body ${String(Buffer.isBuffer(payload) ? payload.toString('latin1') : payload).slice(0, 120)}`;
  return `${c.route} [${c.what}] ${c.request.method} ${String(c.request.url).slice(0, 160)}${body}`;
};

describeDialects('fuzz from the OpenAPI document', (ctx) => {
  let app: FastifyInstance;
  let doc: OpenApiDoc;
  let values: PathValues;
  let repEmail: string;
  let repPassword: string;
  let adminCookie: string;

  beforeAll(async () => {
    const installed = await firstStartWith(ctx.store, ADMIN, TEMPLATE);
    expect(installed.installed).toEqual([TEMPLATE]);
    repPassword = installed.logins[0]?.password as string;
    app = await buildApp({ store: ctx.store, clock: new FakeClock(new Date()), ...checkedResponses() });
    await app.ready();
    const admin = await login(app, ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD);
    adminCookie = admin;
    const get = async (url: string) =>
      (await app.inject({ method: 'GET', url, headers: { cookie: admin } })).json();
    doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDoc;
    const appId = ((await get('/api/apps')).apps as { id: string }[])[0]?.id as string;
    const definition = (await get(`/api/apps/${appId}/published`)).definition as {
      entities: { id: string }[];
      stageMachines: { entity: string }[];
      dashboards?: { id: string; widgets?: { id: string }[] }[];
      forecasts?: { id: string }[];
    };
    const users = (await get('/api/users')).users as { id: string; email: string; roles: string[] }[];
    const rep = users.find((u) => u.roles.length === 1 && u.roles[0] === 'member');
    if (!rep) throw new Error('the pack has no rep');
    repEmail = rep.email;
    const entity = definition.stageMachines[0]?.entity ?? (definition.entities[0]?.id as string);
    const records = (await get(`/api/apps/${appId}/entities/${entity}/records?limit=1`)).records as {
      id: string;
    }[];
    const dashboard = definition.dashboards?.[0];
    values = {
      app: appId,
      entity,
      id: records[0]?.id ?? 'x',
      version: '1',
      dashboard: dashboard?.id ?? 'x',
      widget: dashboard?.widgets?.[0]?.id ?? 'x',
      forecast: definition.forecasts?.[0]?.id ?? 'x',
      name: TEMPLATE,
      archiveId: 'x',
    };
  }, 300_000);
  afterAll(() => app?.close());

  it('answers every hostile request below 500, stays up, and a rejected write changes nothing', async () => {
    const cases = fuzzCases(doc, values);
    const routes = new Map<string, FuzzCase[]>();
    for (const c of cases) routes.set(c.route, [...(routes.get(c.route) ?? []), c]);
    expect(routes.size).toBeGreaterThan(60);

    checksumMs = 0;
    checksums = 0;
    const acceptedRoutes = new Set<string>();
    // After the fuzz signed the rep out: from a fresh loopback address each time, so the sign-in
    // limits the fuzzed logins may have tripped for 127.0.0.1 do not apply.
    let relogins = 0;
    const signInAgain = async () => {
      relogins++;
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: repEmail, password: repPassword },
        remoteAddress: `127.0.1.${relogins}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return `stagecraft_session=${res.cookies.find((c) => c.name === 'stagecraft_session')?.value}`;
    };
    let cookie = await login(app, repEmail, repPassword);
    let sent = 0;
    let accepted = 0;
    const failures: string[] = [];
    type Who = 'rep' | 'anon' | 'admin';
    const send = async (c: FuzzCase, as: Who): Promise<LightMyRequestResponse | null> => {
      sent++;
      const request: InjectOptions =
        as === 'anon'
          ? c.request
          : {
              ...c.request,
              headers: { ...(c.request.headers ?? {}), cookie: as === 'rep' ? cookie : adminCookie },
            };
      try {
        const res = await app.inject(request);
        if (res.statusCode >= 500)
          failures.push(`${as} ${describeRequest(c)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        return res;
      } catch (error) {
        failures.push(`${as} ${describeRequest(c)} → threw ${(error as Error).message}`);
        return null;
      }
    };

    // The rep and anonymous callers send everything (anonymous: every other case, as most routes
    // refuse them before validation); an admin sends the reads, which reach further (admin-only
    // lists) and change nothing, so the admin's accepted writes cannot reshape the workspace.
    for (const as of ['rep', 'anon', 'admin'] as const) {
      for (const [route, all] of routes) {
        const batch =
          as === 'rep'
            ? all
            : as === 'anon'
              ? all.filter((_, i) => i % 2 === 0)
              : all.filter((c) => !c.write);
        if (batch.length === 0) continue;
        const writes = batch.some((c) => c.write);
        const before = writes ? await checksum(ctx.store) : {};
        const acceptedWrites: FuzzCase[] = [];
        const rejectedWrites: FuzzCase[] = [];
        for (const c of batch) {
          const res = await send(c, as);
          if (!c.write || !res) continue;
          if (res.statusCode < 400) acceptedWrites.push(c);
          else rejectedWrites.push(c);
        }
        const health = await app.inject({ method: 'GET', url: '/api/health' });
        expect(health.statusCode, `health after ${route}`).toBe(200);
        if (as === 'rep') {
          const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
          if (me.statusCode === 401) cookie = await signInAgain();
        }
        if (!writes) continue;
        accepted += acceptedWrites.length;
        for (const c of acceptedWrites) acceptedRoutes.add(`${as} ${c.route} [${c.what}]`);
        if (acceptedWrites.length === 0) {
          const diff = changed(before, await checksum(ctx.store));
          if (diff.length > 0) failures.push(`${as} ${route}: rejected writes changed ${diff.join(', ')}`);
          continue;
        }
        // The batch also changed things on purpose: send its rejected writes again, as a batch of
        // their own, and only when one of them is now accepted, each on its own.
        const again = await checksum(ctx.store);
        let allRejected = true;
        for (const c of rejectedWrites) {
          const res = await send(c, as);
          if (res && res.statusCode < 400) allRejected = false;
        }
        if (allRejected) {
          const diff = changed(again, await checksum(ctx.store));
          if (diff.length > 0) failures.push(`${as} ${route}: rejected writes changed ${diff.join(', ')}`);
          continue;
        }
        for (const c of rejectedWrites) {
          const own = await checksum(ctx.store);
          const res = await send(c, as);
          if (res && res.statusCode >= 400) {
            const diff = changed(own, await checksum(ctx.store));
            if (diff.length > 0)
              failures.push(`${as} ${describeRequest(c)}: rejected, but changed ${diff.join(', ')}`);
          }
        }
      }
    }
    console.log(
      `fuzz [${ctx.dialect}]: ${sent} requests over ${routes.size} routes, ${failures.length} failures (≥ 500 or a rejected write that changed the database), ${accepted} writes accepted; ${checksums} checksums in ${Math.round(checksumMs)} ms`,
    );
    console.log(`fuzz [${ctx.dialect}] accepted writes:\n  ${[...acceptedRoutes].join('\n  ')}`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(2000);
  }, 600_000);
});
