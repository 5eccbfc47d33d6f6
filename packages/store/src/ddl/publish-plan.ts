import { type App, type Entity, type Field, issue } from '@stagecraft/schema';
import { sql } from 'kysely';
import type { Issue, Result, TableChange } from '../contract.js';
import type { Db } from '../db.js';
import { columnType } from './column-types.js';
import { entityIndexes, type IndexSpec } from './entity-indexes.js';
import { type ArchiveBatch, archiveBatches, restoreExpression } from './field-archive.js';
import { entityTableName } from './names.js';
import { type Conversion, conversionBetween } from './type-conversion.js';

/** One change to one entity table. */
export type TableStep =
  | { kind: 'create_table' }
  | { kind: 'add_column'; field: Field; restore: ArchiveBatch | null; restorable: number }
  | { kind: 'archive_column'; field: Field; values: number }
  | { kind: 'convert_column'; from: Field; to: Field; conversion: Conversion };

/** What publishing does to one entity's table. */
export interface EntityPlan {
  entity: Entity;
  table: string;
  steps: TableStep[];
  indexes: IndexSpec[];
  dropIndexes: string[];
}

/** An entity table as the last publish left it. */
export interface EntityTableRow {
  entityId: string;
  table: string;
  definition: Entity;
  indexes: string[];
}

/** The entity tables of an app, keyed by entity id. */
export async function entityTables(db: Db, appNo: number): Promise<Map<string, EntityTableRow>> {
  const rows = await db.selectFrom('entity_tables').selectAll().where('app_no', '=', appNo).execute();
  return new Map(
    rows.map((r) => [
      r.entity_id as string,
      {
        entityId: r.entity_id,
        table: r.table_name,
        definition: r.definition as Entity,
        indexes: r.indexes as string[],
      },
    ]),
  );
}

async function count(db: Db, query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  const { rows } = await query.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Works out, without changing anything, what publishing `definition` does to the app's tables, and
 * checks every risky step against the stored data first: a type change whose values would not
 * convert, or a new unique index that live duplicates would break, is an issue at its JSON path.
 * Entities left out of the definition keep their tables and data untouched.
 */
export async function planPublish(db: Db, appNo: number, definition: App): Promise<Result<EntityPlan[]>> {
  const current = await entityTables(db, appNo);
  const issues: Issue[] = [];
  const plans: EntityPlan[] = [];
  for (const [i, entity] of definition.entities.entries()) {
    const existing = current.get(entity.id);
    const table = existing?.table ?? entityTableName(appNo, entity.id);
    const indexes = entityIndexes(table, entity, i);
    if (!existing) {
      plans.push({ entity, table, steps: [{ kind: 'create_table' }], indexes, dropIndexes: [] });
      continue;
    }
    const steps: TableStep[] = [];
    const before = new Map(existing.definition.fields.map((f) => [f.id, f]));
    const after = new Set(entity.fields.map((f) => f.id));
    const added = new Set<string>();
    for (const field of existing.definition.fields) {
      if (after.has(field.id)) continue;
      const values = await count(
        db,
        sql<{
          n: number;
        }>`select count(*)::int as n from ${sql.id(table)} where ${sql.id(field.id)} is not null`,
      );
      steps.push({ kind: 'archive_column', field, values });
    }
    for (const [j, field] of entity.fields.entries()) {
      const old = before.get(field.id);
      if (!old) {
        added.add(field.id);
        const batch = (await archiveBatches(db, appNo, entity.id, field.id)).find(
          (b) =>
            b.restoredAt === null &&
            restoreExpression(columnType(b.fieldDefinition), columnType(field), sql`v`) !== null,
        );
        const restorable = batch
          ? await count(
              db,
              sql<{
                n: number;
              }>`select count(*)::int as n from field_archive a join ${sql.id(table)} t on t.id = a.record_id where a.archive_id = ${batch.archiveId}`,
            )
          : 0;
        steps.push({ kind: 'add_column', field, restore: batch ?? null, restorable });
        continue;
      }
      const conversion = conversionBetween(old, field, field.id);
      if (!conversion) continue;
      if (conversion.invalid) {
        const bad = await count(
          db,
          sql<{
            n: number;
          }>`select count(*)::int as n from ${sql.id(table)} where ${sql.id(field.id)} is not null and (${conversion.invalid})`,
        );
        if (bad > 0) {
          issues.push(
            issue(
              'UNSAFE_TYPE_CHANGE',
              `/entities/${i}/fields/${j}/type`,
              {
                en: `Field "${field.id}" (${conversion.label}): ${bad} stored value(s) cannot be converted; nothing was changed.`,
                'zh-CN': `字段「${field.id}」（${conversion.label}）：有 ${bad} 个已存储的值无法转换，未做任何修改。`,
              },
              { field: field.id, from: old.type, to: field.type, values: bad },
            ),
          );
          continue;
        }
      }
      steps.push({ kind: 'convert_column', from: old, to: field, conversion });
    }
    const had = new Set(existing.indexes);
    for (const spec of indexes) {
      if (!spec.unique || had.has(spec.name) || spec.columns.some((c) => added.has(c))) continue;
      const cols = sql.join(spec.columns.map((c) => sql.id(c)));
      const notNull = sql.join(
        spec.columns.map((c) => sql`${sql.id(c)} is not null`),
        sql` and `,
      );
      const dupes = await count(
        db,
        sql<{
          n: number;
        }>`select count(*)::int as n from (select 1 from ${sql.id(table)} where deleted_at is null and ${notNull} group by ${cols} having count(*) > 1) d`,
      );
      if (dupes > 0)
        issues.push(
          issue('DUPLICATE_RECORD', spec.path, {
            en: `${dupes} group(s) of live records share this key; resolve them before making it unique.`,
            'zh-CN': `有 ${dupes} 组现有记录的该关键字段重复，请先处理后再设为唯一。`,
          }),
        );
    }
    const wanted = new Set(indexes.map((s) => s.name));
    plans.push({
      entity,
      table,
      steps,
      indexes,
      dropIndexes: existing.indexes.filter((n) => !wanted.has(n)),
    });
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: plans };
}

/** The plan as the contract's table changes (with value counts) for the designer and the report. */
export function describePlan(plans: EntityPlan[]): TableChange[] {
  const changes: TableChange[] = [];
  for (const plan of plans) {
    for (const step of plan.steps) {
      const entity = plan.entity.id;
      if (step.kind === 'create_table') changes.push({ entity, kind: 'create_table' });
      else if (step.kind === 'archive_column')
        changes.push({ entity, kind: 'archive_column', field: step.field.id, values: step.values });
      else if (step.kind === 'convert_column')
        changes.push({ entity, kind: 'convert_column', field: step.to.id });
      else {
        changes.push({ entity, kind: 'add_column', field: step.field.id });
        if (step.restore)
          changes.push({ entity, kind: 'restore_column', field: step.field.id, values: step.restorable });
      }
    }
  }
  return changes;
}
