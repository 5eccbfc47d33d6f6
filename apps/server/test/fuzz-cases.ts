/**
 * Hostile requests generated from the OpenAPI document: for every operation, a plausible base
 * request (real ids in the path, a body sampled from its schema), then one mutation at a time of
 * each path parameter, query parameter and body property, and of the body as a whole: wrong types,
 * huge and negative numbers, JSON 10,000 deep, NUL bytes, lone surrogates and invalid UTF-8,
 * impossible dates, oversize strings, truncated bodies, unknown fields; multipart routes also get
 * cut-short and broken multipart bodies. Deterministic: a seeded generator picks the mutations.
 */
import type { InjectOptions } from 'fastify';

/** One generated request and what it attacks. */
export interface FuzzCase {
  route: string;
  what: string;
  write: boolean;
  request: InjectOptions;
}

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
/** The part of an OpenAPI document the generator reads. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** mulberry32: a small seeded generator, so a failing run repeats exactly. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEEP = 10_000;
/** `[[[…]]]` 10,000 deep, as text (JSON.stringify would recurse). */
export const DEEP_ARRAYS = `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;
const DEEP_OBJECTS = `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`;
const DEEP_RULE = `${'{"!":['.repeat(DEEP)}true${']}'.repeat(DEEP)}`;

/** Hostile values for a URL position, already percent-encoded (lone surrogates cannot be encoded). */
export const URL_VALUES: readonly string[] = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF%FE',
  '%C0%AF',
  '-1',
  '1e309',
  '99999999999999999999999999',
  'NaN',
  '2026-02-31',
  '0000-00-00',
  encodeURIComponent("' OR 1=1 --"),
  '..%2F..%2Fetc%2Fpasswd',
  '__proto__',
  'a'.repeat(5000),
  encodeURIComponent(DEEP_ARRAYS),
  encodeURIComponent(DEEP_RULE),
  encodeURIComponent('{"var":'),
];

/** Hostile JSON values for a body property, as JSON text. */
const VALUE_TEXTS: readonly string[] = [
  '123',
  '-1',
  '1e308',
  '-1e308',
  '9007199254740993',
  '0.5',
  'true',
  'null',
  '[]',
  '{}',
  '"\\u0000"',
  '"a\\ud800"',
  '"\\udfff"',
  '"2026-02-31"',
  '"2026-02-30T25:61:00Z"',
  JSON.stringify('x'.repeat(200_000)),
  DEEP_ARRAYS,
  DEEP_OBJECTS,
  DEEP_RULE,
  '{"__proto__":{"polluted":1}}',
  '["\\u0000",{"k\\u0000":1}]',
];

/** Whole hostile bodies (text, or bytes for invalid UTF-8). */
function wholeBodies(base: string): [string, string | Buffer][] {
  return [
    ['empty body', ''],
    ['truncated body', base.slice(0, Math.max(1, Math.floor(base.length / 2)))],
    ['just an open brace', '{'],
    ['a number body', '123'],
    ['a string body', '"text"'],
    ['an array body', '[]'],
    ['null body', 'null'],
    ['arrays 10,000 deep', DEEP_ARRAYS],
    ['objects 10,000 deep', DEEP_OBJECTS],
    ['prototype keys', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'],
    [
      'unknown field',
      base.startsWith('{') && base !== '{}' ? `${base.slice(0, -1)},"zzUnknown":1}` : '{"zzUnknown":1}',
    ],
    ['NUL key', '{"\\u0000":1}'],
    [
      'invalid UTF-8',
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('"}')]),
    ],
    ['2 MB body', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })],
  ];
}

/** The schema a `$ref` names, followed to the end. */
function resolve(doc: OpenApiDoc, schema: Schema | undefined, hops = 0): Schema {
  if (!schema) return {};
  const ref = schema.$ref;
  if (typeof ref === 'string' && hops < 20) {
    const name = ref.replace('#/components/schemas/', '');
    return resolve(doc, doc.components?.schemas?.[name], hops + 1);
  }
  return schema;
}

/** A plausible value of a schema (required properties only), to mutate one part of at a time. */
export function sample(doc: OpenApiDoc, input: Schema | undefined, depth = 0): unknown {
  const schema = resolve(doc, input);
  if (depth > 4) return null;
  const choice = (schema.anyOf ?? schema.oneOf ?? schema.allOf) as Schema[] | undefined;
  if (choice?.[0]) return sample(doc, choice[0], depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const key of (schema.required ?? []) as string[])
        out[key] = sample(doc, properties[key], depth + 1);
      return out;
    }
    case 'array':
      return [];
    case 'string':
      return schema.format === 'date'
        ? '2026-03-01'
        : schema.format === 'date-time'
          ? '2026-03-01T00:00:00Z'
          : 'x';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}

/** The properties of a body schema, to attack one by one. */
function propertiesOf(doc: OpenApiDoc, input: Schema | undefined): string[] {
  const schema = resolve(doc, input);
  const choice = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  const properties = (schema.properties ?? (choice?.[0] ? resolve(doc, choice[0]).properties : undefined)) as
    | Record<string, Schema>
    | undefined;
  return Object.keys(properties ?? {});
}

/** What the generator fills path parameters with: a real value per name, else `x`. */
export type PathValues = Record<string, string>;

const boundary = 'fuzz-boundary';
const MULTIPART = { 'content-type': `multipart/form-data; boundary=${boundary}` };
function multipartBodies(): [string, Buffer, Record<string, string>][] {
  const part = (name: string, filename: string, data: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${data}\r\n`;
  const full = `${part('file', 'a.txt', 'hello')}--${boundary}--\r\n`;
  return [
    ['multipart cut in the headers', Buffer.from(full.slice(0, 40)), MULTIPART],
    ['multipart cut in the file', Buffer.from(full.slice(0, full.length - 20)), MULTIPART],
    [
      'multipart without the closing boundary',
      Buffer.from(full.replace(`--${boundary}--\r\n`, '')),
      MULTIPART,
    ],
    [
      'multipart with two files',
      Buffer.from(`${part('file', 'a.txt', 'a')}${part('file', 'b.txt', 'b')}--${boundary}--\r\n`),
      MULTIPART,
    ],
    [
      'multipart NUL file name',
      Buffer.from(`${part('file', 'a\u0000.txt', 'a')}--${boundary}--\r\n`),
      MULTIPART,
    ],
    [
      'multipart broken part header',
      Buffer.from(`--${boundary}\r\nnonsense\r\n\r\nx\r\n--${boundary}--\r\n`),
      MULTIPART,
    ],
    ['multipart without boundary', Buffer.from('x'), { 'content-type': 'multipart/form-data' }],
  ];
}

