import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * The stages each record has moved into, on the record's own row: `_stages_reached text[]` on
 * every entity table (the distinct `to_stage` of its stage history; a field id cannot start with
 * `_`, so it never collides). A funnel then reads one column of one table instead of folding the
 * whole history per query. A statement-level trigger on `stage_history` keeps it current in the
 * same transaction as every move, whoever writes it (the transition step, the bulk importer), with
 * one set-based UPDATE per entity and statement. New tables get the column from the DDL
 * (`publish-apply.ts`); existing ones get it here, filled from their history. Running it again is
 * harmless (the upgrade test does).
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create or replace function stage_reached_note() returns trigger language plpgsql as $$
      declare t record;
      begin
        for t in select distinct m.app_no, m.entity_id, e.table_name
                 from moved m join entity_tables e on e.app_no = m.app_no and e.entity_id = m.entity_id loop
          execute format(
            'update %I r set _stages_reached = array(select distinct s from unnest(coalesce(r._stages_reached, ''{}'') || m.stages) s order by s)
             from (select record_id, array_agg(distinct to_stage) as stages from moved
                   where app_no = $1 and entity_id = $2 group by record_id) m
             where r.id = m.record_id and not (coalesce(r._stages_reached, ''{}'') @> m.stages)',
            t.table_name) using t.app_no, t.entity_id;
        end loop;
        return null;
      end $$`,
      'drop trigger if exists stage_history_reached on stage_history',
      `create trigger stage_history_reached after insert on stage_history
        referencing new table as moved for each statement execute function stage_reached_note()`,
      `do $$
      declare t record;
      begin
        for t in select app_no, entity_id, table_name from entity_tables loop
          execute format('alter table %I add column if not exists _stages_reached text[]', t.table_name);
          execute format(
            'update %I r set _stages_reached = m.stages
             from (select record_id, array_agg(distinct to_stage order by to_stage) as stages from stage_history
                   where app_no = $1 and entity_id = $2 group by record_id) m
             where r.id = m.record_id',
            t.table_name) using t.app_no, t.entity_id;
        end loop;
      end $$`,
    ]),
};
