/**
 * `pnpm --filter @stagecraft/server gen:docs` (part of the root `pnpm gen:docs`): writes
 * docs/reference/errors.md. Run with the `source` condition so workspace packages resolve to source.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderErrors } from './render-errors.js';

writeFileSync(fileURLToPath(new URL('../../../docs/reference/errors.md', import.meta.url)), renderErrors());
console.log('wrote docs/reference/errors.md');
