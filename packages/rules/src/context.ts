import type { Locale } from '@stagecraft/schema';

/** The signed-in user as rules see it (`current_user`, `has_role`). */
export interface RuleUser {
  id: string;
  roles: string[];
  orgUnit?: string | null;
}

/** What a rule may know besides the record: the clock, the user and the record's previous version. */
export interface RuleContext {
  /** The evaluation instant; `now`/`today` read it. Pure code never reads the system clock. */
  now?: Date | string;
  /** IANA time zone for calendar operators; default `Asia/Shanghai`. */
  timeZone?: string;
  user?: RuleUser;
  /** The stored version of the record on update (`changed`, `previous`); null or absent on create. */
  previous?: Record<string, unknown> | null;
  locale?: Locale;
}

/** The context after defaults are applied, as compiled rules see it. */
export interface ResolvedContext {
  nowMs: number | null;
  timeZone: string;
  user: { id: string; roles: string[]; orgUnit?: string | null } | null;
  previous: Record<string, unknown> | null;
  locale: Locale;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * The zone an app's rules, periods and "today" run in: the published app's `settings.timeZone`,
 * else the workspace's zone, else the default. The server resolves it once per request and hands
 * the result to the browser, so both sides compute `today` in the same zone.
 */
export function appTimeZone(appZone?: string | null, workspaceZone?: string | null): string {
  return appZone || workspaceZone || DEFAULT_TIME_ZONE;
}

/** What the rule context of a record is built from, on the server and in the browser alike. */
export interface RuleContextInput {
  /** The server's clock: on the server its reading, in the browser the measured server time. */
  now: Date | string | number;
  /** The app's zone (`appTimeZone`). */
  timeZone: string;
  /** The signed-in user; null for a write without one. */
  user: RuleUser | null;
  /** The stored record on update; null or absent on create. */
  previous?: Record<string, unknown> | null;
  locale?: Locale;
}

/**
 * The one rule context of a record evaluation. The server's record validation, its stage guards
 * and the browser's form all call it, so `now`, `today`, the user and `previous` mean the same.
 */
export function buildRuleContext(input: RuleContextInput): RuleContext {
  const now = input.now instanceof Date ? input.now : new Date(input.now);
  const context: RuleContext = { now, timeZone: input.timeZone, previous: input.previous ?? null };
  if (input.user)
    context.user = { id: input.user.id, roles: [...input.user.roles], orgUnit: input.user.orgUnit ?? null };
  if (input.locale) context.locale = input.locale;
  return context;
}

const EMPTY: ResolvedContext = {
  nowMs: null,
  timeZone: DEFAULT_TIME_ZONE,
  user: null,
  previous: null,
  locale: 'zh-CN',
};

/** Applies defaults once per evaluation. */
export function resolveContext(context: RuleContext | undefined): ResolvedContext {
  if (!context) return EMPTY;
  const now = context.now;
  const nowMs = now === undefined ? null : typeof now === 'string' ? Date.parse(now) : now.getTime();
  return {
    nowMs: nowMs === null || Number.isNaN(nowMs) ? null : nowMs,
    timeZone: context.timeZone ?? DEFAULT_TIME_ZONE,
    user: context.user ?? null,
    previous: context.previous ?? null,
    locale: context.locale ?? 'zh-CN',
  };
}
