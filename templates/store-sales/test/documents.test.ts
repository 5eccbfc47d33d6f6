import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { packConformance } from '../../../apps/server/test/template-conformance.js';

describe('store-sales pack', () => {
  packConformance(fileURLToPath(new URL('..', import.meta.url)), { now: '2026-11-20T02:00:00.000Z' });
});
