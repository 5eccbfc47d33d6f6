/**
 * Expected failures travel through route handlers as an `IssuesError`, so a handler can `unwrap()` a
 * store or engine result in one line; the error handler turns it into the HTTP envelope.
 */
import { type Bilingual, type ErrorCode, type Issue, issue, type Result } from '@stagecraft/schema';

/** A failure made of issues with stable codes; `status` overrides the code's status when a route needs it. */
export class IssuesError extends Error {
  readonly issues: Issue[];
  readonly status: number | undefined;
  constructor(issues: Issue[], status?: number) {
    super(issues.map((i) => `${i.code} ${i.path}: ${i.message}`).join('; '));
    this.name = 'IssuesError';
    this.issues = issues;
    this.status = status;
  }
}

/** Throws a one-issue failure; a specific message comes in both languages (see `issue`). */
export function fail(code: ErrorCode, path = '', message?: string | Bilingual, details?: unknown): never {
  throw new IssuesError([issue(code, path, message, details)]);
}

/** The value of a successful result, or throws its issues. */
export function unwrap<T>(result: Result<T>, status?: number): T {
  if (result.ok) return result.value;
  throw new IssuesError(result.issues, status);
}
