/**
 * The one context of a request on an entity's records, built once at its start and passed down:
 * the actor, ONE reading of the server clock, the caller's language, the published app (cached, see
 * ../records/published-apps.ts), the entity, the store's entity context (table, permission, scope)
 * and the app's zone. Nothing below it reads the clock or looks the app up again.
 */
import type { Entity, Locale } from '@stagecraft/schema';
import type { Actor, EntityContext, EntityRecords } from '@stagecraft/store';
import { entityContextOf } from '@stagecraft/store';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../auth/request-context.js';
import { unwrap } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { entityOf, type PublishedApp } from '../records/published-apps.js';
import type { RecordWriteContext } from '../records/record-validation.js';
import { ruleUserOf } from '../records/rule-context.js';
import type { ServerServices } from '../services.js';

/** A request's context on one entity. */
export interface EntityRequest {
  actor: Actor;
  /** The request's one clock reading. */
  now: Date;
  locale: Locale;
  pub: PublishedApp;
  entity: Entity;
  /** The store's context: table, permission and scope of this actor. */
  ctx: EntityContext;
  /** The entity's records, bound to `ctx`. */
  records: EntityRecords;
  /** The app's zone (rules, periods, buckets). */
  timeZone: string;
}

/** Builds the context of an actor's work on an entity at `now` (routes and the worker alike). */
export async function entityContextFor(
  services: ServerServices,
  actor: Actor,
  appId: string,
  entityId: string,
  now: Date,
  locale: Locale,
): Promise<EntityRequest> {
  const pub = await services.published.latest(actor, appId);
  const entity = entityOf(pub, entityId);
  const ctx = unwrap(entityContextOf(actor, pub.ref, entityId));
  return {
    actor,
    now,
    locale,
    pub,
    entity,
    ctx,
    records: services.store.records.in(ctx),
    timeZone: pub.timeZone,
  };
}

/** The context of this HTTP request on `appId` / `entityId` (the signed-in user, read once). */
export function entityRequest(
  services: ServerServices,
  request: FastifyRequest,
  appId: string,
  entityId: string,
): Promise<EntityRequest> {
  return entityContextFor(
    services,
    requireActor(request),
    appId,
    entityId,
    services.clock.now(),
    requestLocale(request),
  );
}

/** The rule/formula context of a write in this request: its user, clock reading, language, zone. */
export function ruleContextOf(req: EntityRequest): RecordWriteContext & { timeZone: string } {
  return { user: ruleUserOf(req.actor), now: req.now, locale: req.locale, timeZone: req.timeZone };
}