function csvBodies(): [string, string | Buffer][] {
  return [
    ['csv NUL cell', 'a,b\nx\u0000y,1\n'],
    ['csv unclosed quote', 'a,b\n"never closed,1\n'],
    ['csv invalid UTF-8', Buffer.from([0x61, 0x0a, 0xff, 0xfe, 0xc0, 0x0a])],
    ['csv lone surrogate cell', 'a\n\ud800\n'],
    ['csv 10,000 columns', `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n1\n`],
    ['csv empty', ''],
  ];
}

const rest = (list: readonly string[], taken: readonly string[]) => list.filter((v) => !taken.includes(v));

/** `n` of the values, picked by the seeded generator (all of them when there are no more). */
function pick<T>(list: readonly T[], n: number, random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

/** How many more hostile values each query parameter and body property gets (path parameters get all). */
export const VALUES_PER_PART = 5;

/** Sent to every query parameter and body property: NUL, a lone surrogate, 10,000 deep. */
const URL_ALWAYS = ['a%00b', '%ED%A0%80', encodeURIComponent(DEEP_RULE)];
const VALUE_ALWAYS = ['"a\\u0000b"', '"a\\ud800"', DEEP_RULE];

/** Every hostile request for every operation of the document. */
export function fuzzCases(doc: OpenApiDoc, values: PathValues, seed = 13): FuzzCase[] {
  const random = seeded(seed);
  const cases: FuzzCase[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
    for (const [method, operation] of Object.entries(operations)) {
      const verb = method.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(verb)) continue;
      const route = `${verb} ${path}`;
      const write = verb !== 'GET';
      const parameters = operation.parameters ?? [];
      const pathParams = parameters.filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = parameters.filter((p) => p.in === 'query');
      const urlWith = (override: Record<string, string> = {}) =>
        path.replace(
          /\{(\w+)\}/g,
          (_m, name: string) => override[name] ?? encodeURIComponent(values[name] ?? 'x'),
        );
      const content = operation.requestBody?.content ?? {};
      const jsonSchema = content['application/json']?.schema;
      const multipart = 'multipart/form-data' in content;
      const baseBody = jsonSchema ? JSON.stringify(sample(doc, jsonSchema)) : undefined;
      const json = { 'content-type': 'application/json' };
      const add = (what: string, url: string, body?: string | Buffer, headers?: Record<string, string>) =>
        cases.push({
          route,
          what,
          write,
          request: {
            method: verb as InjectOptions['method'],
            url,
            ...(body !== undefined
              ? { payload: body, headers: headers ?? json }
              : headers
                ? { headers }
                : {}),
          },
        });
      const base = () => baseBody;
      // Path parameters, one at a time.
      for (const name of pathParams)
        for (const value of URL_VALUES)
          add(`path ${name}=${value.slice(0, 30)}`, urlWith({ [name]: value }), base());
      // Query parameters, one at a time; an unknown one; a repeated one.
      for (const param of queryParams)
        for (const value of [...URL_ALWAYS, ...pick(rest(URL_VALUES, URL_ALWAYS), VALUES_PER_PART, random)])
          add(`query ${param.name}=${value.slice(0, 30)}`, `${urlWith()}?${param.name}=${value}`, base());
      add('unknown query parameter', `${urlWith()}?zzUnknown=1`, base());
      const first = queryParams[0];
      if (first) add(`repeated query ${first.name}`, `${urlWith()}?${first.name}=a&${first.name}=b`, base());
      // The body as a whole, then one property at a time (a seeded pick when there are many).
      if (jsonSchema) {
        for (const [what, body] of wholeBodies(baseBody ?? '{}')) add(what, urlWith(), body);
        const object = (sample(doc, jsonSchema) ?? {}) as Record<string, unknown>;
        const properties = propertiesOf(doc, jsonSchema);
        for (const property of properties) {
          for (const text of [
            ...VALUE_ALWAYS,
            ...pick(rest(VALUE_TEXTS, VALUE_ALWAYS), VALUES_PER_PART, random),
          ]) {
            const marker = '"__fuzz_value__"';
            const body = JSON.stringify({ ...object, [property]: '__fuzz_value__' }).replace(marker, text);
            add(`body ${property}=${text.slice(0, 30)}`, urlWith(), body);
          }
        }
      } else if (write && !multipart) {
        add('unexpected JSON body', urlWith(), '{"zzUnknown":1}');
        add('unexpected deep body', urlWith(), DEEP_ARRAYS);
      }
      if (multipart)
        for (const [what, body, headers] of multipartBodies()) add(what, urlWith(), body, headers);
      if ('text/csv' in content)
        for (const [what, body] of csvBodies()) add(what, urlWith(), body, { 'content-type': 'text/csv' });
      if (write) add('text/plain body', urlWith(), 'a=b', { 'content-type': 'text/plain' });
    }
  }
  return cases;
}
