/**
 * The engine's view of the rule language: whether a rule holds on some data, what it computes,
 * and sentences saying why not. The default adapter wires @stagecraft/rules; hosts and tests may pass another port.
 */
import type { Locale, LocalizedText } from '@stagecraft/schema';

/** What a rule may know besides the record while a transition is checked. */
export interface RuleEnv {
  now: Date;
  /** The app's zone, as record validation and the browser's forms use it. */
  timeZone: string;
  user: { id: string; roles: string[]; orgUnit?: string | null };
  locale: Locale;
  labels: Record<string, LocalizedText>;
}

export interface RulePort {
  holds(rule: unknown, data: Record<string, unknown>, env: RuleEnv): boolean;
  /** The value of a rule on `data` (a transition's `setFields`); throws when it cannot be evaluated. */
  value(rule: unknown, data: Record<string, unknown>, env: RuleEnv): unknown;
  /** A localized explanation of why the rule does not hold on `data`, if the rule language can give one. */
  explain(rule: unknown, data: Record<string, unknown>, env: RuleEnv): string | undefined;
}
