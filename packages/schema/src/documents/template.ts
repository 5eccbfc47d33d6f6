import { z } from 'zod';
import { Id, LocalizedText } from '../common.js';
import { MODEL_TEXTS } from '../model-messages.js';

/** `MAJOR.MINOR.PATCH` with an optional pre-release tag; upgrades compare these. */
export const SemVer = z
  .string()
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/, MODEL_TEXTS.semVer.en);
export type SemVer = z.infer<typeof SemVer>;

/** A path inside the template folder: relative, forward slashes, never leaving the folder. */
const RelativePath = z
  .string()
  .min(1)
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]+$/, MODEL_TEXTS.relativePath.en);

/**
 * The manifest of a template pack (`templates/<name>/manifest.json`). The app's documents sit in
 * `appDir` as one JSON file per document; the loader assembles them into one App. Earlier
 * versions' assembled apps sit in `historyDir/<version>.json`, so an upgrade can merge three ways.
 */
export const TemplateManifest = z
  .object({
    kind: z.literal('template').optional(),
    schemaVersion: z.number().int().positive(),
    /** The pack's name as typed in `stagecraft template install <id>`: kebab-case. */
    id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, MODEL_TEXTS.templateId.en),
    version: SemVer,
    label: LocalizedText,
    description: LocalizedText,
    /** Image shown in the template gallery. */
    preview: RelativePath,
    appDir: RelativePath.default('app'),
    historyDir: RelativePath.default('history'),
    /** The demo-data generator: a module exporting `generateDemo({ seed, scale, now })`. */
    demo: z
      .object({
        /** TypeScript source of the generator (tests and tsx import it). */
        entry: RelativePath,
        /** The built module the server imports when it runs from JavaScript. */
        compiled: RelativePath.optional(),
        seed: z.number().int().optional(),
        /** The entity whose row count `scale` sets (e.g. the pipeline entity for benchmarks). */
        scaleEntity: Id.optional(),
      })
      .strict()
      .optional(),
    tags: z.array(z.string().min(1)).optional(),
    /** Installed, with demo data, by the first `stagecraft start` on an empty database. */
    installByDefault: z.boolean().optional(),
  })
  .strict();
/** A manifest after parsing: folder defaults filled in. */
export type TemplateManifest = z.infer<typeof TemplateManifest>;

/** Parses `1.2.3-rc.1` into numbers; null when it is not a semantic version. */
function parseSemVer(version: string): { parts: [number, number, number]; pre: string | null } | null {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(version);
  if (!match) return null;
  return { parts: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] ?? null };
}

/**
 * Orders two semantic versions: negative when `a` is older, 0 when equal, positive when newer.
 * A pre-release sorts before its release. Throws on a malformed version (a bug in the caller).
 *
 * @example compareSemVer('1.0.0', '1.1.0') < 0
 */
export function compareSemVer(a: string, b: string): number {
  const pa = parseSemVer(a);
  const pb = parseSemVer(b);
  if (!pa || !pb) throw new Error(`not a semantic version: ${pa ? b : a}`);
  for (let i = 0; i < 3; i++) {
    const d = (pa.parts[i] ?? 0) - (pb.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === null) return 1;
  if (pb.pre === null) return -1;
  return pa.pre < pb.pre ? -1 : 1;
}
