/**
 * How the OpenAPI document (`/api/docs/json`) is made from the contract: each route's zod schemas
 * become JSON Schema through fastify-type-provider-zod, named schemas (`.meta({ id })` in the zod
 * global registry: the document models, `JsonValue`, `ErrorEnvelope`) become `components.schemas`
 * and are referenced by `$ref`, every route documents its error envelope, and a route answering
 * with a file documents its content types.
 */
import { allRoutes, ErrorEnvelope, findRoute } from '@stagecraft/contract';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { $ZodType } from 'zod/v4/core';

type Transform = typeof jsonSchemaTransform;

const FileBody = z.string().meta({ format: 'binary' });

/** The per-route transform: the contract's error and file responses added, then zod → JSON Schema. */
export const openApiTransform: Transform = (input) => {
  nameRecursiveSchemas();
  const { schema, url, route } = input;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const spec = findRoute(String(methods[0]), url);
  if (!schema || !spec) return jsonSchemaTransform(input);
  const response: Record<string, unknown> = { ...((schema.response as object | undefined) ?? {}) };
  if (spec.file)
    response[spec.file.status] = {
      description: 'The file',
      content: Object.fromEntries(spec.file.contentTypes.map((type) => [type, { schema: FileBody }])),
    };
  response['4XX'] ??= ErrorEnvelope;
  response['5XX'] ??= ErrorEnvelope;
  return jsonSchemaTransform({ ...input, schema: { ...schema, response } });
};

/** The whole-document transform: every named schema as a component. */
export const openApiTransformObject: typeof jsonSchemaTransformObject = (input) => {
  nameRecursiveSchemas();
  return jsonSchemaTransformObject(input);
};

/**
 * OpenAPI cannot hold an anonymous cycle: zod would emit it as `$defs` that no `$ref` of the
 * document can reach (`#/components/schemas/__shared#/…`). A recursive schema is a lazy one, such
 * as `z.json()`: every lazy without an id, and the schema it stands for, get one here, named after
 * the nearest named schema holding them (`WidgetValue` and `WidgetValueShape`; `JsonValue` for the
 * contract's own), so every cycle goes through components. Idempotent: named schemas stay as they are.
 */
export function nameRecursiveSchemas(registry = z.globalRegistry): void {
  const seen = new Set<$ZodType>();
  const name = (schema: $ZodType, wanted: string): string => {
    const had = registry.get(schema)?.id;
    if (had) return had;
    let id = wanted;
    for (let n = 2; registry._idmap.has(id); n++) id = `${wanted}${n}`;
    registry.add(schema, { ...registry.get(schema), id });
    return id;
  };
  const visit = (schema: $ZodType, owner: string): void => {
    if (seen.has(schema)) return;
    seen.add(schema);
    const def = schema._zod.def as unknown as Record<string, unknown>;
    const lazy = def.type === 'lazy';
    const id = lazy ? name(schema, `${owner}Value`) : (registry.get(schema)?.id ?? owner);
    const inner = lazy ? [(schema._zod as unknown as { innerType: $ZodType }).innerType] : [];
    for (const target of inner) name(target, `${id}Shape`);
    for (const value of [...Object.values(def), ...inner]) {
      if (value instanceof $ZodType) visit(value, id);
      else if (Array.isArray(value)) for (const v of value) v instanceof $ZodType && visit(v, id);
      else if (value && typeof value === 'object')
        for (const v of Object.values(value)) v instanceof $ZodType && visit(v, id);
    }
  };
  for (const [id, schema] of [...registry._idmap.entries()]) visit(schema, id);
  for (const route of allRoutes())
    for (const schema of [route.params, route.querystring, route.body, ...Object.values(route.responses)])
      if (schema) visit(schema, 'Json');
}
