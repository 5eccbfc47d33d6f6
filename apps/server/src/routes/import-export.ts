/**
 * CSV and Excel import and export of a published entity's records, with no row cap.
 *
 * - `GET …/export?format=csv|xlsx&filter&sort&search` streams every record the list query matches
 *   under the caller's scope and field access (the set is fixed by one id query, then read in
 *   pages), with headers and option labels in the caller's language. `template=1` gives only the
 *   header row of the importable columns.
 * - `POST …/import?dryRun=true|false` takes the file as the body. Headers are matched to fields by
 *   id or label; every row is coerced and validated exactly like one create (types, required,
 *   formulas, validation rules, uniqueness within the file). One bad row refuses the whole file
 *   (422 IMPORT_INVALID, each issue at `/rows/<line>/<field>`); otherwise all rows are created in
 *   one transaction.
 */

import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import { API, type TextEncoding } from '@stagecraft/contract';
import { initialStageValues, titleFieldOf } from '@stagecraft/engine';
import { zonedDate } from '@stagecraft/rules';
import {
  type Entity,
  FIELD_TYPE_TABLE,
  type Field,
  type Issue,
  issue,
  type Locale,
  localize,
} from '@stagecraft/schema';
import { type Actor, type CreateManyRow, resolvePermission } from '@stagecraft/store';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { checkFileName, multipartFailure } from '../edge/multipart.js';
import { isStorableText } from '../edge/text-check.js';
import { localizeIssue } from '../errors/envelope.js';
import { fail, IssuesError, unwrap } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import {
  type ColumnMapping,
  coerceCell,
  emptyCell,
  exportCell,
  type Lookups,
  NOT_IMPORTABLE,
  planColumns,
  SYSTEM_COLUMNS,
  wallClock,
  zonedHeader,
} from '../records/import-values.js';
import { listQueryFromString, withClock } from '../records/list-query.js';
import { entityOf, type PublishedApp } from '../records/published-apps.js';
import { resolveFileValues } from '../records/record-files.js';
import { TitleResolver } from '../records/record-titles.js';
import { writeContext, zoneOf } from '../records/rule-context.js';
import {
  CONTENT_TYPES,
  csvWriter,
  type OutCell,
  readCsv,
  readXlsx,
  type Sheet,
  type SheetColumn,
  type SheetWriter,
  SpreadsheetError,
  wallText,
  xlsxWriter,
} from '../records/spreadsheet.js';
import type { ServerServices } from '../services.js';
import { schemaOf } from './contract-schema.js';
import { withSlaFilter } from './transitions-sla.js';
import { seesFullDirectory } from './user-view.js';

/** Largest import file: 1 GiB (several million rows); there is no row cap. */
export const IMPORT_BODY_LIMIT = 1024 * 1024 * 1024;
/** Records read per page while exporting. */
const EXPORT_PAGE = 1000;
/** Issues listed in a refusal; the total is always given. */
const MAX_LISTED_ISSUES = 200;
/** Data rows the report shows as read. */
const SAMPLE_ROWS = 3;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSX_TYPES = [XLSX_TYPE, 'application/octet-stream'];
// Not text/plain: a page of another origin may send that without a CORS preflight.
const CSV_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel'];

const SHEET_TYPES = new Set<string>([...CSV_TYPES, ...XLSX_TYPES]);

const truthy = (v: string | undefined) => v === '1' || v === 'true';
const lower = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Adds `key → id` to a look-up, marking a key two different ids share as ambiguous (null). */
function addKey(map: Map<string, string | null>, key: string | null | undefined, id: string) {
  if (!key) return;
  const k = lower(key);
  const had = map.get(k);
  map.set(k, had === undefined || had === id ? id : null);
}

/** Users and org units by every name a cell may use (emails as the directory allows them). */
async function identityLookups(services: ServerServices, actor: Actor) {
  const [users, orgUnits] = await Promise.all([
    services.store.identity.users(actor.workspaceId),
    services.store.identity.orgUnits(actor.workspaceId),
  ]);
  const userKeys = new Map<string, string | null>();
  // Emails name users only for those who see them in the directory (and everyone's own), so an
  // import cannot confirm a colleague's email to a member.
  const fullDirectory = seesFullDirectory(actor);
  for (const u of users) {
    addKey(userKeys, u.id, u.id);
    if (fullDirectory || u.id === actor.userId) addKey(userKeys, u.email, u.id);
  }
  for (const u of users) if (!userKeys.has(lower(u.name))) addKey(userKeys, u.name, u.id);
  const unitKeys = new Map<string, string | null>();
  for (const o of orgUnits) addKey(unitKeys, o.id, o.id);
  for (const o of orgUnits) if (!unitKeys.has(lower(o.name))) addKey(unitKeys, o.name, o.id);
  return { users, orgUnits, userKeys, unitKeys };
}

