import { apply } from '@stagecraft/rules';
import { describe, expect, it } from 'vitest';
import { type RuleNode, ruleToTree, simplify, treeToRule, updateNode } from './rule-tree.js';

describe('rule builder ↔ JSON Logic', () => {
  const rules: unknown[] = [
    { '==': [{ var: 'tier' }, 'a'] },
    {
      and: [
        { '>=': [{ var: 'amount' }, 1000] },
        { or: [{ in: [{ var: 'tier' }, ['a', 'b']] }, { missing: ['phone'] }] },
      ],
    },
    { '!': { missing: ['budget'] } },
    { in: ['urgent', { var: 'tags' }] },
    { or: [{ '<': [{ var: 'score' }, 5] }, { '!=': [{ var: 'done' }, true] }] },
  ];
  it.each(rules.map((r) => [JSON.stringify(r), r]))('round-trips %s', (_, rule) => {
    const tree = ruleToTree(rule);
    expect(tree.kind).toBe('group');
    expect(simplify(treeToRule(tree))).toEqual(rule);
  });

  it('keeps what the builder cannot show as a raw node', () => {
    const rule = { and: [{ '==': [{ var: 'a' }, 1] }, { '>': [{ '+': [{ var: 'a' }, { var: 'b' }] }, 3] }] };
    const tree = ruleToTree(rule) as Extract<RuleNode, { kind: 'group' }>;
    expect(tree.children[1]).toEqual({
      kind: 'raw',
      rule: { '>': [{ '+': [{ var: 'a' }, { var: 'b' }] }, 3] },
    });
    expect(treeToRule(tree)).toEqual(rule);
  });

  it('an edited tree evaluates as the builder shows it', () => {
    let tree = ruleToTree(undefined);
    expect(treeToRule(tree)).toBeUndefined();
    tree = updateNode(tree, [], (g) =>
      g.kind === 'group'
        ? { ...g, children: [{ kind: 'condition', field: 'amount', operator: '>', value: 100 }] }
        : g,
    );
    tree = updateNode(tree, [0], (c) => (c.kind === 'condition' ? { ...c, value: 500 } : c));
    const rule = simplify(treeToRule(tree));
    expect(rule).toEqual({ '>': [{ var: 'amount' }, 500] });
    expect(apply(rule, { amount: 600 })).toBe(true);
    expect(apply(rule, { amount: 400 })).toBe(false);
    expect(treeToRule(updateNode(tree, [0], () => null))).toBeUndefined();
  });
});
