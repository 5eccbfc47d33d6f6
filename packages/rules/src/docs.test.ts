import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apply } from './compile.js';
import type { RuleContext } from './context.js';
import { OPERATORS } from './operators/table.js';

const doc = readFileSync(new URL('../../../docs/reference/rules.md', import.meta.url), 'utf8');
const context: RuleContext = {
  now: '2026-11-22T02:30:00.000Z',
  timeZone: 'Asia/Shanghai',
  user: { id: 'u7', roles: ['sales', 'manager'], orgUnit: 'east' },
  previous: { amount: 300000, stage: '需求确认' },
};
const examples = [...doc.matchAll(/^\| `(.+)` \| `(.+)` \| `(.+)` \|$/gm)].map(
  (m) => m.slice(1, 4) as [string, string, string],
);

describe('docs/reference/rules.md', () => {
  it('documents every operator of the table', () => {
    for (const name of OPERATORS.keys()) expect(doc, name).toContain(`\`${name}`);
  });

  it('has examples for the sales operators', () => {
    expect(examples.length).toBeGreaterThan(20);
  });

  it.each(examples)('%s on %s gives %s', (rule, data, result) => {
    expect(apply(JSON.parse(rule), JSON.parse(data), context)).toEqual(JSON.parse(result));
  });
});
