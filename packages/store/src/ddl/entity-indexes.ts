import type { Entity } from '@stagecraft/schema';
import { type RawBuilder, sql } from 'kysely';
import { indexName } from './names.js';

/** An index an entity table should have; `unique` ones are checked against live rows first. */
export interface IndexSpec {
  name: string;
  columns: string[];
  unique: boolean;
  /** Where a duplicate blocking a unique index is reported. */
  path: string;
  create: RawBuilder<unknown>;
}

const SYSTEM_INDEXES: [string, string][] = [
  ['owner', 'owner_id'],
  ['org', 'org_unit_id'],
  ['stage', 'stage'],
  ['created', 'created_at'],
  ['updated', 'updated_at'],
  ['deleted', 'deleted_at'],
];

/**
 * The indexes of an entity's table: the system columns that scope, boards and sorting use, each
 * reference field, plus a unique index among live rows for each `unique` field and each dedupe key.
 */
export function entityIndexes(table: string, entity: Entity, entityIndex: number): IndexSpec[] {
  const specs: IndexSpec[] = SYSTEM_INDEXES.map(([suffix, column]) => {
    const name = indexName(table, suffix);
    return {
      name,
      columns: [column],
      unique: false,
      path: '',
      create: sql`create index if not exists ${sql.id(name)} on ${sql.id(table)} (${sql.id(column)})`,
    };
  });
  const unique = (suffix: string, columns: string[], path: string) => {
    const name = indexName(table, suffix);
    specs.push({
      name,
      columns,
      unique: true,
      path,
      create: sql`create unique index if not exists ${sql.id(name)} on ${sql.id(table)} (${sql.join(columns.map((c) => sql.id(c)))}) where deleted_at is null`,
    });
  };
  // References are followed both ways (a customer's timeline lists the records pointing at it).
  for (const field of entity.fields) {
    if (field.type !== 'reference') continue;
    const name = indexName(table, `r_${field.id}`);
    specs.push({
      name,
      columns: [field.id],
      unique: false,
      path: '',
      create: sql`create index if not exists ${sql.id(name)} on ${sql.id(table)} (${sql.id(field.id)})`,
    });
  }
  entity.fields.forEach((field, j) => {
    if (field.unique && field.type !== 'subtable')
      unique(`u_${field.id}`, [field.id], `/entities/${entityIndex}/fields/${j}/unique`);
  });
  (entity.dedupeKeys ?? []).forEach((key, k) => {
    unique(`d_${key.join('_')}`, key, `/entities/${entityIndex}/dedupeKeys/${k}`);
  });
  return specs;
}
