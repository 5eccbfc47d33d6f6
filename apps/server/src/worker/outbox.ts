/**
 * Record events from the audit trail (the outbox: each audit row is written in the transaction of
 * its record write, so no event is lost to a crash between commit and enqueue). Each pass reads the
 * rows after the shared cursor, in (transaction, id) order, whose transactions have all finished
 * (see the store's `readOutbox`): a row can never turn up behind the cursor later, so a transaction
 * that took low audit ids and commits after thousands of other writes were handled still has its
 * events read, once. The cost: while one write transaction stays open, the events of newer ones
 * wait for it to end. Each pass skips rows already turned into jobs (two runners may read the same
 * rows) and enqueues one event job per row an automation listens to, keyed by audit id. Writes by
 * automations themselves do not trigger automations (no loops), nor do bulk imports (history). The
 * cursor starts after the rows that existed when automations were installed (migrations 201, 202).
 */
import type { RecordEvent } from '@stagecraft/engine';
import type { App } from '@stagecraft/schema';
import {
  laterCursor,
  OUTBOX_START,
  type OutboxCursor,
  type OutboxEntry,
  type RecordData,
} from '@stagecraft/store';
import { AUTOMATION_USER, systemActor } from '../use-cases/system-actor.js';
import { EVENT_JOB, listens } from './event-kinds.js';
import type { WorkerDeps } from './worker-context.js';

const TYPES: Partial<Record<OutboxEntry['action'], RecordEvent['type']>> = {
  create: 'record_created',
  update: 'record_updated',
  delete: 'record_deleted',
  transition: 'stage_changed',
};
/** Where the shared cursor lives (not a workspace: the audit trail is one table). */
const CURSOR = { workspace: '*', key: 'outbox:audit' };
const BATCH = 500;

/** The version before a write: the record now, with this write's changed fields set back. */
function previousOf(record: RecordData, entry: OutboxEntry): RecordData | null {
  if (entry.action === 'create') return null;
  const back = Object.fromEntries(
    Object.entries(entry.changes)
      .filter(([k]) => k !== 'transition')
      .map(([k, v]) => [k, v.from]),
  );
  return { ...record, ...back };
}

type Definitions = Map<string, Promise<App | null>>;

/** The latest published definition, looked up once per app and pass; null when unpublished. */
function definitionOf(deps: WorkerDeps, entry: OutboxEntry, cache: Definitions): Promise<App | null> {
  const key = `${entry.workspaceId}:${entry.appId}`;
  let found = cache.get(key);
  if (!found) {
    found = deps.published.latest(systemActor(entry.workspaceId), entry.appId).then(
      (p) => p.definition,
      () => null,
    );
    cache.set(key, found);
  }
  return found;
}

async function eventOfEntry(
  deps: WorkerDeps,
  entry: OutboxEntry,
  cache: Definitions,
): Promise<RecordEvent | null> {
  const type = TYPES[entry.action];
  // Bulk imports (demo data, migrations) are history, not events; automation writes trigger nothing.
  if (!type || entry.actorId === AUTOMATION_USER || entry.changes.imported) return null;
  const actor = systemActor(entry.workspaceId);
  const definition = await definitionOf(deps, entry, cache);
  if (!definition || !listens(definition, entry.entityId, type)) return null;
  const found = await deps.store.records.get(actor, entry.appId, entry.entityId, entry.recordId);
  if (!found.ok) return null;
  const stage = entry.changes.stage;
  const transition = entry.changes.transition?.to;
  const machine = definition.stageMachines.find((m) => m.entity === entry.entityId);
  return {
    type,
    app: entry.appId,
    entity: entry.entityId,
    record: found.value,
    previous: previousOf(found.value, entry),
    actor: entry.actorId,
    at: entry.at,
    key: `audit:${entry.id}`,
    ...(type === 'stage_changed'
      ? {
          from: (stage?.from as string | null | undefined) ?? null,
          to: String(stage?.to ?? found.value.stage ?? ''),
          ...(typeof transition === 'string' ? { transitionId: transition } : {}),
          ...(machine ? { stageMachine: machine.id } : {}),
        }
      : {}),
  };
}

/** One pass over the outbox; returns how many event jobs it enqueued. */
export async function drainOutbox(deps: WorkerDeps): Promise<number> {
  const automation = deps.store.automation;
  const cursor =
    (await automation.automation.readCursor<OutboxCursor>(CURSOR.workspace, CURSOR.key)) ?? OUTBOX_START;
  const entries = await automation.automation.outbox(cursor, BATCH);
  if (entries.length === 0) return 0;
  const byWorkspace = new Map<string, OutboxEntry[]>();
  for (const e of entries) byWorkspace.set(e.workspaceId, [...(byWorkspace.get(e.workspaceId) ?? []), e]);
  let enqueued = 0;
  const now = deps.clock.now();
  const cache: Definitions = new Map();
  for (const [workspaceId, list] of byWorkspace) {
    const done = new Set(
      (
        await automation.jobs.byKeys(
          workspaceId,
          list.map((e) => `audit:${e.id}`),
        )
      ).map((j) => j.key),
    );
    for (const entry of list) {
      if (done.has(`audit:${entry.id}`)) continue;
      const event = await eventOfEntry(deps, entry, cache);
      if (!event) continue;
      const keys = await automation.jobs.enqueue(
        [{ workspaceId, kind: EVENT_JOB, key: event.key, payload: event }],
        now,
      );
      enqueued += keys.length;
    }
  }
  const last = entries.at(-1);
  if (last)
    await automation.transaction((trx) =>
      automation.automation.updateCursor<OutboxCursor>(trx, CURSOR.workspace, CURSOR.key, now, (current) =>
        laterCursor(current ?? OUTBOX_START, { tx: last.tx, id: last.id }),
      ),
    );
  return enqueued;
}
