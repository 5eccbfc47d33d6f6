import { API } from '@stagecraft/contract';
import { describe, expect, it } from 'vitest';
import { contractIssues } from './contract-check.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const record = { id: 'r1', version: 1, amount: 3 };

describe('contractIssues', () => {
  it('accepts an answer that matches the schema of its status', () => {
    expect(contractIssues(API.records.getRecord, 200, JSON_TYPE, JSON.stringify(record))).toEqual([]);
  });

  it('names the paths of an answer that breaks it', () => {
    const issues = contractIssues(API.records.getRecord, 200, JSON_TYPE, JSON.stringify({ id: 1 }));
    expect(issues.map((i) => i.path).sort()).toEqual(['/id', '/version']);
  });

  it('refuses a status the route does not declare', () => {
    expect(contractIssues(API.records.createRecord, 200, JSON_TYPE, JSON.stringify(record))).toHaveLength(1);
  });

  it('holds errors to the common envelope, or to the route’s own error schema', () => {
    const envelope = { error: { code: 'NOT_FOUND', message: 'x', details: [] } };
    expect(contractIssues(API.records.getRecord, 404, JSON_TYPE, JSON.stringify(envelope))).toEqual([]);
    expect(
      contractIssues(API.records.getRecord, 404, JSON_TYPE, JSON.stringify({ message: 'x' })),
    ).not.toEqual([]);
    // POST …/transitions declares its 422: only TRANSITION_BLOCKED fits it.
    expect(
      contractIssues(API.transitions.runTransition, 422, JSON_TYPE, JSON.stringify(envelope)),
    ).not.toEqual([]);
  });

  it('wants JSON, except for a file answer', () => {
    expect(contractIssues(API.records.getRecord, 200, 'text/html', '<p>')).toHaveLength(1);
    expect(contractIssues(API.transfer.exportRecords, 200, 'text/csv', 'a,b\n')).toEqual([]);
    expect(contractIssues(API.transfer.exportRecords, 403, 'text/csv', 'no')).toHaveLength(1);
  });
});
