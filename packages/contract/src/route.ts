/**
 * What one route of the API is: method, path (fastify syntax, `:param`), the zod schemas of its
 * request (params, query string, body) and of each success response by status. Error responses all
 * share the envelope (`ErrorEnvelope`); a route whose success is a file names its content types.
 */
import type { z } from 'zod';

/** The HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One route of the contract. */
export interface RouteSpec {
  method: HttpMethod;
  /** Fastify path syntax: `/api/apps/:app`. */
  path: string;
  summary: string;
  tags: readonly string[];
  /** Answered without a session. */
  public?: boolean;
  /** A POST that only reads (its query travels in the body): read-only API tokens may call it. */
  readsOnly?: boolean;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** Request content types other than JSON (uploads, imports). */
  consumes?: readonly string[];
  /** JSON success responses by status. */
  responses: Readonly<Record<number, z.ZodType>>;
  /** The success response is a file of one of these content types instead of JSON. */
  file?: { status: number; contentTypes: readonly string[] };
}

/** Declares a route, keeping every schema's exact type for the server and the client. */
export function route<const R extends RouteSpec>(spec: R): R {
  return spec;
}

type Schema<R, K extends string> = R extends { [P in K]: infer S extends z.ZodType } ? S : undefined;

/** The params schema of a route (undefined when it has none). */
export type ParamsOf<R> = Schema<R, 'params'>;
/** The query-string schema of a route. */
export type QueryOf<R> = Schema<R, 'querystring'>;
/** The body schema of a route. */
export type BodyOf<R> = Schema<R, 'body'>;

type Success<K> = K extends number ? (`${K}` extends `2${string}` ? K : never) : never;

/** What a success (2xx) response of the route holds, after parsing (any of its 2xx statuses). */
export type ResponseOf<R extends RouteSpec> = {
  [S in Success<keyof R['responses']>]: R['responses'][S] extends z.ZodType
    ? z.output<R['responses'][S]>
    : never;
}[Success<keyof R['responses']>];

type Input<S> = S extends z.ZodType ? z.input<S> : never;

/** What a caller sends: params, query and body where the route has them. */
export type RequestOf<R extends RouteSpec> = (ParamsOf<R> extends z.ZodType
  ? { params: Input<ParamsOf<R>> }
  : { params?: undefined }) &
  (QueryOf<R> extends z.ZodType ? { query?: Input<QueryOf<R>> } : { query?: undefined }) &
  (BodyOf<R> extends z.ZodType
    ? undefined extends Input<BodyOf<R>>
      ? { body?: Input<BodyOf<R>> }
      : { body: Input<BodyOf<R>> }
    : { body?: RawBody });

/**
 * A body that is not JSON, for routes without a body schema (uploads, imports): a Blob or FormData
 * in the browser, a Buffer in tests. Kept opaque so the contract needs no DOM types.
 */
export type RawBody = object;

/** The path with its `:params` filled in (each URL-encoded). */
export function routeUrl(
  spec: Pick<RouteSpec, 'path'>,
  params?: Record<string, unknown>,
  query?: Record<string, unknown>,
): string {
  const path = spec.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`routeUrl: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    pairs.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}
