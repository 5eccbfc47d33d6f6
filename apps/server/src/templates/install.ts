/**
 * Installs a template pack into a workspace, idempotently: a fresh install creates and publishes
 * the app (and optionally loads demo data); installing the same version again changes nothing;
 * a newer version is merged three ways into the published version (see merge.ts) and published,
 * with conflicts reported and the user's values kept. While the draft holds unpublished edits the
 * upgrade is refused (DRAFT_UNPUBLISHED), so it never publishes work the admin has not released. The installed version is recorded in the note of
 * the published version (`template:<id>@<version>`), so no extra table is needed.
 */
import { validateAppForPublish } from '@stagecraft/engine';
import {
  type App,
  compareSemVer,
  type Issue,
  issue,
  type Locale,
  type Result,
  validateApp,
} from '@stagecraft/schema';
import type { Actor } from '@stagecraft/store';
import { checkDemoData, loadDemoGenerator } from './demo-data.js';
import { type DemoReport, installDemo } from './install-demo.js';
import type { InstallStore } from './install-store.js';
import { type LoadedTemplate, loadTemplateHistory } from './loader.js';
import { jsonEqual, type MergeConflict, mergeThreeWay } from './merge.js';

export interface InstallOptions {
  /** Load the pack's demo data on a fresh install (`true` for the defaults). */
  demo?: boolean | { seed?: number; scale?: number };
  /** Server time: demo history runs over the six months before it. */
  now: Date;
  locale?: Locale;
  log?: (line: string) => void;
}

export interface InstallReport {
  template: string;
  version: string;
  app: string;
  status: 'installed' | 'upgraded' | 'unchanged';
  fromVersion: string | null;
  /** The published app version the install produced (null when unchanged). */
  appVersion: number | null;
  conflicts: MergeConflict[];
  demo: DemoReport | null;
}

const NOTE = /^template:([a-z][a-z0-9-]*)@(\S+)$/;

/** The note a template install writes on the version it publishes. */
export function templateNote(template: LoadedTemplate): string {
  return `template:${template.manifest.id}@${template.manifest.version}`;
}

/** The template version an app was last installed or upgraded from, if it came from `templateId`. */
export async function installedVersion(
  store: InstallStore,
  actor: Actor,
  appId: string,
  templateId: string,
): Promise<Result<string | null>> {
  const versions = await store.apps.versions(actor, appId);
  if (!versions.ok) return versions;
  const notes = [...versions.value].sort((a, b) => b.version - a.version).map((v) => NOTE.exec(v.note ?? ''));
  const mine = notes.find((m) => m && m[1] === templateId);
  return { ok: true, value: mine?.[2] ?? null };
}

const fail = (issues: Issue[]): Result<never> => ({ ok: false, issues });

/** Whether two app documents are the same app once normalised (migrated, defaults filled in). */
function sameApp(a: unknown, b: unknown): boolean {
  const left = validateApp(a);
  const right = validateApp(b);
  return left.ok && right.ok && jsonEqual(left.value, right.value);
}

async function publish(
  store: InstallStore,
  actor: Actor,
  appId: string,
  definition: unknown,
  previous: App | undefined,
  note: string,
  locale: Locale,
): Promise<Result<{ version: number; app: App }>> {
  const checked = validateAppForPublish(definition, previous, { locale });
  if (!checked.ok) return checked;
  const published = await store.apps.publish(actor, appId, checked.value, note);
  if (!published.ok) return published;
  return { ok: true, value: { version: published.value.version, app: checked.value } };
}

