/**
 * Template gallery and install over HTTP: `GET /api/templates` lists the packs found on disk with
 * what is installed, `GET /api/templates/:name/preview` serves a pack's preview image, and
 * `POST /api/templates/:name/install` installs or upgrades one (admins only; idempotent).
 */

import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor, requireAdmin } from '../auth/request-context.js';
import { fail, unwrap } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { statusOf } from '../http-status.js';
import { schemaOf } from '../routes/contract-schema.js';
import { installedVersion, installTemplate } from './install.js';
import type { InstallStore } from './install-store.js';
import {
  defaultTemplatesRoot,
  findTemplate,
  type LoadedTemplate,
  listTemplates,
  loadTemplateHistory,
} from './loader.js';

/** The pack as it shipped `version` (from its history), so an earlier version can be installed and upgraded. */
async function versionOf(template: LoadedTemplate, version: string | undefined): Promise<LoadedTemplate> {
  if (version === undefined || version === template.manifest.version) return template;
  const app = await loadTemplateHistory(template, version);
  if (!app)
    fail('NOT_FOUND', '/version', {
      en: `The pack does not carry version ${version}.`,
      'zh-CN': `该模板包没有版本 ${version}。`,
    });
  return { ...template, manifest: { ...template.manifest, version }, app };
}

export interface TemplateRoutesOptions {
  /** Folder holding the packs; defaults to the repository's `templates/`. */
  root?: string;
  /** Largest demo scale accepted over HTTP (the CLI has no limit). */
  maxScale?: number;
}

const IMAGE_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/** Template route plugin. */
export const templateRoutes: FastifyPluginAsyncZod<TemplateRoutesOptions> = async (app, options) => {
  const root = options.root ?? defaultTemplatesRoot();
  const maxScale = options.maxScale ?? 100_000;
  const { store, clock } = app.stagecraft;
  const installStore: InstallStore = store;

  app.get(
    '/api/templates',
    {
      schema: schemaOf(API.templates.listTemplates),
    },
    async (request) => {
      const actor = requireActor(request);
      const { templates } = await listTemplates(root);
      const apps = await store.apps.list(actor);
      const out = [];
      for (const t of templates) {
        const installed = apps.some((a) => a.id === t.app.id)
          ? await installedVersion(installStore, actor, t.app.id, t.manifest.id)
          : { ok: true as const, value: null };
        out.push({
          id: t.manifest.id,
          version: t.manifest.version,
          label: t.manifest.label,
          description: t.manifest.description,
          preview: `/api/templates/${t.manifest.id}/preview`,
          tags: t.manifest.tags ?? [],
          app: t.app.id,
          installedVersion: installed.ok ? installed.value : null,
          hasDemo: t.manifest.demo !== undefined,
        });
      }
      return { templates: out };
    },
  );

  app.get(
    '/api/templates/:name/preview',
    { schema: schemaOf(API.templates.templatePreview) },
    async (request, reply) => {
      requireActor(request);
      const template = unwrap(await findTemplate(root, request.params.name));
      const type = IMAGE_TYPES[extname(template.manifest.preview).toLowerCase()];
      if (!type) fail('NOT_FOUND', '/preview');
      const bytes = await readFile(join(template.dir, template.manifest.preview)).catch(() =>
        fail('NOT_FOUND', '/preview'),
      );
      return reply.type(type).header('cache-control', 'public, max-age=3600').send(bytes);
    },
  );

  app.post(
    '/api/templates/:name/install',
    {
      schema: schemaOf(API.templates.installTemplate),
    },
    async (request, reply) => {
      const actor = requireAdmin(request);
      const body = request.body ?? {};
      if (body.scale !== undefined && body.scale > maxScale)
        fail('VALIDATION_FAILED', '/scale', {
          en: `At most ${maxScale} over HTTP; use \`stagecraft demo --scale\`.`,
          'zh-CN': `通过 HTTP 最多 ${maxScale}；更大规模请使用 \`stagecraft demo --scale\`。`,
        });
      const template = await versionOf(unwrap(await findTemplate(root, request.params.name)), body.version);
      const demo = body.demo
        ? {
            ...(body.seed !== undefined ? { seed: body.seed } : {}),
            ...(body.scale !== undefined ? { scale: body.scale } : {}),
          }
        : false;
      const result = await installTemplate(installStore, actor, template, {
        demo,
        now: clock.now(),
        locale: requestLocale(request),
        log: (line) => request.log.info(line),
      });
      // A pack that fails the publish gate is unprocessable (422), as a draft is on publish; a
      // refusal because of the workspace's state (409: an app in the way, a newer version, unpublished
      // draft edits) keeps its code's status.
      const conflict = !result.ok && result.issues.some((i) => statusOf(i.code) === 409);
      const report = unwrap(result, conflict ? undefined : 422);
      if (report.status !== 'unchanged')
        await app.stagecraft.published.latest(actor, report.app).catch(() => undefined);
      reply.status(report.status === 'installed' ? 201 : 200);
      return {
        ...report,
        demo: report.demo
          ? { ...report.demo, logins: report.demo.logins.map(({ password: _p, ...l }) => l) }
          : null,
      };
    },
  );
};
