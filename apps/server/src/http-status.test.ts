import { ERROR_CODES } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { HTTP_STATUS, statusOf } from './http-status.js';

describe('HTTP_STATUS', () => {
  it('has a status for every code of the registry', () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !(code in HTTP_STATUS));
    expect(missing).toEqual([]);
  });

  it('maps no code that is not in the registry', () => {
    const extra = Object.keys(HTTP_STATUS).filter((code) => !(code in ERROR_CODES));
    expect(extra).toEqual([]);
  });

  it('keeps caller mistakes in 4xx and only INTERNAL_ERROR in 5xx', () => {
    for (const [code, status] of Object.entries(HTTP_STATUS)) {
      if (code === 'INTERNAL_ERROR') {
        expect(status).toBe(500);
      } else {
        expect(status, code).toBeGreaterThanOrEqual(400);
        expect(status, code).toBeLessThan(500);
      }
    }
  });

  it('uses the statuses of the contract', () => {
    expect([statusOf('UNAUTHENTICATED'), statusOf('FORBIDDEN'), statusOf('RECORD_NOT_FOUND')]).toEqual([
      401, 403, 404,
    ]);
    expect([
      statusOf('VERSION_CONFLICT'),
      statusOf('DRAFT_CONFLICT'),
      statusOf('APP_EXISTS'),
      statusOf('DUPLICATE_RECORD'),
    ]).toEqual([409, 409, 409, 409]);
    expect([
      statusOf('PAYLOAD_TOO_LARGE'),
      statusOf('UNSUPPORTED_MEDIA_TYPE'),
      statusOf('TRANSITION_BLOCKED'),
      statusOf('RATE_LIMITED'),
    ]).toEqual([413, 415, 422, 429]);
  });
});
