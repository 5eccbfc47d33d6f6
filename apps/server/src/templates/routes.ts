/**
 * Template gallery and install over HTTP: `GET /api/templates` lists the packs found on disk with
 * what is installed, `GET /api/templates/:name/preview` serves a pack's preview image, and
 * `POST /api/templates/:name/install` installs or upgrades one (admins only; idempotent).
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireAdmin } from '../auth/request-context.js';
import { fail, unwrap } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { statusOf } from '../http-status.js';
import { installedVersion, installTemplate } from './install.js';
import type { InstallStore } from './install-store.js';
import { defaultTemplatesRoot, findTemplate, listTemplates } from './loader.js';

export interface TemplateRoutesOptions {
  /** Folder holding the packs; defaults to the repository's `templates/`. */
  root?: string;
  /** Largest demo scale accepted over HTTP (the CLI has no limit). */
  maxScale?: number;
}

const Name = z.object({ name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/) });
const Localized = z.record(z.string(), z.string());
const Summary = z.object({
  id: z.string(),
  version: z.string(),
  label: Localized,
  description: Localized,
  preview: z.string(),
  tags: z.array(z.string()),
  app: z.string(),
  installedVersion: z.string().nullable(),
  hasDemo: z.boolean(),
});
const InstallBody = z
  .object({
    demo: z.boolean().optional(),
    seed: z.number().int().optional(),
    scale: z.number().int().min(1).optional(),
  })
  .strict()
  .nullish();
const Conflict = z.object({
  path: z.string(),
  reason: z.string(),
  base: z.unknown(),
  template: z.unknown(),
  current: z.unknown(),
});
const Report = z.object({
  template: z.string(),
  version: z.string(),
  app: z.string(),
  status: z.enum(['installed', 'upgraded', 'unchanged']),
  fromVersion: z.string().nullable(),
  appVersion: z.number().nullable(),
  conflicts: z.array(Conflict),
  demo: z
    .object({
      users: z.number(),
      orgUnits: z.number(),
      files: z.number(),
      records: z.record(z.string(), z.number()),
      stageMoves: z.number(),
      logins: z.array(z.object({ role: z.string(), email: z.string(), name: z.string() })),
      ms: z.number(),
    })
    .nullable(),
});

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
      schema: {
        tags: ['templates'],
        summary: 'Template packs available to install, with the installed version',
        response: { 200: z.object({ templates: z.array(Summary) }) },
      },
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
    { schema: { tags: ['templates'], summary: "A template's preview image", params: Name } },
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
      schema: {
        tags: ['templates'],
        summary:
          'Install a template (with demo data on request), or upgrade it keeping your changes; installing twice changes nothing',
        params: Name,
        body: InstallBody,
        response: { 200: Report, 201: Report },
      },
    },
    async (request, reply) => {
      const actor = requireAdmin(request);
      const body = request.body ?? {};
      if (body.scale !== undefined && body.scale > maxScale)
        fail('VALIDATION_FAILED', '/scale', {
          en: `At most ${maxScale} over HTTP; use \`stagecraft demo --scale\`.`,
          'zh-CN': `通过 HTTP 最多 ${maxScale}；更大规模请使用 \`stagecraft demo --scale\`。`,
        });
      const template = unwrap(await findTemplate(root, request.params.name));
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
