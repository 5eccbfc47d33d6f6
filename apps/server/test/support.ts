/**
 * Test support for the HTTP API: a server built on the suite's real store, an org fixture whose users
 * can sign in, and small request helpers over `inject()`.
 */
import type { Store } from '@stagecraft/store';
import { createOrgFixture, type OrgFixture } from '@stagecraft/store/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterEach } from 'vitest';
import { type BuildAppOptions, buildApp } from '../src/app.js';
import { hashPassword } from '../src/auth/password.js';
import type { ContractMismatch } from '../src/contract-check.js';

/** The built app's type, for suites outside apps/server (templates) that cannot resolve 'fastify'. */
export type { FastifyInstance };

/** The password every fixture user has. */
export const PASSWORD = 'correct horse battery';

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public current = new Date('2026-03-02T01:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

let hashed: Promise<string> | undefined;
/** The argon2id hash of PASSWORD, computed once per test file. */
export function passwordHash(): Promise<string> {
  hashed ??= hashPassword(PASSWORD);
  return hashed;
}

const mismatches: ContractMismatch[] = [];

/**
 * The buildApp option every suite turns on: each answer is checked against @stagecraft/contract,
 * and the test that received one that breaks it fails (after it ends, with the route and paths).
 */
export function checkedResponses(): Pick<BuildAppOptions, 'checkResponses'> {
  return { checkResponses: (m) => mismatches.push(m) };
}

afterEach(() => {
  if (mismatches.length === 0) return;
  const found = mismatches.splice(0);
  const lines = found.map(
    (m) => `${m.route} (${m.url}) → ${m.status}: ${m.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
  );
  throw new Error(`answers that break @stagecraft/contract:\n${lines.join('\n')}`);
});

/**
 * For suites whose fake clock jumps days or months ahead (automations, SLAs, forecasts): signed-in
 * users stay signed in, so each suite tests what it is about. The timeouts themselves are tested in
 * sessions.test.ts with the real defaults.
 */
export function daysPass(): Pick<BuildAppOptions, 'sessionTimeouts'> {
  const decade = 3650 * 24 * 3600_000;
  return { sessionTimeouts: { idleMs: decade, maxMs: decade } };
}

/** A built app on the store. */
export async function serverOn(
  store: Store,
  clock = new FakeClock(),
  extra: Partial<BuildAppOptions> = {},
): Promise<FastifyInstance> {
  const app = await buildApp({ store, clock, ...checkedResponses(), ...extra });
  await app.ready();
  return app;
}

/** A fixture workspace whose users can sign in with PASSWORD. */
export async function fixtureOn(store: Store, name?: string): Promise<OrgFixture> {
  return createOrgFixture(store, { passwordHash: await passwordHash(), ...(name ? { name } : {}) });
}

/** Signs in and returns the session cookie header value. */
export async function login(app: FastifyInstance, email: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'stagecraft_session');
  if (!cookie) throw new Error('no session cookie');
  return `stagecraft_session=${cookie.value}`;
}

/** A caller bound to a session cookie. */
export interface Caller {
  (options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, payload: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

/** Request helpers sending the cookie. */
export function caller(app: FastifyInstance, cookie: string): Caller {
  const call = ((options: InjectOptions) =>
    app.inject({ ...options, headers: { cookie, ...(options.headers ?? {}) } })) as Caller;
  call.get = (url) => call({ method: 'GET', url });
  call.post = (url, payload) =>
    call({
      method: 'POST',
      url,
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  call.put = (url, payload, headers) =>
    call({
      method: 'PUT',
      url,
      payload: payload as InjectOptions['payload'],
      ...(headers ? { headers } : {}),
    });
  call.patch = (url, payload, headers) =>
    call({
      method: 'PATCH',
      url,
      payload: payload as InjectOptions['payload'],
      ...(headers ? { headers } : {}),
    });
  call.del = (url) => call({ method: 'DELETE', url });
  return call;
}

/**
 * A spreadsheet as the web app sends it to import: the multipart field `file` (a signed-in browser
 * may post only JSON or multipart). A CSV or Excel type gets its file extension, which the server
 * reads the type from; any other type is left to speak for itself.
 */
export function importForm(
  body: string | Buffer,
  type = 'text/csv',
  headers: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----stagecraft-import-boundary';
  const name = type === 'text/csv' ? 'import.csv' : type.includes('spreadsheetml') ? 'import.xlsx' : 'import';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    Buffer.from(body),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Expects the error envelope with a code, and returns its details. */
export function envelope(res: LightMyRequestResponse): {
  code: string;
  message: string;
  details: { path: string; message: string; code: string; details?: unknown }[];
} {
  const body = res.json() as {
    error?: { code: string; message: string; details: { path: string; message: string; code: string }[] };
  };
  if (
    !body.error ||
    typeof body.error.code !== 'string' ||
    typeof body.error.message !== 'string' ||
    !Array.isArray(body.error.details)
  ) {
    throw new Error(`not an error envelope: ${res.statusCode} ${res.body.slice(0, 300)}`);
  }
  return body.error;
}
