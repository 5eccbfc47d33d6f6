/**
 * CSV and Excel import and export of a published entity's records, with no row cap.
 *
 * - `GET …/export?format=csv|xlsx&filter&sort&search` streams every record the list query matches
 *   under the caller's scope and field access (the set is fixed by one id query, then read in
 *   pages), with headers and option labels in the caller's language. `template=1` gives only the
 *   header row of the importable columns.
 * - `POST …/import?dryRun=true|false&mode=create|upsert` takes the file as the body and answers
 *   when done: it starts the same import job as `POST …/imports` (../imports/, streamed to blob
 *   storage, validated like one create per row) and waits for its end. One bad row refuses the
 *   whole file (422 IMPORT_INVALID, each issue at `/rows/<line>/<field>`); otherwise all rows are
 *   written in one transaction.
 */

import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import { API, CSV_TYPES, type ImportReport, XLSX_TYPES } from '@stagecraft/contract';
import { zonedDate } from '@stagecraft/rules';
import { FIELD_TYPE_TABLE, type Field, type Issue, issue, localize } from '@stagecraft/schema';
import { resolvePermission } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { fail, IssuesError, unwrap } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { identityLookups } from '../imports/import-lookups.js';
import { IMPORT_BODY_LIMIT, startImportJob } from '../imports/import-upload.js';
import {
  exportCell,
  NOT_IMPORTABLE,
  SYSTEM_COLUMNS,
  wallClock,
  zonedHeader,
} from '../records/import-values.js';
import { listQueryFromString, withClock } from '../records/list-query.js';
import { entityOf } from '../records/published-apps.js';
import { TitleResolver } from '../records/record-titles.js';
import { zoneOf } from '../records/rule-context.js';
import {
  CONTENT_TYPES,
  csvWriter,
  type OutCell,
  type SheetColumn,
  type SheetWriter,
  xlsxWriter,
} from '../records/spreadsheet.js';
import { schemaOf } from './contract-schema.js';
import { importJobRoutes } from './import-jobs.js';
import { withSlaFilter } from './transitions-sla.js';
import { seesFullDirectory } from './user-view.js';

/** Records read per page while exporting. */
const EXPORT_PAGE = 1000;

const truthy = (v: string | undefined) => v === '1' || v === 'true';

