/**
 * The one password policy, used by every route that sets a password and by the CLI: at least
 * {@link MIN_PASSWORD_LENGTH} characters, neither the email nor its local part inside it, and not on
 * the common-password list of `@zxcvbn-ts/language-common` (about 30 000 leaked passwords, shipped
 * in the package, no network; see docs/decisions/password-policy.md).
 */
import { type Issue, issue } from '@stagecraft/schema';
import { dictionary } from '@zxcvbn-ts/language-common';

/** Fewest characters (code points) a password may have. */
export const MIN_PASSWORD_LENGTH = 10;

/** The common passwords, lower-cased, built on first use (the list is decompressed once). */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/**
 * The issues a new password has under the policy (empty when it passes), each at `path`.
 * @example
 * checkPassword('short', 'li@example.com', '/password')[0]?.code // 'PASSWORD_TOO_SHORT'
 */
export function checkPassword(password: string, email: string, path: string): Issue[] {
  const issues: Issue[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) issues.push(issue('PASSWORD_TOO_SHORT', path));
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0] ?? '';
  // A local part of 1–2 characters ("li@…") would refuse half of all passwords; 3 or more count.
  if (address && (lower.includes(address) || (local.length >= 3 && lower.includes(local))))
    issues.push(issue('PASSWORD_CONTAINS_EMAIL', path));
  if (commonPasswords().has(lower)) issues.push(issue('PASSWORD_TOO_COMMON', path));
  return issues;
}
