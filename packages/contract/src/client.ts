/**
 * A typed client over any transport (fetch in the browser, `inject()` in tests): the URL is built
 * from the route's path and query, and every success body is parsed with the route's response
 * schema for its status, so a caller sees exactly the contract's type or a mismatch error.
 */
import type { z } from 'zod';
import type { HttpMethod, RequestOf, ResponseOf, RouteSpec } from './route.js';
import { routeUrl } from './route.js';

/** What a transport is asked to send; `body` is JSON-able, or a file (Blob, FormData) sent as it is. */
export interface TransportRequest {
  method: HttpMethod;
  url: string;
  body?: unknown;
}

/** What a transport answers: a success with its status and parsed JSON (null for no body), or its own error. */
export type TransportResult<E> = { ok: true; status: number; body: unknown } | { ok: false; error: E };

/** Sends one request. */
export type Transport<E> = (request: TransportRequest) => Promise<TransportResult<E>>;

/** A call's outcome: the parsed response, or the transport's error. */
export type CallResult<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Why a success body did not match the contract. */
export interface ResponseMismatch {
  route: string;
  status: number;
  issues: { path: string; message: string }[];
}

/** Parses a success body with the route's schema for the status. */
export function parseResponse<R extends RouteSpec>(
  route: R,
  status: number,
  body: unknown,
): { ok: true; value: ResponseOf<R> } | { ok: false; mismatch: ResponseMismatch } {
  const key = `${route.method} ${route.path}`;
  const schema = route.responses[status] as z.ZodType | undefined;
  if (!schema)
    return {
      ok: false,
      mismatch: { route: key, status, issues: [{ path: '', message: `no response ${status} declared` }] },
    };
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data as ResponseOf<R> };
  return {
    ok: false,
    mismatch: {
      route: key,
      status,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.map((p) => `/${String(p)}`).join(''),
        message: i.message,
      })),
    },
  };
}

/** The arguments of a call: none when the route takes nothing. */
export type CallArgs<R extends RouteSpec> =
  object extends RequestOf<R> ? [input?: RequestOf<R>] : [input: RequestOf<R>];

/** A client: `call(API.records.getRecord, { params })`. */
export interface Client<E> {
  call<R extends RouteSpec>(route: R, ...args: CallArgs<R>): Promise<CallResult<ResponseOf<R>, E>>;
}

/**
 * Builds a client on a transport. `mismatch` turns a body that breaks the contract into the
 * transport's error type, so callers handle it like any other failure.
 */
export function defineClient<E>(transport: Transport<E>, mismatch: (m: ResponseMismatch) => E): Client<E> {
  return {
    async call<R extends RouteSpec>(route: R, ...args: CallArgs<R>) {
      const input = (args[0] ?? {}) as { params?: object; query?: object; body?: unknown };
      const url = routeUrl(
        route,
        input.params as Record<string, unknown> | undefined,
        input.query as Record<string, unknown> | undefined,
      );
      const sent = await transport({
        method: route.method,
        url,
        ...(input.body === undefined ? {} : { body: input.body }),
      });
      if (!sent.ok) return sent;
      const parsed = parseResponse(route, sent.status, sent.body);
      return parsed.ok ? parsed : { ok: false, error: mismatch(parsed.mismatch) };
    },
  };
}
