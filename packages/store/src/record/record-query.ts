import { RuleError, ruleToSql } from '@stagecraft/rules';
import { type Issue, issue } from '@stagecraft/schema';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Actor, ListQuery } from '../contract.js';
import { SEARCHABLE_TYPES } from '../ddl/column-types.js';
import { reachedStageCondition } from '../stage/stages-reached.js';
import { columnOf, type EntityContext } from './entity-context.js';

/** Extra context for rules in filters (the server's clock and time zone). */
export interface FilterContext {
  now?: Date | string;
  timeZone?: string;
}

/** Escapes LIKE wildcards and the escape character itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The WHERE conditions every read of an entity shares: record scope, soft delete, the JSON Logic
 * filter (translated by @stagecraft/rules, the only filter path), the stage the records reached
 * (from the stage history, as funnels count) and free-text search.
 */
export function readConditions(
  ctx: EntityContext,
  actor: Actor,
  query: Pick<ListQuery, 'filter' | 'search' | 'includeDeleted' | 'reachedStage'> & {
    ruleContext?: FilterContext;
  },
): { ok: true; where: Expression<SqlBool>[] } | { ok: false; issues: Issue[] } {
  const where: Expression<SqlBool>[] = [ctx.scope];
  if (!query.includeDeleted) where.push(sql<SqlBool>`deleted_at is null`);
  if (query.filter !== undefined && query.filter !== null) {
    let translated: ReturnType<typeof ruleToSql>;
    try {
      translated = ruleToSql(query.filter, {
        column: (field) => columnOf(ctx, field),
        context: {
          ...query.ruleContext,
          user: { id: actor.userId, roles: actor.roles, orgUnit: actor.orgUnitId },
        },
      });
    } catch (error) {
      // A rule the translator chokes on is the caller's mistake, never a server error.
      const issues =
        error instanceof RuleError
          ? error.issues.map((i) => ({ ...i, path: `/filter${i.path}` }))
          : [issue('RULE_INVALID', '/filter', undefined, { reason: (error as Error).message })];
      return { ok: false, issues };
    }
    if (!translated.ok)
      return { ok: false, issues: translated.issues.map((i) => ({ ...i, path: `/filter${i.path}` })) };
    where.push(translated.value);
  }
  if (query.reachedStage !== undefined && query.reachedStage !== null) {
    const reached = reachedStageCondition(ctx.definition, ctx.entity, query.reachedStage);
    if (!reached.ok) return reached;
    where.push(reached.where);
  }
  if (query.search !== undefined && query.search !== null && typeof query.search !== 'string')
    return {
      ok: false,
      issues: [issue('VALIDATION_FAILED', '/search', { en: 'Expected text.', 'zh-CN': '应为文本。' })],
    };
  const search = query.search?.replaceAll('\u0000', '').trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    const columns = [...ctx.visible.values()].filter((f) => SEARCHABLE_TYPES.has(f.type));
    where.push(
      columns.length
        ? sql<SqlBool>`(${sql.join(
            columns.map((f) => sql`${sql.id(f.id)} ilike ${pattern}`),
            sql` or `,
          )})`
        : sql<SqlBool>`false`,
    );
  }
  return { ok: true, where };
}

/** ORDER BY for a list: any visible field or system field, then id so pages are stable. */
export function orderBy(
  ctx: EntityContext,
  sort: ListQuery['sort'],
): { ok: true; order: Expression<unknown> } | { ok: false; issues: Issue[] } {
  const parts = [];
  const issues: Issue[] = [];
  if (sort !== undefined && sort !== null && !Array.isArray(sort))
    return {
      ok: false,
      issues: [
        issue('VALIDATION_FAILED', '/sort', {
          en: 'Expected a list of sort keys.',
          'zh-CN': '应为排序键的列表。',
        }),
      ],
    };
  for (const [k, key] of (sort ?? []).entries()) {
    const column = typeof key?.field === 'string' ? columnOf(ctx, key.field) : undefined;
    if (!column) {
      issues.push(
        issue('UNKNOWN_FIELD', `/sort/${k}/field`, {
          en: `Cannot sort by "${String(key?.field)}".`,
          'zh-CN': `不能按「${String(key?.field)}」排序。`,
        }),
      );
      continue;
    }
    if (key.direction !== 'asc' && key.direction !== 'desc') {
      issues.push(
        issue('VALIDATION_FAILED', `/sort/${k}/direction`, {
          en: 'Expected "asc" or "desc".',
          'zh-CN': '应为 "asc"（升序）或 "desc"（降序）。',
        }),
      );
      continue;
    }
    parts.push(sql`${sql.id(column.column)} ${sql.raw(key.direction)}`);
  }
  if (issues.length) return { ok: false, issues };
  if (!parts.length) parts.push(sql`created_at desc`);
  parts.push(sql`id asc`);
  return { ok: true, order: sql.join(parts) };
}

/** AND of conditions, each parenthesised (a translated `a or b` must never escape the scope). */
export function and(where: Expression<SqlBool>[]): Expression<SqlBool> {
  return sql<SqlBool>`${sql.join(
    where.map((w) => sql`(${w})`),
    sql` and `,
  )}`;
}
