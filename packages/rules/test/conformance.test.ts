import { readFileSync } from 'node:fs';
import { apply, compile } from '@stagecraft/rules';
import { describe, expect, it } from 'vitest';

interface Case {
  description: string;
  rule: unknown;
  data?: unknown;
  result?: unknown;
  error?: boolean;
}

// A copy of shared/conformance/jsonlogic-compatible.json: json-logic-engine's suites/compatible.json
// (MIT licence), the cases jsonlogic.com publishes as tests.json. See fixtures/README.md.
const file = new URL('./fixtures/jsonlogic-compatible.json', import.meta.url);
const cases = (JSON.parse(readFileSync(file, 'utf8')) as (string | Case)[]).filter(
  (c): c is Case => typeof c !== 'string',
);

describe('JSON Logic conformance (jsonlogic-compatible.json)', () => {
  it('has all 278 cases', () => {
    expect(cases).toHaveLength(278);
  });

  it.each(cases.map((c, i) => [i, c.description, c] as const))('#%i %s (compiled)', (_i, _d, c) => {
    const run = () => compile(c.rule)(c.data);
    if (c.error) expect(run).toThrow();
    else expect(run()).toEqual(c.result);
  });

  it('apply gives the same results as compile', () => {
    for (const c of cases) if (!c.error) expect(apply(c.rule, c.data)).toEqual(c.result);
  });
});
