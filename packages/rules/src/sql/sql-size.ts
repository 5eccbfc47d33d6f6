import type { OperationNode, RawBuilder } from 'kysely';

/** Limits of a translated filter once written out: coercions repeat their operands, so nesting multiplies size. */
export const SQL_LIMITS = { characters: 200_000, parameters: 10_000 } as const;

interface Size {
  characters: number;
  parameters: number;
}

/**
 * The size of an expression when kysely writes it out. The translation shares sub-expressions (a
 * DAG), so this is computed with memoisation in linear time, even when the text would be exponential.
 */
export function writtenSize(expression: RawBuilder<unknown>): Size {
  const memo = new Map<OperationNode, Size>();
  const visit = (node: OperationNode): Size => {
    const known = memo.get(node);
    if (known) return known;
    let size: Size = { characters: 8, parameters: 1 };
    if (node.kind === 'RawNode') {
      const raw = node as OperationNode & {
        sqlFragments: readonly string[];
        parameters: readonly OperationNode[];
      };
      size = { characters: raw.sqlFragments.reduce((n, f) => n + f.length, 0), parameters: 0 };
      for (const child of raw.parameters) {
        const c = visit(child);
        size.characters += c.characters;
        size.parameters += c.parameters;
      }
    } else if (node.kind !== 'ValueNode') size.parameters = 0;
    memo.set(node, size);
    return size;
  };
  return visit(expression.toOperationNode());
}
