/**
 * What authentication attaches to a request: the signed-in user and the store `Actor` built from it.
 * Declared here once so every route sees typed `request.user` / `request.actor`.
 */
import type { Actor, ApiTokenGrant, User } from '@stagecraft/store';
import type { FastifyRequest } from 'fastify';
import { fail } from '../errors/issues-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null on public routes and anonymous calls. */
    user: User | null;
    /** The user as the store's repositories want it. */
    actor: Actor | null;
    /** The id of the session cookie's session (null for API tokens and anonymous calls). */
    sessionId: string | null;
    /** What the request's API token allows (null for sessions and anonymous calls). */
    apiToken: ApiTokenGrant | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (health, login, docs). */
    public?: boolean;
  }
}

/** The actor the store checks scope and permissions against. */
export function actorOf(user: User): Actor {
  return { workspaceId: user.workspaceId, userId: user.id, roles: user.roles, orgUnitId: user.orgUnitId };
}

/** The request's actor; routes behind auth always have one. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) fail('UNAUTHENTICATED');
  return request.actor;
}

/** The actor, refused with FORBIDDEN unless it holds the admin role (definition changes, users). */
export function requireAdmin(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (!actor.roles.includes('admin')) fail('FORBIDDEN');
  return actor;
}
