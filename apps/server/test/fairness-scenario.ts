/**
 * The fairness scenario on the embedded engine, shared by `pglite-fairness.test.ts` (ordering) and
 * `pnpm bench fairness` (wall clock): user A opens the heaviest dashboard of the default template
 * (with its demo data) 40 times at once while user B, a rep, pages through a record list one request
 * after another. The data is installed once into a PGlite folder; each run opens it afresh, with the
 * session served by work priority or in plain arrival order.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Dashboard, Entity } from '@stagecraft/schema';
import { openStore } from '@stagecraft/store';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { AutomationRunner } from '../src/worker/runner.js';
import { firstStartWith } from './first-start.js';

type App = Awaited<ReturnType<typeof buildApp>>;
type Get = (url: string) => Promise<LightMyRequestResponse>;

/** Signs in and returns a GET with the session (support.ts hooks into vitest; the bench runs without). */
async function signedIn(app: App, email: string, password: string): Promise<{ get: Get }> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const cookie = res.cookies.find((c) => c.name === 'stagecraft_session');
  if (res.statusCode !== 200 || !cookie) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const header = `stagecraft_session=${cookie.value}`;
  return { get: (url) => app.inject({ method: 'GET', url, headers: { cookie: header } }) };
}

const ADMIN = { ADMIN_EMAIL: 'owner@fairness.test', ADMIN_PASSWORD: 'fairness-first-start' };

/** The installed data and who does what in it. */
export interface FairnessData {
  dataDir: string;
  rep: { email: string; password: string };
  dispose(): void;
}

/** What one run measured. */
export interface FairnessRun {
  /** B's list requests, in ms, in the order sent. */
  listMs: number[];
  /** For each of B's list requests, how many of A's dashboards had answered when it answered. */
  dashboardsDoneAtList: number[];
  /** A's dashboard loads, in ms from the burst's start to each answer. */
  dashboardMs: number[];
  /** Widgets on the dashboard A opens (each one query or more). */
  widgets: number;
}

/** Installs the default template with its demo data into a fresh PGlite folder. */
export async function installFairnessData(): Promise<FairnessData> {
  const root = mkdtempSync(join(tmpdir(), 'stagecraft-fairness-'));
  const store = await openStore({ dataDir: root });
  try {
    const installed = await firstStartWith(store, ADMIN);
    const rep = installed.logins.find((l) => l.role.startsWith('member')) ?? installed.logins[0];
    if (!rep) throw new Error('the default template installed no demo logins');
    return {
      dataDir: root,
      rep: { email: rep.email, password: rep.password },
      dispose: () => rmSync(root, { recursive: true, force: true }),
    };
  } finally {
    await store.close();
  }
}

/** How a run is driven. */
export interface FairnessOptions {
  /** The PGlite session served by work priority (true) or as before, in arrival order (false). */
  prioritiseWork: boolean;
  /** Concurrent dashboard loads by A (default 40). */
  heavy?: number;
  /** B's list requests, one after another (default 10). */
  lists?: number;
  /**
   * Bench: B goes on until every dashboard answered, pausing this long between requests like a
   * person reading the page; omitted (tests), B sends exactly `lists` requests back to back.
   */
  thinkMs?: number;
}