/** Import and export route plugin. */
export const importExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const { store, published } = services;
  const base = '/api/apps/:app/entities/:entity';

  // The file is the body, handed on as a stream (to blob storage, never held whole). Only these
  // routes accept these types (the plugin is encapsulated).
  app.addContentTypeParser([...CSV_TYPES, ...XLSX_TYPES], (_request, payload, done) => done(null, payload));
  await app.register(multipart, {
    limits: { fileSize: IMPORT_BODY_LIMIT, files: 1, fields: 0, parts: 1 },
  });

  app.get(
    `${base}/export`,
    {
      schema: schemaOf(API.transfer.exportRecords),
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { app: appId, entity: entityId } = request.params;
      const pub = await published.latest(actor, appId);
      const entity = entityOf(pub, entityId);
      const locale = requestLocale(request);
      const permission = resolvePermission(pub.definition, entityId, actor.roles);
      if (!permission.read) fail('FORBIDDEN');
      const template = truthy(request.query.template);
      const visible = entity.fields.filter((f) => permission.fieldAccess[f.id] !== 'none');
      const machine = pub.definition.stageMachines.find((m) => m.entity === entityId);
      const admin = actor.roles.includes('admin');

      type Column = SheetColumn & { cell: (r: Record<string, unknown>) => OutCell };
      const columns: Column[] = [];
      const fields = template
        ? visible.filter((f) => permission.fieldAccess[f.id] === 'write' && !NOT_IMPORTABLE.has(f.type))
        : visible;
      const now = services.clock.now();
      const timeZone = await zoneOf(services, actor, pub.definition);
      const ids = template
        ? []
        : unwrap(
            await store.records.matchingIds(
              actor,
              appId,
              entityId,
              withClock(
                withSlaFilter(
                  { ...listQueryFromString({ ...request.query, limit: undefined, offset: undefined }) },
                  pub,
                  entityId,
                  request.query,
                  now,
                ),
                timeZone,
                now,
              ),
            ),
          );
      const { users, orgUnits } = await identityLookups(services, actor);
      const fullDirectory = seesFullDirectory(actor);
      const context = {
        locale,
        titles: new Map<string, Map<string, string>>(),
        // Users by email, which always imports back; a member (no full directory) gets names
        // instead, but for themselves, so an export is no way around the directory's rule.
        users: new Map(users.map((u) => [u.id, fullDirectory || u.id === actor.userId ? u.email : u.name])),
        orgUnits: new Map(orgUnits.map((o) => [o.id, o.name])),
        // Dates and times as the workspace's clock reads them; date-time headers name the zone.
        timeZone,
      };
      const label = (text: string, type: SheetColumn['type']) =>
        type === 'datetime' ? zonedHeader(text, timeZone) : text;
      if (!template) columns.push({ header: SYSTEM_COLUMNS.id[locale], cell: (r) => String(r.id) });
      for (const f of fields) {
        const kind = FIELD_TYPE_TABLE[f.type].importAs;
        const type = kind === 'date' || kind === 'datetime' ? kind : undefined;
        columns.push({
          header: label(localize(f.label, locale) || f.id, type),
          type,
          cell: (r) => exportCell(f, r[f.id], context),
        });
      }
      if (!template && machine) {
        const labels = new Map(machine.stages.map((s) => [s.id, localize(s.label, locale)]));
        columns.push({
          header: SYSTEM_COLUMNS.stage[locale],
          cell: (r) => (r.stage ? (labels.get(String(r.stage)) ?? String(r.stage)) : null),
        });
      }
      if (!template || admin)
        columns.push({
          header: SYSTEM_COLUMNS.owner[locale],
          cell: (r) => (r.owner ? (context.users.get(String(r.owner)) ?? String(r.owner)) : null),
        });
      if (!template)
        for (const key of ['createdAt', 'updatedAt'] as const)
          columns.push({
            header: label(SYSTEM_COLUMNS[key][locale], 'datetime'),
            type: 'datetime',
            cell: (r) => wallClock(r[key], 'datetime', timeZone),
          });

      const format = request.query.format;
      const day = zonedDate(now, timeZone); // the workspace's today, as the cells
      const name = `${entityId}-${template ? 'template' : day}.${format}`;
      const out = new PassThrough();
      const writer: SheetWriter =
        format === 'xlsx'
          ? await xlsxWriter(out, columns, localize(entity.label, locale) || entityId)
          : await csvWriter(out, columns);
      const references = fields.filter((f): f is Field & { type: 'reference' } => f.type === 'reference');
      const titles = new TitleResolver(services, actor, pub, locale);

      // Pages are read and written after the response starts; a failure then ends the download.
      const pump = async () => {
        for (let i = 0; i < ids.length; i += EXPORT_PAGE) {
          const page = unwrap(
            await store.records.getMany(actor, appId, entityId, ids.slice(i, i + EXPORT_PAGE)),
          );
          for (const f of references) {
            const wanted = page.map((r) => r[f.id]).filter((v): v is string => typeof v === 'string');
            // The title the app shows; a record without one (or not readable) keeps its id, so
            // the file still imports.
            const named = await titles.records(f.entity, wanted, 0, f.displayField);
            context.titles.set(
              f.id,
              new Map([...named].flatMap(([id, title]) => (title ? [[id, title] as const] : []))),
            );
          }
          await writer.rows(page.map((r) => columns.map((c) => c.cell(r))));
        }
        await writer.end();
      };
      pump().catch((error: unknown) => {
        request.log.error({ err: error }, 'export failed mid-stream');
        out.destroy(error as Error);
      });
      return reply
        .type(CONTENT_TYPES[format])
        .header(
          'content-disposition',
          `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(out);
    },
  );

  app.post(`${base}/import`, { schema: schemaOf(API.transfer.importRecords) }, async (request, reply) => {
    // The same job as POST …/imports, run to its end while the caller waits.
    const job = await startImportJob(services, request, request.params, {
      dryRun: truthy(request.query.dryRun),
      encoding: request.query.encoding,
      mode: request.query.mode ?? 'create',
    });
    const end = await services.imports?.finished(job.id);
    // The answer carries the outcome: nobody polls this job, so it is not kept.
    await store.importJobs.remove(job.id);
    if (end?.state === 'done') {
      reply.status(end.dryRun ? 200 : 201);
      return end.report as ImportReport;
    }
    if (end?.issues) throw new IssuesError(end.issues as Issue[]);
    throw new IssuesError([(end?.error as Issue | null) ?? issue('INTERNAL_ERROR', '')]);
  });
  await app.register(importJobRoutes);
};
