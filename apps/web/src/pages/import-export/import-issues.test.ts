import type { ApiError } from '@stagecraft/renderer';
import { describe, expect, it } from 'vitest';
import { importRowErrors, MAX_SHOWN_ERRORS } from './import-issues.js';

const refusal = (details: ApiError['details']): ApiError => ({
  status: 422,
  code: 'IMPORT_INVALID',
  message: 'Some rows are invalid; nothing was imported.',
  details,
});

describe('importRowErrors', () => {
  it('reads line and column from the issue details, in line order', () => {
    const r = importRowErrors(
      refusal([
        {
          path: '/rows/5/amount',
          message: 'Enter a number.',
          code: 'IMPORT_INVALID',
          details: { line: 5, column: '金额', field: 'amount', cause: 'NOT_A_NUMBER' },
        },
        {
          path: '/rows/3/name',
          message: 'This field is required.',
          code: 'IMPORT_INVALID',
          details: { line: 3, column: 'Name', field: 'name', cause: 'REQUIRED' },
        },
      ]),
    );
    expect(r).toEqual({
      total: 2,
      shown: [
        { line: 3, column: 'Name', message: 'This field is required.' },
        { line: 5, column: '金额', message: 'Enter a number.' },
      ],
    });
  });

  it('falls back to the path when the details are missing', () => {
    const r = importRowErrors(refusal([{ path: '/rows/7/tier', message: 'Unknown option.' }]));
    expect(r.shown).toEqual([{ line: 7, column: 'tier', message: 'Unknown option.' }]);
  });

  it('keeps an issue without a line, after the ones with a line, with the refusal message', () => {
    const r = importRowErrors(
      refusal([
        { path: '', message: '' },
        { path: '/rows/2/name', message: 'Too long.' },
      ]),
    );
    expect(r.shown).toEqual([
      { line: 2, column: 'name', message: 'Too long.' },
      { line: null, column: '', message: 'Some rows are invalid; nothing was imported.' },
    ]);
  });

  it('shows at most the first 200 and counts them all', () => {
    const many = Array.from({ length: 450 }, (_, i) => ({
      path: `/rows/${452 - i}/amount`,
      message: 'Enter a number.',
      details: { line: 452 - i, column: 'Amount' },
    }));
    const r = importRowErrors(refusal(many));
    expect(r.total).toBe(450);
    expect(r.shown).toHaveLength(MAX_SHOWN_ERRORS);
    expect(r.shown[0]?.line).toBe(3);
    expect(r.shown.at(-1)?.line).toBe(202);
  });

  it('takes the total from a closing issue when the server listed only some', () => {
    const listed = Array.from({ length: 200 }, (_, i) => ({
      path: `/rows/${i + 2}/amount`,
      message: 'Enter a number.',
      details: { line: i + 2, column: 'Amount' },
    }));
    const r = importRowErrors(
      refusal([
        ...listed,
        { path: '/rows', message: '250 more errors are not listed.', details: { total: 450 } },
      ]),
    );
    expect(r.total).toBe(450);
    expect(r.shown).toHaveLength(200);
    expect(r.shown.every((e) => e.line !== null)).toBe(true);
  });
});
