/**
 * Migration 2 → 3. Version 2 let a transition name `afterActions`, but nothing ever ran them: the
 * move only echoed the names back. Follow-up work after a move is an automation with a
 * `stage_changed` trigger (`from`/`to` stages); its event is written in the move's transaction (the
 * audit trail is the outbox), so it is never lost. Version 3 drops the key, so a document cannot
 * promise work that never happens.
 *
 * The shape read here is version 2's: a stage machine's `transitions[]`, or an app's
 * `stageMachines[].transitions[]` (apps migrate their embedded documents one by one, so the app
 * step itself has nothing to do).
 */
import type { DocumentKind } from './kinds.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The version-3 form of a version-2 document of `kind`: transitions without `afterActions`. */
export function dropAfterActions(doc: unknown, kind: DocumentKind): unknown {
  if (kind !== 'stageMachine' || !isObject(doc) || !Array.isArray(doc.transitions)) return doc;
  return {
    ...doc,
    transitions: doc.transitions.map((transition) => {
      if (!isObject(transition) || !('afterActions' in transition)) return transition;
      const { afterActions: _dropped, ...rest } = transition;
      return rest;
    }),
  };
}
