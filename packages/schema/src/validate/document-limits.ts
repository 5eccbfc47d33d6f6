import type { Locale } from '../common.js';
import { type Issue, localizedIssue } from '../errors.js';
import { pointer } from './issues.js';

/**
 * Bounds on any document before a recursive parser sees it: a hostile draft nested a hundred
 * thousand levels deep must get an issue, not a stack overflow. Rules have tighter limits of their
 * own (checked by @stagecraft/rules at publish).
 */
export const DOCUMENT_LIMITS = { depth: 200, nodes: 500_000 } as const;

/** Walks the document iteratively; returns the first limit it breaks, if any. */
export function documentLimitIssues(input: unknown, locale: Locale = 'en'): Issue[] {
  const stack: { node: unknown; path: PropertyKey[] }[] = [{ node: input, path: [] }];
  let nodes = 0;
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: PropertyKey[] };
    if (++nodes > DOCUMENT_LIMITS.nodes) {
      const message = {
        en: `The document has more than ${DOCUMENT_LIMITS.nodes} elements.`,
        'zh-CN': `文档元素超过 ${DOCUMENT_LIMITS.nodes} 个。`,
      };
      return [localizedIssue('VALIDATION_FAILED', '', message, locale)];
    }
    if (typeof node !== 'object' || node === null) continue;
    if (path.length >= DOCUMENT_LIMITS.depth) {
      const message = {
        en: `Nested more than ${DOCUMENT_LIMITS.depth} levels deep.`,
        'zh-CN': `嵌套超过 ${DOCUMENT_LIMITS.depth} 层。`,
      };
      return [localizedIssue('VALIDATION_FAILED', pointer(...path), message, locale)];
    }
    for (const [key, child] of Object.entries(node))
      stack.push({ node: child, path: [...path, Array.isArray(node) ? Number(key) : key] });
  }
  return [];
}
