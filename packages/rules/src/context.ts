import type { Locale } from '@stagecraft/schema';

/** What a rule may know besides the record: the clock, the user and the record's previous version. */
export interface RuleContext {
  /** The evaluation instant; `now`/`today` read it. Pure code never reads the system clock. */
  now?: Date | string;
  /** IANA time zone for calendar operators; default `Asia/Shanghai`. */
  timeZone?: string;
  user?: { id: string; roles: string[]; orgUnit?: string | null };
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
