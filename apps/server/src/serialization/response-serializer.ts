/**
 * The response serializer: zod's encode (fastify-type-provider-zod) checks an answer against the
 * route's contract schema and builds a copy of it, and only then is it stringified. On the hot
 * routes (a record, a page of records, a transition) that copy cost about 2 % of the server's CPU
 * per request (docs/benchmarks.md "Response serializer"). So a schema made only of the plain kinds
 * below is compiled once into a check that walks the answer without copying it: when the answer is
 * already what zod would output (every value of the right type, no key zod would strip, keys in the
 * order zod would write them), it is stringified as it is, which gives the same bytes. Anything
 * else, and every schema with a kind the check does not know (refinements, transforms, unions,
 * defaults…), goes through zod's encode as before, so a strip, a reorder or a
 * ResponseSerializationError is exactly what it was.
 */
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType } from 'zod/v4/core';

/** True when a value is already zod's output for the schema it was compiled from. */
type WireCheck = (value: unknown) => boolean;

interface Def {
  type: string;
  checks?: unknown[];
  innerType?: $ZodType;
  element?: $ZodType;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  keyType?: $ZodType;
  valueType?: $ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
}

const defOf = (schema: $ZodType) => schema._zod.def as unknown as Def;

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Whether a key zod writes may be missing or undefined (optional, or optional inside nullable). */
function allowsUndefined(schema: $ZodType): boolean {
  const def = defOf(schema);
  if (def.type === 'optional') return true;
  if (def.type === 'nullable' && def.innerType) return allowsUndefined(def.innerType);
  return false;
}

function compileObject(def: Def): WireCheck | null {
  const shape = def.shape ?? {};
  const keys = Object.keys(shape);
  const order = new Map(keys.map((key, i) => [key, i]));
  const checks: WireCheck[] = [];
  const required: boolean[] = [];
  for (const key of keys) {
    const check = compile(shape[key] as $ZodType);
    if (!check) return null;
    checks.push(check);
    required.push(!allowsUndefined(shape[key] as $ZodType));
  }
  // No catchall: zod strips unknown keys; `unknown`/`any`: keeps them after the shape's keys.
  const catchall = def.catchall ? defOf(def.catchall).type : 'strip';
  if (catchall !== 'strip' && catchall !== 'unknown' && catchall !== 'any') return null;
  const keepsOthers = catchall !== 'strip';
  return (value) => {
    if (!isPlainObject(value)) return false;
    let last = -1;
    let others = false;
    let seen = 0;
    for (const key of Object.keys(value)) {
      const at = order.get(key);
      if (at === undefined) {
        if (!keepsOthers) return false;
        others = true;
        continue;
      }
      // zod writes the shape's keys first, in the shape's order.
      if (others || at < last) return false;
      last = at;
      seen++;
      if (!(checks[at] as WireCheck)(value[key])) return false;
    }
    if (seen < keys.length) {
      for (let i = 0; i < keys.length; i++)
        if (required[i] && !Object.hasOwn(value, keys[i] as string)) return false;
    }
    return true;
  };
}

/** The check for a schema, or null when it holds a kind the check does not know. */
function compile(schema: $ZodType): WireCheck | null {
  const def = defOf(schema);
  if (def.checks?.length) return null;
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'unknown':
    case 'any':
      return () => true;
    case 'enum': {
      const allowed = new Set(Object.values(def.entries ?? {}));
      return (v) => allowed.has(v);
    }
    case 'literal': {
      const allowed = new Set(def.values ?? []);
      return (v) => allowed.has(v);
    }
    case 'optional':
    case 'nullable': {
      const inner = def.innerType && compile(def.innerType);
      if (!inner) return null;
      return def.type === 'optional' ? (v) => v === undefined || inner(v) : (v) => v === null || inner(v);
    }
    case 'array': {
      const element = def.element && compile(def.element);
      if (!element) return null;
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!(i in v) || !element(v[i])) return false;
        return true;
      };
    }
    case 'record': {
      const keyDef = def.keyType && defOf(def.keyType);
      const item = def.valueType && compile(def.valueType);
      if (!item || keyDef?.type !== 'string' || keyDef.checks?.length) return null;
      return (v) => {
        if (!isPlainObject(v)) return false;
        for (const key of Object.keys(v)) if (!item(v[key])) return false;
        return true;
      };
    }
    case 'object':
      return compileObject(def);
    default:
      return null;
  }
}

/** The route's response schema, as fastify-type-provider-zod reads it. */
function zodSchemaOf(schema: unknown): $ZodType | null {
  if (schema instanceof $ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  return properties instanceof $ZodType ? properties : null;
}

/** fastify's serializer compiler: the check above, else zod's encode (its errors unchanged). */
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const viaZod = zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
  const schema = zodSchemaOf(route.schema);
  const check = schema && compile(schema);
  if (!check) return viaZod;
  return (data: unknown) => (check(data) ? JSON.stringify(data) : viaZod(data));
};
