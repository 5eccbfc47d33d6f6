/** Template gallery: list, preview image, install or upgrade. */
import { z } from 'zod';
import { Text } from '../common.js';
import { route } from '../route.js';

/** A pack as the gallery lists it. */
export const TemplateSummary = z.object({
  id: z.string(),
  version: z.string(),
  label: Text,
  description: Text,
  /** URL of the preview image. */
  preview: z.string(),
  tags: z.array(z.string()),
  /** Id of the app the pack installs. */
  app: z.string(),
  /** Version of the pack installed in this workspace, null when not installed. */
  installedVersion: z.string().nullable(),
  hasDemo: z.boolean(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

/** A three-way merge conflict of an upgrade: your value stayed, the pack's value is shown. */
export const InstallConflict = z.object({
  path: z.string(),
  reason: z.string(),
  base: z.unknown(),
  template: z.unknown(),
  current: z.unknown(),
});
export type InstallConflict = z.infer<typeof InstallConflict>;

/** What an install or upgrade did. */
export const InstallReport = z.object({
  template: z.string(),
  version: z.string(),
  app: z.string(),
  status: z.enum(['installed', 'upgraded', 'unchanged']),
  fromVersion: z.string().nullable(),
  appVersion: z.number().nullable(),
  conflicts: z.array(InstallConflict),
  demo: z
    .object({
      users: z.number(),
      orgUnits: z.number(),
      files: z.number(),
      records: z.record(z.string(), z.number()),
      stageMoves: z.number(),
      /** Approvals the demo started (pending sign-offs waiting in approvers' inboxes). */
      approvals: z.number(),
      /** Rows of past forecast snapshots stored (history for accuracy per rep). */
      forecastSnapshots: z.number(),
      logins: z.array(z.object({ role: z.string(), email: z.string(), name: z.string() })),
      ms: z.number(),
    })
    .nullable(),
});
export type InstallReport = z.infer<typeof InstallReport>;

const Name = z.object({ name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/) });

/** `GET /api/templates` */
export const listTemplates = route({
  method: 'GET',
  path: '/api/templates',
  tags: ['templates'],
  summary: 'Template packs available to install, with the installed version',
  responses: { 200: z.object({ templates: z.array(TemplateSummary) }) },
});

/** `GET /api/templates/:name/preview` */
export const templatePreview = route({
  method: 'GET',
  path: '/api/templates/:name/preview',
  tags: ['templates'],
  summary: "A template's preview image",
  params: Name,
  responses: {},
  file: { status: 200, contentTypes: ['image/svg+xml', 'image/png', 'image/jpeg', 'image/webp'] },
});

/** `POST /api/templates/:name/install` */
export const installTemplate = route({
  method: 'POST',
  path: '/api/templates/:name/install',
  tags: ['templates'],
  summary:
    'Install a template (with demo data on request), or upgrade it keeping your changes; installing twice changes nothing',
  params: Name,
  body: z
    .object({
      demo: z.boolean().optional(),
      seed: z.number().int().optional(),
      scale: z.number().int().min(1).optional(),
      version: z
        .string()
        .regex(/^\d+\.\d+\.\d+$/)
        .optional()
        .describe(
          'Install an earlier version the pack keeps in its history (to try an upgrade); default: the current one',
        ),
    })
    .strict()
    .nullish(),
  responses: { 200: InstallReport, 201: InstallReport },
});
