/**
 * The fastify schema of a contract route: its params, query string, body and success responses
 * (zod, so the type provider types the handler), plus tags and summary for the OpenAPI document.
 * Routes take every schema from @stagecraft/contract; none declares its own.
 */
import type { BodyOf, ParamsOf, QueryOf, RouteSpec } from '@stagecraft/contract';

type Present<K extends string, S> = S extends undefined ? unknown : { [P in K]: S };

/** What `schemaOf` returns for a route. */
export type FastifySchemaOf<R extends RouteSpec> = {
  tags: string[];
  summary: string;
  consumes?: string[];
  response: R['responses'];
} & Present<'params', ParamsOf<R>> &
  Present<'querystring', QueryOf<R>> &
  Present<'body', BodyOf<R>>;

/** The route's schemas as fastify wants them on `schema:`. */
export function schemaOf<R extends RouteSpec>(route: R): FastifySchemaOf<R> {
  return {
    tags: [...route.tags],
    summary: route.summary,
    ...(route.consumes ? { consumes: [...route.consumes] } : {}),
    ...(route.params ? { params: route.params } : {}),
    ...(route.querystring ? { querystring: route.querystring } : {}),
    ...(route.body ? { body: route.body } : {}),
    // A route answering with a file has no JSON schema to serialize with.
    ...(Object.keys(route.responses).length > 0 ? { response: route.responses } : {}),
  } as FastifySchemaOf<R>;
}
