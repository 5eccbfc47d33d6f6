/**
 * Reads template packs from disk: a folder's `manifest.json` and its app documents (one JSON file
 * per document, or an array of documents of one kind), assembled into one App. Nothing here knows
 * a concrete template; packs are discovered at runtime and never imported statically.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issue, Result } from '@stagecraft/schema';
import { App, issue, TemplateManifest } from '@stagecraft/schema';

/** A template pack read from disk and checked against the definition language. */
export interface LoadedTemplate {
  /** Absolute folder of the pack. */
  dir: string;
  manifest: TemplateManifest;
  app: App;
}

/** Where each document kind goes in the assembled App. */
const LIST_OF_KIND = {
  entity: 'entities',
  form: 'forms',
  view: 'views',
  stageMachine: 'stageMachines',
  validationRule: 'validationRules',
  dashboard: 'dashboards',
  automation: 'automations',
  approval: 'approvals',
  role: 'roles',
  goal: 'goals',
  forecast: 'forecasts',
  scorecard: 'scorecards',
} as const;
type ListKind = keyof typeof LIST_OF_KIND;

/** The repository's `templates/` folder, unless `STAGECRAFT_TEMPLATES_DIR` points elsewhere. */
export function defaultTemplatesRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STAGECRAFT_TEMPLATES_DIR) return resolve(env.STAGECRAFT_TEMPLATES_DIR);
  // src/templates/loader.ts and dist/templates/loader.js sit at the same depth under apps/server.
  return fileURLToPath(new URL('../../../../templates/', import.meta.url));
}

async function readJson(path: string, pointer: string): Promise<Result<unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {
      ok: false,
      issues: [issue('NOT_FOUND', pointer, { en: `cannot read ${pointer}`, 'zh-CN': `无法读取 ${pointer}` })],
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = (error as Error).message;
    return {
      ok: false,
      issues: [
        issue('INVALID_JSON', pointer, { en: `${pointer}: ${reason}`, 'zh-CN': `${pointer}：${reason}` }),
      ],
    };
  }
}

