import { type Issue, issue, NUMERIC_FIELD_TYPES } from '@stagecraft/schema';
import { sql } from 'kysely';
import type { Actor, Result } from '../contract.js';
import type { Db } from '../db.js';
import { MESSAGES } from '../messages.js';
import { columnOf, type EntityContext } from './entity-context.js';
import { and, type FilterContext, readConditions } from './record-query.js';

/** An aggregate request: measures over the records in scope, optionally grouped by one field. */
export interface AggregateQuery {
  filter?: unknown;
  groupBy?: string;
  measures: { op: 'count' | 'sum' | 'avg' | 'min' | 'max'; field?: string }[];
  ruleContext?: FilterContext;
}

const NUMERIC = new Set<string>(NUMERIC_FIELD_TYPES);
const OPS = new Set(['count', 'sum', 'avg', 'min', 'max']);

/**
 * count/sum/avg/min/max under exactly the scope and filter a list would use, so dashboards and
 * board headers never count records the actor cannot open. sum and count of nothing are 0; avg,
 * min and max of nothing are null.
 */
export async function aggregateRecords(
  db: Db,
  ctx: EntityContext,
  actor: Actor,
  query: AggregateQuery,
): Promise<Result<{ group: unknown; values: (number | null)[] }[]>> {
  const issues: Issue[] = [];
  const conditions = readConditions(ctx, actor, { filter: query.filter, ruleContext: query.ruleContext });
  if (!conditions.ok) return conditions;
  const measures = (Array.isArray(query.measures) ? query.measures : []).map((m, k) => {
    if (!OPS.has(m?.op)) {
      issues.push(
        issue('VALIDATION_FAILED', `/measures/${k}/op`, {
          en: 'Expected count, sum, avg, min or max.',
          'zh-CN': '应为 count、sum、avg、min 或 max。',
        }),
      );
      return sql`0`;
    }
    if (m.field === undefined) {
      if (m.op === 'count') return sql`count(*)`;
      issues.push(issue('VALIDATION_FAILED', `/measures/${k}/field`, MESSAGES.needsNumericField(m.op)));
      return sql`0`;
    }
    const column = columnOf(ctx, m.field);
    if (!column) {
      issues.push(issue('UNKNOWN_FIELD', `/measures/${k}/field`, MESSAGES.unknownField(m.field)));
      return sql`0`;
    }
    if (m.op === 'count') return sql`count(${sql.id(column.column)})`;
    if (!NUMERIC.has(column.type) && column.column !== 'version') {
      issues.push(issue('VALIDATION_FAILED', `/measures/${k}/field`, MESSAGES.needsNumericField(m.op)));
      return sql`0`;
    }
    const expr = sql`${sql.raw(m.op)}(${sql.id(column.column)})::double precision`;
    return m.op === 'sum' ? sql`coalesce(${expr}, 0)` : expr;
  });
  if (!measures.length) issues.push(issue('VALIDATION_FAILED', '/measures', MESSAGES.oneMeasure));
  const group = query.groupBy === undefined ? undefined : columnOf(ctx, query.groupBy);
  if (query.groupBy !== undefined && !group)
    issues.push(issue('UNKNOWN_FIELD', '/groupBy', MESSAGES.unknownField(query.groupBy)));
  if (issues.length) return { ok: false, issues };
  const selects = measures.map((m, k) => sql`${m} as ${sql.id(`m${k}`)}`);
  const where = and(conditions.where);
  const { rows } = group
    ? await sql<Record<string, unknown>>`
        select ${sql.id(group.column)} as g, ${sql.join(selects)} from ${sql.id(ctx.table)}
        where ${where} group by 1 order by 1 nulls last`.execute(db)
    : await sql<
        Record<string, unknown>
      >`select null as g, ${sql.join(selects)} from ${sql.id(ctx.table)} where ${where}`.execute(db);
  return {
    ok: true,
    value: rows.map((r) => ({
      group: r.g ?? null,
      values: measures.map((_, k) =>
        r[`m${k}`] === null || r[`m${k}`] === undefined ? null : Number(r[`m${k}`]),
      ),
    })),
  };
}
