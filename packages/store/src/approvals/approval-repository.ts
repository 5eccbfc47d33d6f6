/**
 * Approval instances of records and their append-only decision history. The state (current step,
 * resolved approvers, decisions) is computed by the engine's pure step; this repository stores it
 * with optimistic concurrency (two approvers deciding at once: one wins, the other retries).
 */
import type { Db, Trx } from '../db.js';

/** The engine's approval state, stored as JSON. */
export interface StoredApprovalState {
  status: 'pending' | 'approved' | 'rejected';
  decisions: {
    step: string;
    branch: string;
    user: string;
    decision: 'approve' | 'reject';
    comment: string | null;
    at: string;
  }[];
  [key: string]: unknown;
}

/** One approval of one record. */
export interface ApprovalInstance {
  id: string;
  appId: string;
  entityId: string;
  recordId: string;
  approvalId: string;
  status: StoredApprovalState['status'];
  state: StoredApprovalState;
  version: number;
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface ApprovalRepository {
  /** Creates an instance; null when one of the same approval is already pending on the record. */
  create(
    trx: Db | Trx,
    workspaceId: string,
    input: Omit<ApprovalInstance, 'id' | 'version' | 'status' | 'finishedAt'>,
  ): Promise<ApprovalInstance | null>;
  get(workspaceId: string, id: string): Promise<ApprovalInstance | null>;
  /** Instances of a record, newest first. */
  ofRecord(
    workspaceId: string,
    appId: string,
    entityId: string,
    recordId: string,
  ): Promise<ApprovalInstance[]>;
  /** Pending instances in a workspace (the "waiting for me" list filters them by approver). */
  pending(workspaceId: string): Promise<ApprovalInstance[]>;
  /**
   * Stores the next state at `expectedVersion` and appends its new decisions; false when another
   * decision got there first.
   */
  save(trx: Trx, instance: ApprovalInstance, next: StoredApprovalState, now: Date): Promise<boolean>;
}

const toInstance = (r: Record<string, unknown>): ApprovalInstance => ({
  id: String(r.id),
  appId: String(r.app_id),
  entityId: String(r.entity_id),
  recordId: String(r.record_id),
  approvalId: String(r.approval_id),
  status: r.status as ApprovalInstance['status'],
  state: r.state as StoredApprovalState,
  version: Number(r.version),
  startedBy: (r.started_by as string | null) ?? null,
  startedAt: String(r.started_at),
  finishedAt: (r.finished_at as string | null) ?? null,
});

/** Builds the repository. */
export function createApprovalRepository(db: Db, newId: () => string): ApprovalRepository {
  return {
    async create(target, workspaceId, input) {
      const row = await target
        .insertInto('approval_instances')
        .values({
          id: newId(),
          workspace_id: workspaceId,
          app_id: input.appId,
          entity_id: input.entityId,
          record_id: input.recordId,
          approval_id: input.approvalId,
          status: input.state.status,
          state: JSON.stringify(input.state),
          started_by: input.startedBy,
          started_at: input.startedAt,
          finished_at: input.state.status === 'pending' ? null : input.startedAt,
        })
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'app_id', 'entity_id', 'record_id', 'approval_id'])
            .where('status', '=', 'pending')
            .doNothing(),
        )
        .returningAll()
        .executeTakeFirst();
      return row ? toInstance(row) : null;
    },

    async get(workspaceId, id) {
      const row = await db
        .selectFrom('approval_instances')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toInstance(row) : null;
    },

    async ofRecord(workspaceId, appId, entityId, recordId) {
      const rows = await db
        .selectFrom('approval_instances')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('app_id', '=', appId)
        .where('entity_id', '=', entityId)
        .where('record_id', '=', recordId)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toInstance);
    },

    async pending(workspaceId) {
      const rows = await db
        .selectFrom('approval_instances')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'pending')
        .orderBy('started_at')
        .limit(1000)
        .execute();
      return rows.map(toInstance);
    },

    async save(trx, instance, next, now) {
      const updated = await trx
        .updateTable('approval_instances')
        .set({
          status: next.status,
          state: JSON.stringify(next),
          version: instance.version + 1,
          finished_at: next.status === 'pending' ? null : now.toISOString(),
        })
        .where('id', '=', instance.id)
        .where('version', '=', instance.version)
        .returning('id')
        .executeTakeFirst();
      if (!updated) return false;
      const added = next.decisions.slice(instance.state.decisions.length);
      if (added.length > 0)
        await trx
          .insertInto('approval_decisions')
          .values(
            added.map((d) => ({
              instance_id: instance.id,
              step: d.step,
              branch: d.branch,
              user_id: d.user,
              decision: d.decision,
              comment: d.comment,
              at: d.at,
            })),
          )
          .execute();
      return true;
    },
  };
}
