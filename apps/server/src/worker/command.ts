/**
 * The runner from the environment: `stagecraft start` runs one in the server process (WORKER=off
 * turns it off), `stagecraft worker` runs one alone. WORKER_POLL_MS (default 1000) is the idle poll,
 * WORKER_LEASE_MS (default 60000) how long a claimed job stays with a worker that stopped answering,
 * WORKER_RETRY_BASE_MS (default 5000) the first retry delay of a failed job (doubling, capped at 1 h).
 * SMTP_URL turns on notification emails (SMTP_FROM: their sender; PUBLIC_URL: the base of their links).
 */
import { DEFAULT_BACKOFF, type Store } from '@stagecraft/store';
import { openFromEnv } from '../bootstrap/open.js';
import type { PublishedApps } from '../records/published-apps.js';
import type { ServerStore } from '../store-port.js';
import { mailerFromUrl } from './email.js';
import { AutomationRunner } from './runner.js';

/** A runner configured from the environment; null when WORKER=off. */
export function runnerFromEnv(
  env: NodeJS.ProcessEnv,
  store: ServerStore,
  published: PublishedApps | undefined,
  log: (line: string) => void,
): AutomationRunner | null {
  if (env.WORKER === 'off') return null;
  const mailer = mailerFromUrl(env.SMTP_URL, env.SMTP_FROM);
  return new AutomationRunner({
    store,
    ...(published ? { published } : {}),
    ...(env.WORKER_LEASE_MS ? { leaseMs: Number(env.WORKER_LEASE_MS) } : {}),
    ...(env.WORKER_SCAN_MS ? { scanIntervalMs: Number(env.WORKER_SCAN_MS) } : {}),
    ...(env.WORKER_RETRY_BASE_MS
      ? { backoff: { ...DEFAULT_BACKOFF, baseMs: Number(env.WORKER_RETRY_BASE_MS) } }
      : {}),
    log,
    ...(mailer ? { mailer } : {}),
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
  });
}

/** `stagecraft worker`: runs until SIGINT/SIGTERM, finishing the round in progress. */
export async function workerCommand(
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<void> {
  const store: Store = await openFromEnv(env);
  const runner = runnerFromEnv({ ...env, WORKER: 'on' }, store, undefined, err) as AutomationRunner;
  runner.start(Number(env.WORKER_POLL_MS || 1000));
  out(`Stagecraft worker ${runner.workerId} running (${store.describe()})`);
  const stop = async () => {
    await runner.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
