import { describe, expect, it } from 'vitest';
import { IssuesError } from '../errors/issues-error.js';
import { listQueryFromString, parseMeasures, parseSort } from './list-query.js';

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof IssuesError) return e.issues.map((i) => [i.code, i.path]);
    throw e;
  }
  return [];
}

describe('list query string', () => {
  it('parses filter, sort and paging', () => {
    expect(
      listQueryFromString({
        filter: '{">":[{"var":"qty"},2]}',
        sort: 'level,-qty',
        limit: 10,
        offset: 20,
        search: ' ab ',
      }),
    ).toEqual({
      filter: { '>': [{ var: 'qty' }, 2] },
      sort: [
        { field: 'level', direction: 'asc' },
        { field: 'qty', direction: 'desc' },
      ],
      limit: 10,
      offset: 20,
      search: 'ab',
    });
  });

  it('refuses bad JSON and SQL-looking sort keys at their paths', () => {
    expect(issuesOf(() => listQueryFromString({ filter: '{"==":' }))).toEqual([
      ['VALIDATION_FAILED', '/query/filter'],
    ]);
    expect(issuesOf(() => parseSort('qty,id; DROP TABLE x'))).toEqual([['UNKNOWN_FIELD', '/sort/1/field']]);
    expect(issuesOf(() => parseSort('"qty"'))).toEqual([['UNKNOWN_FIELD', '/sort/0/field']]);
  });

  it('parses measures', () => {
    expect(parseMeasures('count,sum:qty')).toEqual([{ op: 'count' }, { op: 'sum', field: 'qty' }]);
    expect(issuesOf(() => parseMeasures('median:qty'))).toEqual([['VALIDATION_FAILED', '/measures/0/op']]);
    expect(issuesOf(() => parseMeasures('sum'))).toEqual([['VALIDATION_FAILED', '/measures/0/field']]);
  });
});