/** Installs or upgrades `template` in the actor's workspace (the actor must be an admin). */
export async function installTemplate(
  store: InstallStore,
  actor: Actor,
  template: LoadedTemplate,
  options: InstallOptions,
): Promise<Result<InstallReport>> {
  const locale = options.locale ?? 'en';
  const log = options.log ?? (() => {});
  if (!actor.roles.includes('admin'))
    return fail([
      issue('FORBIDDEN', '', {
        en: 'Only an admin may install templates.',
        'zh-CN': '只有管理员可以安装模板。',
      }),
    ]);
  const appId = template.app.id;
  const report: InstallReport = {
    template: template.manifest.id,
    version: template.manifest.version,
    app: appId,
    status: 'unchanged',
    fromVersion: null,
    appVersion: null,
    conflicts: [],
    demo: null,
  };
  const existing = (await store.apps.list(actor)).find((a) => a.id === appId);

  if (!existing) {
    const created = await store.apps.create(actor, template.app);
    if (!created.ok) return created;
    const published = await publish(
      store,
      actor,
      appId,
      template.app,
      undefined,
      templateNote(template),
      locale,
    );
    if (!published.ok) return published;
    log(
      `Installed ${template.manifest.id} ${template.manifest.version} as app "${appId}" (version ${published.value.version}).`,
    );
    report.status = 'installed';
    report.appVersion = published.value.version;
    if (options.demo) {
      const demo = await loadDemo(store, actor, template, published.value.app, options);
      if (!demo.ok) return demo;
      report.demo = demo.value;
    }
    return { ok: true, value: report };
  }

  const installed = await installedVersion(store, actor, appId, template.manifest.id);
  if (!installed.ok) return installed;
  if (installed.value === null) {
    return fail([
      issue('APP_EXISTS', '/app', {
        en: `An app "${appId}" exists that was not installed from ${template.manifest.id}; nothing was changed.`,
        'zh-CN': `已存在应用「${appId}」，但它不是从模板 ${template.manifest.id} 安装的，未做任何修改。`,
      }),
    ]);
  }
  report.fromVersion = installed.value;
  const order = compareSemVer(installed.value, template.manifest.version);
  if (order === 0) return { ok: true, value: report };
  if (order > 0) {
    return fail([
      issue('VERSION_CONFLICT', '/version', {
        en: `Version ${installed.value} is installed, newer than ${template.manifest.version}; nothing was changed.`,
        'zh-CN': `已安装的版本 ${installed.value} 比 ${template.manifest.version} 更新，未做任何修改。`,
      }),
    ]);
  }
  const base = await loadTemplateHistory(template, installed.value);
  if (!base)
    return fail([
      issue('NOT_FOUND', '/history', {
        en: `The pack does not carry version ${installed.value}, so it cannot merge; nothing was changed.`,
        'zh-CN': `模板包中没有版本 ${installed.value}，无法合并，未做任何修改。`,
      }),
    ]);
  const draft = await store.apps.getDraft(actor, appId);
  if (!draft.ok) return draft;
  const previous = await store.apps.getVersion(actor, appId);
  if (!previous.ok) return previous;
  // An upgrade publishes. It merges into what is live; a draft with edits of its own would go live
  // with it unreviewed, so the admin publishes or discards those first.
  if (!sameApp(draft.value.definition, previous.value.definition))
    return fail([
      issue('DRAFT_UNPUBLISHED', '/draft', {
        en: `App "${appId}" has draft changes that are not published; publish or discard them, then upgrade. Nothing was changed.`,
        'zh-CN': `应用「${appId}」有尚未发布的草稿修改；请先发布或放弃这些修改，再升级。未做任何修改。`,
      }),
    ]);
  const merged = mergeThreeWay<unknown>(base, template.app, previous.value.definition);
  const saved = await store.apps.saveDraft(actor, appId, merged.value, draft.value.revision);
  if (!saved.ok) return saved;
  const published = await publish(
    store,
    actor,
    appId,
    merged.value,
    previous.value.definition,
    templateNote(template),
    locale,
  );
  if (!published.ok) {
    // Put the draft back as it was, so a refused upgrade leaves nothing behind.
    await store.apps.saveDraft(actor, appId, draft.value.definition, saved.value.revision);
    return published;
  }
  log(
    `Upgraded ${template.manifest.id} ${installed.value} → ${template.manifest.version} (${merged.conflicts.length} conflict(s) kept as you had them).`,
  );
  return {
    ok: true,
    value: {
      ...report,
      status: 'upgraded',
      appVersion: published.value.version,
      conflicts: merged.conflicts,
    },
  };
}

async function loadDemo(
  store: InstallStore,
  actor: Actor,
  template: LoadedTemplate,
  app: App,
  options: InstallOptions,
): Promise<Result<DemoReport>> {
  const generate = await loadDemoGenerator(template);
  if (!generate.ok) return generate;
  const settings = typeof options.demo === 'object' ? options.demo : {};
  const seed = settings.seed ?? template.manifest.demo?.seed;
  const data = checkDemoData(
    generate.value({
      now: options.now,
      ...(seed !== undefined ? { seed } : {}),
      ...(settings.scale !== undefined ? { scale: settings.scale } : {}),
    }),
  );
  if (!data.ok) return data;
  return installDemo(store, actor, app, data.value, {
    now: options.now,
    locale: options.locale ?? 'en',
    log: options.log ?? (() => {}),
  });
}