/** Sends A's concurrent dashboard loads and, meanwhile, B's list pages one after another. */
export async function runFairness(data: FairnessData, options: FairnessOptions): Promise<FairnessRun> {
  const store = await openStore({ dataDir: data.dataDir, prioritiseWork: options.prioritiseWork });
  const app = await buildApp({ store });
  try {
    await app.ready();
    const admin = await signedIn(app, ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD);
    const rep = await signedIn(app, data.rep.email, data.rep.password);
    const appId = ((await admin.get('/api/apps')).json().apps as { id: string }[])[0]?.id as string;
    const definition = (await admin.get(`/api/apps/${appId}/published`)).json().definition as {
      entities: Entity[];
      dashboards: Dashboard[];
    };
    const dashboard = [...definition.dashboards].sort((a, b) => b.widgets.length - a.widgets.length)[0];
    const entity = definition.entities[0];
    if (!dashboard || !entity) throw new Error('the default template has no dashboard or entity');
    const dashboardUrl = `/api/apps/${appId}/dashboards/${dashboard.id}`;
    const listUrl = (page: number) =>
      `/api/apps/${appId}/entities/${entity.id}/records?limit=20&offset=${page * 20}`;
    // Warm caches (published versions, the first plan of each query) so both runs start alike.
    for (const res of [await admin.get(dashboardUrl), await rep.get(listUrl(0))])
      if (res.statusCode !== 200) throw new Error(`warm-up: ${res.statusCode} ${res.body}`);

    const started = performance.now();
    let done = 0;
    const heavy = options.heavy ?? 40;
    const dashboardMs: number[] = [];
    const burst = Array.from({ length: heavy }, () =>
      admin.get(dashboardUrl).then((res) => {
        if (res.statusCode !== 200) throw new Error(`dashboard: ${res.statusCode} ${res.body}`);
        done++;
        dashboardMs.push(performance.now() - started);
      }),
    );
    const listMs: number[] = [];
    const dashboardsDoneAtList: number[] = [];
    const think = options.thinkMs;
    const more = (page: number) => page < (options.lists ?? 10) || (think !== undefined && done < heavy);
    for (let page = 0; more(page); page++) {
      // Timed from when the request was due: a blocked event loop also delays the timer itself.
      const t0 = performance.now() + (think && page > 0 ? think : 0);
      if (think && page > 0) await new Promise((resolve) => setTimeout(resolve, think));
      const res = await rep.get(listUrl(page % 3));
      if (res.statusCode !== 200) throw new Error(`list: ${res.statusCode} ${res.body}`);
      listMs.push(performance.now() - t0);
      dashboardsDoneAtList.push(done);
    }
    await Promise.all(burst);
    return { listMs, dashboardsDoneAtList, dashboardMs, widgets: dashboard.widgets.length };
  } finally {
    await app.close();
    await store.close();
  }
}

/** A copy of the installed data, so a run that writes (a scan logs firings) leaves the original as it was. */
export function copyFairnessData(data: FairnessData): FairnessData {
  const root = mkdtempSync(join(tmpdir(), 'stagecraft-fairness-copy-'));
  cpSync(join(data.dataDir, 'pglite'), join(root, 'pglite'), { recursive: true });
  return { ...data, dataDir: root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** What the worker's scan did to other requests. */
export interface ScanRun {
  /** How long each scan took (the first fires what is due, the second finds it logged). */
  scanMs: [number, number];
  fired: number;
  /** `GET /api/health` (no database) and B's list pages, polled while the scans ran. */
  healthMs: number[];
  listMs: number[];
}

/**
 * Runs the automation worker's scan twice on the data (the first after a start fires every due
 * time-based trigger of the demo records) while B polls `/api/health` and a list page every
 * `thinkMs`. Pass a copy: the scan logs its firings.
 */
export async function runScanFairness(
  data: FairnessData,
  options: { prioritiseWork: boolean; thinkMs: number },
): Promise<ScanRun> {
  const store = await openStore({ dataDir: data.dataDir, prioritiseWork: options.prioritiseWork });
  const app = await buildApp({ store });
  try {
    await app.ready();
    const rep = await signedIn(app, data.rep.email, data.rep.password);
    const appId = ((await rep.get('/api/apps')).json().apps as { id: string }[])[0]?.id as string;
    const definition = (await rep.get(`/api/apps/${appId}/published`)).json().definition as {
      entities: Entity[];
    };
    const listUrl = `/api/apps/${appId}/entities/${definition.entities[0]?.id}/records?limit=20`;
    const runner = new AutomationRunner({ store });
    let scanning = true;
    const timed = async () => {
      const t0 = performance.now();
      const first = await runner.scan();
      const t1 = performance.now();
      await runner.scan();
      const t2 = performance.now();
      scanning = false;
      return { fired: first, scanMs: [t1 - t0, t2 - t1] as [number, number] };
    };
    const scans = timed();
    const healthMs: number[] = [];
    const listMs: number[] = [];
    while (scanning) {
      // Timed from when the request was due: a blocked event loop also delays the timer itself.
      const t0 = performance.now() + options.thinkMs;
      await new Promise((resolve) => setTimeout(resolve, options.thinkMs));
      await app.inject({ method: 'GET', url: '/api/health' });
      const t1 = performance.now();
      await rep.get(listUrl);
      healthMs.push(t1 - t0);
      listMs.push(performance.now() - t1);
    }
    return { ...(await scans), healthMs, listMs };
  } finally {
    await app.close();
    await store.close();
  }
}

/** The median of `values`. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
