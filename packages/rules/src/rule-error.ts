import type { Issue } from '@stagecraft/schema';

/** Thrown by `compile` (misuse: compiling a rule that does not validate) and when an evaluation exceeds its budget. */
export class RuleError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(issues.map((i) => `${i.code} at ${i.path || '/'}: ${i.message}`).join('; '));
    this.name = 'RuleError';
    this.issues = issues;
  }
}

/** Appends a segment to a JSON pointer (RFC 6901 escaping). */
export function childPath(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