/**
 * Record ids (and titles) of a reference field's target for the distinct texts of its column: a
 * cell may hold the id or the title the export wrote. A title that is itself a reference (a visit
 * named by its store) is matched through the referenced records' titles, as the export named it.
 */
async function referenceLookup(
  services: ServerServices,
  actor: Actor,
  app: PublishedApp,
  field: { entity: string; displayField?: string | undefined },
  texts: string[],
  depth = 0,
): Promise<Map<string, string | null>> {
  const map = new Map<string, string | null>();
  const target = app.definition.entities.find((e) => e.id === field.entity);
  const title = titleFieldOf(target, field.displayField);
  // texts → the values the title field holds (the texts themselves, or the ids they name)
  let keysOf = (texts: string[]) => new Map(texts.map((t) => [t, [t]]));
  if (title?.type === 'reference' && depth < 3) {
    const nested = await referenceLookup(services, actor, app, title, texts, depth + 1);
    keysOf = (texts) =>
      new Map(texts.map((t) => [t, [nested.get(lower(t))].filter((v): v is string => Boolean(v))]));
  }
  for (let i = 0; i < texts.length; i += 500) {
    const chunk = texts.slice(i, i + 500);
    const keys = keysOf(chunk);
    const values = [...new Set([...keys.values()].flat())];
    const filter =
      title && values.length
        ? { or: [{ in: [{ var: 'id' }, chunk] }, { in: [{ var: title.id }, values] }] }
        : { in: [{ var: 'id' }, chunk] };
    const found = await services.store.records.list(actor, app.appId, field.entity, {
      filter,
      limit: 10_000,
    });
    if (!found.ok) continue; // a target the user may not read: every cell is then "not found"
    for (const r of found.value.records) addKey(map, r.id, r.id);
    if (!title) continue;
    for (const [text, held] of keys)
      for (const r of found.value.records)
        if (typeof r[title.id] === 'string' && held.includes(r[title.id] as string)) addKey(map, text, r.id);
  }
  return map;
}

/** Parses the body by its content type (a CSV in the chosen text encoding, else the detected one). */
async function readSheet(
  body: unknown,
  contentType: string | undefined,
  encoding?: TextEncoding,
): Promise<Sheet> {
  if (!Buffer.isBuffer(body) || body.length === 0)
    fail('VALIDATION_FAILED', '/file', { en: 'The file is empty.', 'zh-CN': '文件为空。' });
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  try {
    const isXlsx =
      XLSX_TYPES.includes(type) &&
      (type !== 'application/octet-stream' || body.subarray(0, 2).toString() === 'PK');
    return isXlsx ? await readXlsx(body) : readCsv(body, { encoding });
  } catch (error) {
    if (error instanceof SpreadsheetError) fail('VALIDATION_FAILED', '/file', error.messages);
    throw error;
  }
}

/**
 * The file to import and its type: the body itself (API clients), or the one file part `file` of a
 * multipart form (the web app: a signed-in browser may send only JSON or multipart, see
 * security/cross-site.ts). A part's type is taken from its name when the browser gave none.
 */
async function importedFile(request: FastifyRequest): Promise<{ body: unknown; type: string | undefined }> {
  if (!request.isMultipart()) return { body: request.body, type: request.headers['content-type'] };
  try {
    return await importedPart(request);
  } catch (error) {
    throw multipartFailure(error);
  }
}

/** The one file part `file` of an import form, with its name checked and its bytes read. */
async function importedPart(request: FastifyRequest): Promise<{ body: unknown; type: string }> {
  const part = await request.file();
  if (part?.fieldname !== 'file') {
    part?.file.resume();
    fail('VALIDATION_FAILED', '/file', {
      en: 'Send the file in the form field `file`.',
      'zh-CN': '请将文件放在表单字段 `file` 中上传。',
    });
  }
  checkFileName(part);
  const name = part.filename.toLowerCase();
  // Excel's "Unicode text" (UTF-16, tab separated) is saved as .txt: read as CSV, inside the form only.
  const type = name.endsWith('.xlsx')
    ? XLSX_TYPE
    : /\.(csv|txt|tsv)$/.test(name)
      ? 'text/csv'
      : part.mimetype;
  if (!SHEET_TYPES.has(type)) {
    part.file.resume();
    fail('UNSUPPORTED_MEDIA_TYPE', '/file', {
      en: 'Send a CSV (.csv), Unicode text (.txt) or Excel (.xlsx) file.',
      'zh-CN': '请上传 CSV（.csv）、Unicode 文本（.txt）或 Excel（.xlsx）文件。',
    });
  }
  return { body: await part.toBuffer(), type };
}

