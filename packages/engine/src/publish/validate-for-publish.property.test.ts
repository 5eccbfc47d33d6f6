import { ERROR_CODES, validateApp } from '@stagecraft/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import sample from '../../../schema/test/fixtures/sample-app.json' with { type: 'json' };
import { validateAppForPublish } from './validate-for-publish.js';

type Json = unknown;

/** Every path to a node of the sample, so a mutation can hit any of them. */
function paths(
  node: Json,
  at: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(at);
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) paths(n, [...at, i], out);
  } else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) paths(v, [...at, k], out);
  return out;
}
const all = paths(sample).filter((p) => p.length > 0);

function mutate(path: (string | number)[], value: Json): Json {
  const doc = structuredClone(sample) as Record<string | number, Json>;
  let node = doc;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path[path.length - 1] as string | number] = value;
  return doc;
}

const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('nope', 'gadget', 'maker', 'title', 'createdAt', 'draft', 'qa', '', null, [], {}),
);

describe('app validation on arbitrary edits of a valid app', () => {
  it('always answers with a result (never throws), with registered codes and JSON pointers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), replacement, (path, value) => {
        const doc = mutate(path, value);
        for (const r of [validateApp(doc), validateAppForPublish(doc)]) {
          if (r.ok) continue;
          for (const i of r.issues) {
            expect(Object.keys(ERROR_CODES)).toContain(i.code);
            expect(i.path === '' || i.path.startsWith('/')).toBe(true);
          }
        }
      }),
      { numRuns: 500, seed: 20_240_502 },
    );
  });
});
