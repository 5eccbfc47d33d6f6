import type { Field } from '@stagecraft/schema';
import { sql } from 'kysely';
import type { TableChange } from '../contract.js';
import type { Db } from '../db.js';
import { columnType } from './column-types.js';
import { archiveColumn, restoreBatch } from './field-archive.js';
import { sequenceName } from './names.js';
import type { EntityPlan } from './publish-plan.js';

/** Everything a publish needs besides the plan. */
export interface ApplyContext {
  appNo: number;
  workspaceId: string;
  /** Who publishes (recorded on restored records). */
  actorId: string | null;
  /** The version being published (stored with archived values and on entity_tables). */
  version: number;
  newId: () => string;
}

function columnDefinition(field: Field) {
  return sql`${sql.id(field.id)} ${sql.raw(columnType(field))}`;
}

async function ensureSequence(db: Db, table: string, field: Field): Promise<void> {
  if (field.type === 'auto_number')
    await sql`create sequence if not exists ${sql.id(sequenceName(table, field.id))}`.execute(db);
}

/**
 * Carries out a checked plan. Must run inside the publish transaction: PostgreSQL DDL is
 * transactional, so if any step fails the tables, archive and versions are left as they were.
 * @returns what changed, with the number of values archived or restored.
 */
export async function applyPlans(db: Db, plans: EntityPlan[], ctx: ApplyContext): Promise<TableChange[]> {
  const changes: TableChange[] = [];
  for (const plan of plans) {
    const { entity, table } = plan;
    const t = sql.id(table);
    for (const step of plan.steps) {
      switch (step.kind) {
        case 'create_table': {
          const fields = entity.fields.map(columnDefinition);
          // _stages_reached: the stages a record moved into, kept by the stage-history trigger
          // (migration 300) and read by funnels; no field id starts with `_`.
          await sql`create table ${t} (
            id text primary key,
            version integer not null default 1,
            owner_id text,
            org_unit_id text,
            stage text,
            stage_entered_at timestamptz,
            created_at timestamptz not null default now(),
            created_by text,
            updated_at timestamptz not null default now(),
            updated_by text,
            deleted_at timestamptz,
            _stages_reached text[]
            ${fields.length ? sql`, ${sql.join(fields)}` : sql``}
          )`.execute(db);
          for (const field of entity.fields) await ensureSequence(db, table, field);
          changes.push({ entity: entity.id, kind: 'create_table' });
          break;
        }
        case 'archive_column': {
          const values = await archiveColumn(
            db,
            { appNo: ctx.appNo, entityId: entity.id, table, field: step.field },
            ctx.newId(),
            ctx.version,
          );
          await sql`alter table ${t} drop column ${sql.id(step.field.id)}`.execute(db);
          changes.push({ entity: entity.id, kind: 'archive_column', field: step.field.id, values });
          break;
        }
        case 'convert_column': {
          const type = sql.raw(columnType(step.to));
          await sql`alter table ${t} alter column ${sql.id(step.to.id)} type ${type} using ${step.conversion.using}`.execute(
            db,
          );
          await ensureSequence(db, table, step.to);
          changes.push({ entity: entity.id, kind: 'convert_column', field: step.to.id });
          break;
        }
        case 'add_column': {
          await sql`alter table ${t} add column ${columnDefinition(step.field)}`.execute(db);
          await ensureSequence(db, table, step.field);
          changes.push({ entity: entity.id, kind: 'add_column', field: step.field.id });
          if (step.restore) {
            const values = await restoreBatch(db, table, step.field, step.restore, {
              workspaceId: ctx.workspaceId,
              appNo: ctx.appNo,
              entityId: entity.id,
              actorId: ctx.actorId,
              definitionVersion: ctx.version,
            });
            if (values !== null)
              changes.push({ entity: entity.id, kind: 'restore_column', field: step.field.id, values });
          }
          break;
        }
      }
    }
    for (const name of plan.dropIndexes) await sql`drop index if exists ${sql.id(name)}`.execute(db);
    for (const spec of plan.indexes) await spec.create.execute(db);
    const row = {
      app_no: ctx.appNo,
      entity_id: entity.id,
      table_name: table,
      definition: JSON.stringify(entity),
      indexes: JSON.stringify(plan.indexes.map((s) => s.name)),
      definition_version: ctx.version,
    };
    await db
      .insertInto('entity_tables')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['app_no', 'entity_id']).doUpdateSet({
          definition: row.definition,
          indexes: row.indexes,
          definition_version: row.definition_version,
          updated_at: sql`now()`,
        }),
      )
      .execute();
  }
  return changes;
}