/** Keys that must be unique: unique fields and the entity's dedupe keys. */
function uniqueKeys(entity: Entity): string[][] {
  return [...(entity.dedupeKeys ?? []), ...entity.fields.filter((f) => f.unique).map((f) => [f.id])];
}

/** Import and export route plugin. */
export const importExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const { store, published } = services;
  const base = '/api/apps/:app/entities/:entity';

  // The file is the body. Only these routes accept these types (the plugin is encapsulated).
  app.addContentTypeParser(
    [...CSV_TYPES, ...XLSX_TYPES],
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
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

  app.post(
    `${base}/import`,
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: schemaOf(API.transfer.importRecords),
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { app: appId, entity: entityId } = request.params;
      const pub = await published.latest(actor, appId);
      const entity = entityOf(pub, entityId);
      const locale: Locale = requestLocale(request);
      const permission = resolvePermission(pub.definition, entityId, actor.roles);
      if (!permission.create)
        fail('FORBIDDEN', '', {
          en: 'You may not create these records.',
          'zh-CN': '你没有创建这些记录的权限。',
        });
      const dryRun = truthy(request.query.dryRun);
      const admin = actor.roles.includes('admin');
      const file = await importedFile(request);
      const sheet = await readSheet(file.body, file.type, request.query.encoding);

      const writable = new Set(
        entity.fields.filter((f) => permission.fieldAccess[f.id] === 'write').map((f) => f.id),
      );
      const visible = new Set(
        entity.fields.filter((f) => permission.fieldAccess[f.id] !== 'none').map((f) => f.id),
      );
      const plan = planColumns(sheet.headers, entity, writable, visible, { ownerColumn: admin });
      if (!plan.columns.some((c) => c.field)) {
        // A CSV read in the wrong encoding has garbled headers: say how it was read and how to change it.
        const hint = sheet.text?.hint;
        fail('VALIDATION_FAILED', '/file', {
          en: `No column of the file matches a field of this entity.${hint ? ` ${hint.en}` : ''}`,
          'zh-CN': `文件中没有任何列与该实体的字段对应。${hint ? hint['zh-CN'] : ''}`,
        });
      }

      const issues: Issue[] = [];
      let total = 0;
      const report = (
        line: number,
        column: ColumnMapping | null,
        field: string,
        cause: string,
        message: string,
      ) => {
        total++;
        if (issues.length < MAX_LISTED_ISSUES)
          issues.push(
            issue('IMPORT_INVALID', `/rows/${line}${field ? `/${field}` : ''}`, message, {
              line,
              column: column?.header ?? '',
              field,
              cause,
            }),
          );
      };
      for (const d of plan.duplicates) {
        const column = plan.columns.find((c) => c.header === d.header) ?? null;
        report(
          1,
          column,
          d.field,
          'DUPLICATE_ID',
          locale === 'zh-CN' ? '该字段有两列。' : 'Two columns name this field.',
        );
      }

      // Look-ups for cells that name records, users and org units.
      const identity = await identityLookups(services, actor);
      const lookups: Lookups = {
        references: new Map(),
        users: identity.userKeys,
        orgUnits: identity.unitKeys,
      };
      for (const column of plan.columns) {
        const field = column.field;
        if (field?.type !== 'reference') continue;
        const texts = new Set<string>();
        for (const row of sheet.rows) {
          const cell = row.cells[column.index];
          if (!emptyCell(cell) && isStorableText(String(cell))) texts.add(String(cell).trim());
        }
        lookups.references.set(field.id, await referenceLookup(services, actor, pub, field, [...texts]));
      }
      const usersById = new Map(identity.users.map((u) => [u.id, u]));
      const timeZone = await zoneOf(services, actor, pub.definition);
      const now = services.clock.now();
      const initial = initialStageValues(pub.definition, entityId, now);
      const ruleContext = writeContext(request, actor, now, timeZone);
      const keys = uniqueKeys(entity);
      const seenKeys = keys.map(() => new Map<string, number>());

      const rows: CreateManyRow[] = [];
      for (const { line, cells } of sheet.rows) {
        const values: Record<string, unknown> = {};
        let owner: { id: string; orgUnit: string | null } | undefined;
        let broken = false;
        for (const column of plan.columns) {
          const cell = cells[column.index];
          if (emptyCell(cell) || cell === undefined) continue;
          // Dry run and real import refuse text PostgreSQL cannot store the same way, at its cell.
          if (typeof cell === 'string' && !isStorableText(cell)) {
            broken = true;
            report(
              line,
              column,
              column.field?.id ?? column.system ?? '',
              'INVALID_TEXT',
              badCellMessage(locale),
            );
            continue;
          }
          if (column.system === 'owner') {
            const id = identity.userKeys.get(lower(String(cell)));
            const user = id ? usersById.get(id) : undefined;
            if (!user) {
              broken = true;
              report(line, column, 'owner', 'REFERENCE_UNKNOWN', coerceUserMessage(locale, String(cell)));
            } else owner = { id: user.id, orgUnit: user.orgUnitId };
            continue;
          }
          const field = column.field as Field;
          const coerced = coerceCell(field, cell, {
            locale,
            timeZone: column.timeZone ?? timeZone,
            lookups,
          });
          if (coerced.ok) values[field.id] = coerced.value;
          else {
            broken = true;
            report(line, column, field.id, 'VALIDATION_FAILED', coerced.message);
          }
        }
        if (broken) continue;
        // Files (inside subtable rows) must be the workspace's own, and keep the server's metadata.
        const files = await resolveFileValues(services.store, actor, entity.fields, values);
        const valid = !files.ok
          ? files
          : pub.validator.validate({
              entityId,
              operation: 'create',
              // admins import history (stamps included); anyone else's file cannot forge read-only fields
              trusted: actor.roles.includes('admin'),
              values: files.value,
              previous: null,
              system: initial,
              context: ruleContext,
            });
        if (!valid.ok) {
          for (const i of valid.issues) {
            const field = i.path.split('/')[1] ?? '';
            const column = plan.columns.find((c) => c.field?.id === field) ?? null;
            report(line, column, field, i.code, localizeIssue(i, locale));
          }
          continue;
        }
        keys.forEach((key, k) => {
          const parts = key.map((f) => valid.value[f]);
          if (parts.some((p) => p === null || p === undefined || p === '')) return;
          const signature = JSON.stringify(parts);
          const first = seenKeys[k]?.get(signature);
          if (first !== undefined) {
            const column = plan.columns.find((c) => c.field?.id === key[0]) ?? null;
            const message = locale === 'zh-CN' ? `与第 ${first} 行重复。` : `Duplicates line ${first}.`;
            report(line, column, key[0] ?? '', 'DUPLICATE_RECORD', message);
          } else seenKeys[k]?.set(signature, line);
        });
        rows.push({
          values: valid.value,
          ...(owner ? { owner: owner.id, orgUnit: owner.orgUnit } : {}),
          ...('stage' in initial ? { stage: initial.stage, stageEnteredAt: initial.stageEnteredAt } : {}),
        });
      }
      if (total > 0) {
        if (total > issues.length)
          issues.push(
            issue(
              'IMPORT_INVALID',
              '/rows',
              locale === 'zh-CN'
                ? `另有 ${total - issues.length} 处错误未列出。`
                : `${total - issues.length} more errors are not listed.`,
              { total },
            ),
          );
        throw new IssuesError(issues);
      }
      const summary = {
        dryRun,
        rows: rows.length,
        columns: sheet.headers
          .filter((h) => h.trim())
          .map((header) => {
            const c = plan.columns.find((x) => x.header === header);
            return { header, field: c?.field?.id ?? (c?.system === 'owner' ? 'owner' : null) };
          }),
        ignoredColumns: plan.ignored.map((i) => i.header),
        ...(sheet.text ? { textEncoding: sheet.text.encoding } : {}),
        sample: sampleOf(sheet),
      };
      if (dryRun || rows.length === 0) {
        reply.status(dryRun ? 200 : 201);
        return { ...summary, mode: 'create' as const, created: 0, updated: 0 };
      }
      const created = unwrap(
        await store.imports.createMany(actor, appId, entityId, rows, { at: now.toISOString() }),
      );
      reply.status(201);
      return { ...summary, mode: 'create' as const, created: created.inserted, updated: 0 };
    },
  );
};

/** The first rows as text, one cell per non-blank header (the report's `columns`). */
function sampleOf(sheet: Sheet): { line: number; cells: (string | null)[] }[] {
  const at = sheet.headers.flatMap((h, i) => (h.trim() ? [i] : []));
  return sheet.rows.slice(0, SAMPLE_ROWS).map(({ line, cells }) => ({
    line,
    cells: at.map((i) => {
      const c = cells[i];
      if (c === null || c === undefined) return null;
      if (!(c instanceof Date)) return String(c);
      // An Excel date has no zone: shown as its wall-clock reading, as the import reads it.
      return wallText(c, c.getTime() % 86_400_000 === 0 ? 'date' : 'datetime');
    }),
  }));
}

function badCellMessage(locale: Locale): string {
  return locale === 'zh-CN'
    ? '单元格包含 NUL 字符、孤立代理项或无效的 UTF-8。'
    : 'The cell holds a NUL character, a lone surrogate or invalid UTF-8.';
}

function coerceUserMessage(locale: Locale, raw: string): string {
  return locale === 'zh-CN'
    ? `没有该邮箱、标识或姓名的用户：${raw}`
    : `No user with this email, id or name: ${raw}`;
}
