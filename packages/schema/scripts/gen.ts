/**
 * `pnpm --filter @stagecraft/schema gen` (root: `pnpm gen:docs`): writes the JSON Schema files and
 * the generated reference pages. Run it after changing a model, an error code or a migration. The
 * root script also runs the server's generator, which writes docs/reference/errors.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DOCUMENT_KINDS, documentJsonSchema } from '../src/index.js';
import { renderDefinitionLanguage, renderMigrationTable } from './render-docs.js';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

mkdirSync(root('packages/schema/json-schema'), { recursive: true });
for (const kind of DOCUMENT_KINDS) {
  writeFileSync(
    root(`packages/schema/json-schema/${kind}.schema.json`),
    `${JSON.stringify(documentJsonSchema(kind), null, 2)}\n`,
  );
}
mkdirSync(root('docs/reference'), { recursive: true });
writeFileSync(root('docs/reference/definition-language.md'), renderDefinitionLanguage());

// migrations.md is prose around a generated table between two markers.
const migrations = root('docs/reference/migrations.md');
const page = readFileSync(migrations, 'utf8');
const begin = '<!-- migrations:begin -->';
const end = '<!-- migrations:end -->';
const at = page.indexOf(begin);
const to = page.indexOf(end);
if (at < 0 || to < at) throw new Error(`${migrations} lacks the ${begin} … ${end} markers`);
writeFileSync(
  migrations,
  `${page.slice(0, at + begin.length)}\n${renderMigrationTable()}\n${page.slice(to)}`,
);
console.log(
  'wrote packages/schema/json-schema/*.schema.json and docs/reference/{definition-language,migrations}.md',
);
