/**
 * What a request's rules know besides the record: the server's clock, the app's zone and the
 * signed-in user. Record writes, imports and stage guards take it from here, and the published-app
 * response hands the same zone, user and clock reading to the browser, whose forms then build the
 * same context (`buildRuleContext` in @stagecraft/rules) from them.
 */
import { appTimeZone, type RuleUser } from '@stagecraft/rules';
import type { App } from '@stagecraft/schema';
import type { Actor } from '@stagecraft/store';
import type { FastifyRequest } from 'fastify';
import { requestLocale } from '../errors/locale.js';
import type { ServerServices } from '../services.js';
import type { RecordWriteContext } from './record-validation.js';

/**
 * The app's zone (`appTimeZone`: its setting, else the workspace's): periods and buckets are cut
 * in it, and every rule context of the app (records, stage guards, the browser's forms) uses it.
 */
export async function zoneOf(services: ServerServices, actor: Actor, app: App): Promise<string> {
  return zoneIn(services.store.identity, actor.workspaceId, app);
}

/** `zoneOf` for callers holding only an identity repository (the template installer). */
export async function zoneIn(identity: object, workspaceId: string, app: App): Promise<string> {
  if (app.settings?.timeZone) return appTimeZone(app.settings.timeZone);
  const workspaces = identity as { getWorkspace?: (id: string) => Promise<{ timeZone: string } | null> };
  return appTimeZone(null, (await workspaces.getWorkspace?.(workspaceId))?.timeZone);
}

/** The signed-in user as rules see it (`current_user`, `has_role`). */
export function ruleUserOf(actor: Actor): RuleUser & { orgUnit: string | null } {
  return { id: actor.userId, roles: [...actor.roles], orgUnit: actor.orgUnitId };
}

/** The rule/formula context of a write by this request's user, at `now`, in the app's zone. */
export function writeContext(
  request: FastifyRequest,
  actor: Actor,
  now: Date,
  timeZone: string,
): RecordWriteContext & { timeZone: string } {
  return { user: ruleUserOf(actor), now, locale: requestLocale(request), timeZone };
}

/** `writeContext` with the app's zone looked up. */
export async function requestWriteContext(
  services: ServerServices,
  request: FastifyRequest,
  actor: Actor,
  app: App,
  now: Date,
): Promise<RecordWriteContext & { timeZone: string }> {
  return writeContext(request, actor, now, await zoneOf(services, actor, app));
}

/** What the browser needs to evaluate rules as the server does: the clock reading, zone and user. */
export interface ClientRuleContext {
  /** The server's clock when the response was made (ISO-8601 UTC, milliseconds). */
  now: string;
  timeZone: string;
  user: { id: string; roles: string[]; orgUnit: string | null };
}

/** The client's copy of the rule context of this user in this app, read at `now`. */
export async function clientRuleContext(
  services: ServerServices,
  actor: Actor,
  app: App,
  now: Date,
): Promise<ClientRuleContext> {
  return {
    now: now.toISOString(),
    timeZone: await zoneOf(services, actor, app),
    user: ruleUserOf(actor),
  };
}
