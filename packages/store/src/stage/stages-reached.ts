/**
 * "The record reached this stage", said once for the funnel and the records list so that a funnel
 * step and the list it opens always count the same records. A record reached a stage when
 * - the stage is its machine's initial stage (every record starts there), or
 * - the stage history records a move into it (`_stages_reached`, the distinct stages the record
 *   moved into, kept by the stage-history trigger of migration 300 in the same transaction as every
 *   move), or
 * - it is in the stage now (a record imported straight into a later stage has no move into it).
 */
import type { App, Entity } from '@stagecraft/schema';
import { type Issue, issue } from '@stagecraft/schema';
import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** The column the stage-history trigger keeps on every entity table; no field id starts with `_`. */
export const STAGES_REACHED_COLUMN = '_stages_reached';

/** Where a row keeps its current stage and the stages it moved into (columns or grouped values). */
export interface StageColumns {
  stage: RawBuilder<unknown>;
  reached: RawBuilder<unknown>;
}

/** The columns of an entity table row (unqualified, as in the records list's WHERE). */
export const ROW_STAGE_COLUMNS: StageColumns = {
  stage: sql.ref('stage'),
  reached: sql.ref(STAGES_REACHED_COLUMN),
};

/** Whether the row reached `stage` of a machine whose initial stage is `initialStage`. */
export function reachedSql(stage: string, initialStage: string, row: StageColumns): RawBuilder<SqlBool> {
  if (stage === initialStage) return sql<SqlBool>`true`;
  return sql<SqlBool>`coalesce(${row.stage} = ${stage} or ${stage} = any(${row.reached}), false)`;
}

/**
 * The records-list condition "reached `stage`" for an entity of a published app (the records API's
 * `reachedStage`), or an issue at `/reachedStage` when the entity has no machine with that stage.
 */
export function reachedStageCondition(
  definition: Pick<App, 'stageMachines'>,
  entity: Pick<Entity, 'id'>,
  stage: unknown,
): { ok: true; where: RawBuilder<SqlBool> } | { ok: false; issues: Issue[] } {
  const machine = definition.stageMachines.find((m) => m.entity === entity.id);
  if (typeof stage !== 'string' || !machine?.stages.some((s) => s.id === stage))
    return {
      ok: false,
      issues: [
        issue(
          'VALIDATION_FAILED',
          '/reachedStage',
          machine
            ? {
                en: `The stage machine of this entity has no stage "${String(stage)}".`,
                'zh-CN': `该实体的阶段流程中没有阶段「${String(stage)}」。`,
              }
            : { en: 'This entity has no stage machine.', 'zh-CN': '该实体没有阶段流程。' },
        ),
      ],
    };
  return { ok: true, where: reachedSql(stage, machine.initialStage, ROW_STAGE_COLUMNS) };
}
