/**
 * Webhook delivery: a JSON POST signed with HMAC-SHA256 over `<timestamp>.<body>` (header
 * `X-Stagecraft-Signature: sha256=<hex>`), the job key as delivery id so a receiver can drop a
 * repeat, every attempt logged. A non-2xx answer or a network error throws: the queue retries
 * with backoff and parks the job as a dead letter after its last attempt.
 */
import { createHmac } from 'node:crypto';
import type { WorkerDeps } from './worker-context.js';

/** The signature header value of a body. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Sends one delivery attempt and logs it; throws when it did not succeed. */
export async function deliverWebhook(
  deps: WorkerDeps,
  input: {
    workspaceId: string;
    key: string;
    url: string;
    secret?: string;
    attempt: number;
    body: unknown;
    now: Date;
  },
): Promise<void> {
  const body = JSON.stringify(input.body);
  const timestamp = String(Math.floor(input.now.getTime() / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-stagecraft-delivery': input.key,
    'x-stagecraft-timestamp': timestamp,
  };
  if (input.secret) headers['x-stagecraft-signature'] = signWebhook(input.secret, timestamp, body);
  const started = performance.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await deps.fetch(input.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(deps.webhookTimeoutMs),
      redirect: 'manual',
    });
    status = response.status;
    await response.body?.cancel();
    if (!response.ok) error = `HTTP ${status}`;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  await deps.store.automation.automation.logDelivery(input.workspaceId, {
    jobKey: input.key,
    url: input.url,
    attempt: input.attempt,
    status,
    error,
    durationMs: Math.round(performance.now() - started),
    at: input.now.toISOString(),
  });
  if (error) throw new Error(`webhook ${input.url}: ${error}`);
}
