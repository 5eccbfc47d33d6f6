import { appTimeZone, buildRuleContext, type RuleContext, type RuleUser } from '@stagecraft/rules';
import type { Locale } from '@stagecraft/schema';

/**
 * The browser's half of the rule contract: rules in a form must see the server's `now`, the app's
 * zone and the signed-in user, exactly as the server's record validation does. The server sends
 * its clock reading, zone and user with the published app (`ruleContext`); the browser keeps the
 * offset of the server's clock from its own, so a skewed device clock does not move `today`.
 */

/** The rule context facts the server sends with the published app. */
export interface ServerRuleContext {
  /** The server's clock when it answered (ISO-8601). */
  now: string;
  /** The app's zone as the server resolved it (app setting, else workspace). */
  timeZone: string;
  user: RuleUser | null;
}

/** What the browser's rules know besides the record, for the lifetime of a loaded app. */
export interface RuleSession {
  /** The server's clock now, as measured: the local clock plus the offset. */
  now(): Date;
  timeZone: string;
  user: RuleUser | null;
}

/**
 * How far the server's clock is ahead of the local one (ms), from one request: the server read its
 * clock, on average, half-way between sending and receiving (the NTP estimate).
 */
export function serverClockOffset(serverNow: string, sentAt: number, receivedAt: number): number {
  const server = Date.parse(serverNow);
  if (Number.isNaN(server)) return 0;
  return server - (sentAt + receivedAt) / 2;
}

/**
 * The session of a loaded app: the server's zone and user, and its clock as the local clock plus
 * the offset measured when the app was fetched (`sentAt`/`receivedAt` on the local clock).
 */
export function createRuleSession(
  server: ServerRuleContext,
  measured: { sentAt: number; receivedAt: number },
  localClock: () => number = Date.now,
): RuleSession {
  const offset = serverClockOffset(server.now, measured.sentAt, measured.receivedAt);
  return {
    now: () => new Date(localClock() + offset),
    timeZone: server.timeZone,
    user: server.user
      ? { id: server.user.id, roles: [...server.user.roles], orgUnit: server.user.orgUnit ?? null }
      : null,
  };
}

/**
 * A session on the local clock with no user, for a form shown without a server (a designer
 * preview, component tests); the zone is the app's setting, else the default.
 */
export function localRuleSession(timeZone?: string, localClock: () => number = Date.now): RuleSession {
  return { now: () => new Date(localClock()), timeZone: appTimeZone(timeZone), user: null };
}

/**
 * The rule context of a form's record: the same `buildRuleContext` the server's record validation
 * calls, fed with the session's clock, zone and user, and the stored record as `previous`.
 */
export function formRuleContext(
  session: RuleSession,
  previous: Record<string, unknown> | null | undefined,
  locale: Locale,
): RuleContext {
  return buildRuleContext({
    now: session.now(),
    timeZone: session.timeZone,
    user: session.user,
    previous: previous ?? null,
    locale,
  });
}
