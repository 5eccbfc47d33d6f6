import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { renderErrors } from '../scripts/render-errors.js';
import { HTTP_STATUS } from '../src/http-status.js';

const page = readFileSync(
  fileURLToPath(new URL('../../../docs/reference/errors.md', import.meta.url)),
  'utf8',
);

describe('docs/reference/errors.md', () => {
  it('is what `pnpm gen:docs` writes', () => {
    expect(page, 'out of date: run `pnpm gen:docs` and commit the result').toBe(renderErrors());
  });

  it('gives every code its status from the server map', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      const status = (HTTP_STATUS as Record<string, number>)[code];
      expect(page).toContain(`| \`${code}\` | ${status} |`);
    }
    expect(renderErrors({})).toContain('| `NOT_FOUND` |  |');
  });
});