function zodIssues(error: { issues: { path: PropertyKey[]; message: string }[] }, prefix: string): Issue[] {
  return error.issues.map((i) => {
    const path = `${prefix}/${i.path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
    return issue('VALIDATION_FAILED', path.replace(/\/$/, ''), {
      en: `${path}: ${i.message}`,
      'zh-CN': `${path}：${i.message}`,
    });
  });
}

/** One document file's content with the file it came from, for messages that name the file. */
export interface SourceDocument {
  file: string;
  doc: unknown;
}

/**
 * Assembles documents into one App: exactly one `kind: "app"` document gives the manifest, every
 * other document lands in the list of its kind. Lists keep file order (files are read sorted).
 */
export function assembleApp(sources: SourceDocument[]): Result<App> {
  const issues: Issue[] = [];
  let head: Record<string, unknown> | null = null;
  const lists: Record<string, unknown[]> = {};
  const where: Record<string, string[]> = {};
  for (const { file, doc } of sources) {
    const docs = Array.isArray(doc) ? doc : [doc];
    docs.forEach((d, index) => {
      const pointer = Array.isArray(doc) ? `/${file}/${index}` : `/${file}`;
      const kind = typeof d === 'object' && d !== null ? (d as { kind?: unknown }).kind : undefined;
      if (kind === 'app') {
        if (head)
          issues.push(
            issue('DUPLICATE_ID', pointer, {
              en: `${pointer}: a second app document`,
              'zh-CN': `${pointer}：第二个应用文档`,
            }),
          );
        head = d as Record<string, unknown>;
        return;
      }
      if (typeof kind !== 'string' || !(kind in LIST_OF_KIND)) {
        issues.push(
          issue('VALIDATION_FAILED', `${pointer}/kind`, {
            en: `${pointer}: unknown document kind ${JSON.stringify(kind)}`,
            'zh-CN': `${pointer}：未知的文档类型 ${JSON.stringify(kind)}`,
          }),
        );
        return;
      }
      const list = LIST_OF_KIND[kind as ListKind];
      lists[list] = [...(lists[list] ?? []), d];
      where[list] = [...(where[list] ?? []), pointer];
    });
  }
  if (!head)
    issues.push(
      issue('VALIDATION_FAILED', '/app.json', {
        en: 'the template has no document of kind "app"',
        'zh-CN': '模板中没有类型为 "app" 的文档',
      }),
    );
  if (issues.length > 0 || !head) return { ok: false, issues };
  const candidate = { entities: [], ...(head as Record<string, unknown>), ...lists };
  const parsed = App.safeParse(candidate);
  if (!parsed.success) {
    // Point at the file a failing element came from rather than at the assembled app.
    const mapped = parsed.error.issues.map((i) => {
      const [list, index, ...rest] = i.path;
      const file = typeof list === 'string' && typeof index === 'number' ? where[list]?.[index] : undefined;
      return file
        ? zodIssues({ issues: [{ path: rest, message: i.message }] }, file)[0]!
        : zodIssues({ issues: [i] }, '/app.json')[0]!;
    });
    return { ok: false, issues: mapped };
  }
  return { ok: true, value: parsed.data };
}

/** Reads and checks one pack folder. */
export async function loadTemplate(dir: string): Promise<Result<LoadedTemplate>> {
  const abs = resolve(dir);
  const rawManifest = await readJson(join(abs, 'manifest.json'), '/manifest.json');
  if (!rawManifest.ok) return rawManifest;
  const manifest = TemplateManifest.safeParse(rawManifest.value);
  if (!manifest.success) return { ok: false, issues: zodIssues(manifest.error, '/manifest.json') };
  const appDir = join(abs, manifest.data.appDir);
  let files: string[];
  try {
    files = (await readdir(appDir)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return {
      ok: false,
      issues: [
        issue('NOT_FOUND', `/${manifest.data.appDir}`, {
          en: `no app folder ${manifest.data.appDir}`,
          'zh-CN': `没有应用文件夹 ${manifest.data.appDir}`,
        }),
      ],
    };
  }
  const sources: SourceDocument[] = [];
  const issues: Issue[] = [];
  for (const file of files) {
    const read = await readJson(join(appDir, file), `/${manifest.data.appDir}/${file}`);
    if (read.ok) sources.push({ file: `${manifest.data.appDir}/${file}`, doc: read.value });
    else issues.push(...read.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  const app = assembleApp(sources);
  if (!app.ok) return app;
  return { ok: true, value: { dir: abs, manifest: manifest.data, app: app.value } };
}

/** Every pack under `root` (folders holding a manifest.json), sorted by id; broken packs are reported. */
export async function listTemplates(
  root: string,
): Promise<{ templates: LoadedTemplate[]; broken: { dir: string; issues: Issue[] }[] }> {
  const templates: LoadedTemplate[] = [];
  const broken: { dir: string; issues: Issue[] }[] = [];
  let entries: string[] = [];
  try {
    entries = (await readdir(root)).sort();
  } catch {
    return { templates, broken };
  }
  for (const name of entries) {
    const dir = join(root, name);
    const hasManifest = await stat(join(dir, 'manifest.json')).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!hasManifest) continue;
    const loaded = await loadTemplate(dir);
    if (loaded.ok) templates.push(loaded.value);
    else broken.push({ dir, issues: loaded.issues });
  }
  templates.sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  return { templates, broken };
}

/** Finds a pack by its manifest id or its folder name. */
export async function findTemplate(root: string, name: string): Promise<Result<LoadedTemplate>> {
  const { templates, broken } = await listTemplates(root);
  const found = templates.find((t) => t.manifest.id === name || t.dir.endsWith(`/${name}`));
  if (found) return { ok: true, value: found };
  const bad = broken.find((b) => b.dir.endsWith(`/${name}`));
  if (bad) return { ok: false, issues: bad.issues };
  return {
    ok: false,
    issues: [
      issue('NOT_FOUND', '/name', { en: `no template named ${name}`, 'zh-CN': `没有名为 ${name} 的模板` }),
    ],
  };
}

/**
 * The assembled App a pack shipped as an earlier version (`history/<version>.json`), the common
 * ancestor of a three-way upgrade; null when the pack does not carry that version.
 */
export async function loadTemplateHistory(template: LoadedTemplate, version: string): Promise<App | null> {
  if (version === template.manifest.version) return template.app;
  if (!/^[0-9A-Za-z.+-]+$/.test(version)) return null;
  const read = await readJson(
    join(template.dir, template.manifest.historyDir, `${version}.json`),
    `/${version}.json`,
  );
  if (!read.ok) return null;
  const parsed = App.safeParse(read.value);
  return parsed.success ? parsed.data : null;
}
