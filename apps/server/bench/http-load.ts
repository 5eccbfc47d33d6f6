/**
 * The load client of `pnpm bench http`, run in a child process (`pnpm bench http` forks it) so it does not share the event loop
 * with the servers it measures: `concurrency` keep-alive connections, each sending one request
 * after another for `durationMs` (autocannon's model), with the latency of every answer recorded.
 * Update and transition requests carry the version the connection's own record has now, so no two
 * connections write the same record and no answer is a 409.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { newProspect } from './lead-app.js';

/** The operations measured; both servers answer the same URLs and bodies. */
export type Operation = 'create' | 'update' | 'transition' | 'list';

/** A record a connection owns (update, transition). */
export interface OwnedRecord {
  id: string;
  version: number;
  stage: string;
}

/** What the worker is told to do. */
export interface LoadPlan {
  /** `http://127.0.0.1:port` */
  origin: string;
  /** The records collection path, e.g. `/api/apps/a/entities/e/records`. */
  path: string;
  headers: Record<string, string>;
  operation: Operation;
  concurrency: number;
  /** Load sent before measuring (connections, JIT, caches, the pool warm). */
  warmupMs: number;
  durationMs: number;
  /** One per connection, for update and transition. */
  records: OwnedRecord[];
  /** The two stages transitions alternate between. */
  stages: readonly [string, string];
}

/** What the worker reports. */
export interface LoadResult {
  requests: number;
  errors: number;
  firstError: string | null;
  elapsedMs: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** The largest `x-sql-statements` seen (0 when the server sent none). */
  statements: number;
}

interface Answer {
  status: number;
  body: string;
  statements: number;
}

function send(agent: Agent, plan: LoadPlan, method: string, path: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${plan.origin}${path}`,
      {
        method,
        agent,
        headers: {
          ...plan.headers,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            statements: Number(res.headers['x-sql-statements'] ?? 0),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let statements = 0;
  let next = 0;
  const measureFrom = performance.now() + plan.warmupMs;
  const end = measureFrom + plan.durationMs;

  const connection = async (k: number) => {
    const own = plan.records[k];
    while (performance.now() < end) {
      let method = 'GET';
      let path = `${plan.path}?limit=20`;
      let body: unknown;
      if (plan.operation === 'create') {
        method = 'POST';
        path = plan.path;
        body = newProspect(next++);
      } else if (own && plan.operation === 'update') {
        method = 'PATCH';
        path = `${plan.path}/${own.id}`;
        body = { score: next++ % 100, version: own.version };
      } else if (own && plan.operation === 'transition') {
        method = 'POST';
        path = `${plan.path}/${own.id}/transitions`;
        body = { to: own.stage === plan.stages[0] ? plan.stages[1] : plan.stages[0], version: own.version };
      }
      const t0 = performance.now();
      const answer = await send(agent, plan, method, path, body);
      const measured = t0 >= measureFrom;
      if (measured) latencies.push(performance.now() - t0);
      statements = Math.max(statements, answer.statements);
      if (answer.status >= 300) {
        if (measured) errors += 1;
        firstError ??= `${method} ${path}: ${answer.status} ${answer.body.slice(0, 300)}`;
        if (own) return; // the connection's version is unknown now
        continue;
      }
      if (own && (plan.operation === 'update' || plan.operation === 'transition')) {
        const parsed = JSON.parse(answer.body) as { version?: number; stage?: string; record?: OwnedRecord };
        const record = parsed.record ?? (parsed as OwnedRecord);
        own.version = record.version;
        own.stage = record.stage;
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, (_, k) => connection(k)));
  const elapsedMs = performance.now() - measureFrom;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    errors,
    firstError,
    elapsedMs,
    reqPerSec: (latencies.length - errors) / (elapsedMs / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    statements,
  };
}

const parent = process.send?.bind(process);
if (parent) {
  process.once('message', (plan: LoadPlan) => {
    run(plan).then(
      (result) => parent(result, () => process.disconnect()),
      (error: unknown) =>
        parent({ crash: String((error as Error)?.stack ?? error) }, () => process.disconnect()),
    );
  });
}
