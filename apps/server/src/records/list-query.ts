/**
 * Turns the records list's query string (`filter` as JSON Logic in JSON, `sort=field,-other`,
 * `limit`, `offset`, `search`, `reachedStage`) or a query body into the store's `ListQuery`. Field names are only
 * shape-checked here; the store refuses unknown ones (UNKNOWN_FIELD) and binds every value.
 */
import { FieldName, type ListQueryBody, type ListQueryString } from '@stagecraft/contract';
import type { ListQuery } from '@stagecraft/store';
import type { z } from 'zod';
import { fail } from '../errors/issues-error.js';

/** Page size when none is asked for. */
export const DEFAULT_LIMIT = 50;

/** Parses `filter` JSON from the query string; bad JSON is the caller's mistake at `/query/filter`. */
export function parseFilter(raw: string | undefined): unknown {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    fail('VALIDATION_FAILED', '/query/filter', {
      en: 'filter must be JSON Logic written as JSON',
      'zh-CN': '筛选条件必须是以 JSON 书写的 JSON Logic 规则',
    });
  }
}

/** Parses `sort=field,-other`. */
export function parseSort(raw: string | undefined): ListQuery['sort'] {
  if (raw === undefined || raw.trim() === '') return undefined;
  const keys = raw.split(',').map((k) => k.trim());
  if (keys.length > 10)
    fail('VALIDATION_FAILED', '/query/sort', { en: 'at most 10 sort keys', 'zh-CN': '排序字段最多 10 个' });
  return keys.map((key, i) => {
    const desc = key.startsWith('-');
    const field = desc || key.startsWith('+') ? key.slice(1) : key;
    if (!FieldName.safeParse(field).success)
      fail('UNKNOWN_FIELD', `/sort/${i}/field`, { en: 'unknown sort field', 'zh-CN': '未知的排序字段' });
    return { field, direction: desc ? ('desc' as const) : ('asc' as const) };
  });
}

/** The store query for a query string. */
export function listQueryFromString(q: z.infer<typeof ListQueryString>): ListQuery {
  return clean({
    filter: parseFilter(q.filter),
    sort: parseSort(q.sort),
    limit: q.limit ?? DEFAULT_LIMIT,
    offset: q.offset ?? 0,
    search: q.search?.trim() || undefined,
    includeDeleted: q.includeDeleted === '1' || q.includeDeleted === 'true' ? true : undefined,
    reachedStage: q.reachedStage,
  });
}

/** The store query for a query body. */
export function listQueryFromBody(b: z.infer<typeof ListQueryBody>): ListQuery {
  return clean({
    ...b,
    limit: b.limit ?? DEFAULT_LIMIT,
    offset: b.offset ?? 0,
    search: b.search?.trim() || undefined,
  });
}

function clean(q: ListQuery): ListQuery {
  const out: ListQuery = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Aggregate measures from `measures=count,sum:amount`. */
export function parseMeasures(
  raw: string,
): { op: 'count' | 'sum' | 'avg' | 'min' | 'max'; field?: string }[] {
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 20)
    fail('VALIDATION_FAILED', '/query/measures', {
      en: 'one to 20 measures like count or sum:amount',
      'zh-CN': '需要 1 到 20 个指标，例如 count 或 sum:amount',
    });
  return parts.map((part, i) => {
    const [op = '', field] = part.split(':');
    if (!['count', 'sum', 'avg', 'min', 'max'].includes(op))
      fail('VALIDATION_FAILED', `/measures/${i}/op`, {
        en: 'count, sum, avg, min or max',
        'zh-CN': '应为 count、sum、avg、min 或 max',
      });
    if (field !== undefined && !FieldName.safeParse(field).success)
      fail('UNKNOWN_FIELD', `/measures/${i}/field`);
    if (op !== 'count' && field === undefined)
      fail('VALIDATION_FAILED', `/measures/${i}/field`, { en: 'needs a field', 'zh-CN': '需要指定字段' });
    const measure: { op: 'count' | 'sum' | 'avg' | 'min' | 'max'; field?: string } = { op: op as 'count' };
    if (field !== undefined) measure.field = field;
    return measure;
  });
}

/**
 * Gives a read the server's clock and the app's zone (`zoneOf`), so `now` and `today` in a filter
 * mean the same on every read path (list, query, aggregates, export) as on a write.
 */
export function withClock<Q extends object>(
  query: Q,
  timeZone: string,
  now: Date,
): Q & { ruleContext: NonNullable<ListQuery['ruleContext']> } {
  const given = (query as { ruleContext?: ListQuery['ruleContext'] }).ruleContext;
  return { ...query, ruleContext: { now, timeZone, ...given } };
}
