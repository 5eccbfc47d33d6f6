/**
 * One run of an import job (docs/import-jobs.md): reads the stored file batch by batch, coerces
 * and validates every row exactly like one create (or, for an upsert's matched rows, one update),
 * stages the rows that pass, checks keys on the staging table, and then either finishes the dry
 * run or commits everything in one transaction that also marks the job done. A refused row (any)
 * fails the job with every issue by line; nothing is written. A run always starts at the file's
 * start, so a job taken over after a crash simply runs again.
 */
import { performance } from 'node:perf_hooks';
import { initialStageValues } from '@stagecraft/engine';
import {
  type Entity,
  FIELD_TYPE_TABLE,
  type Field,
  type Issue,
  issue,
  type Locale,
  localize,
} from '@stagecraft/schema';
import {
  type Actor,
  type ImportJobRow,
  type ImportProgress,
  type RecordData,
  resolvePermission,
  type StagedRow,
  type StagingSession,
} from '@stagecraft/store';
import { isStorableText } from '../edge/text-check.js';
import { localizeIssue } from '../errors/envelope.js';
import { IssuesError } from '../errors/issues-error.js';
import {
  type ColumnMapping,
  coerceCell,
  emptyCell,
  type Lookups,
  planColumns,
} from '../records/import-values.js';
import { entityOf } from '../records/published-apps.js';
import { resolveFileValues } from '../records/record-files.js';
import { ruleUserOf, zoneOf } from '../records/rule-context.js';
import { openSheet, type SheetRow } from '../records/sheet-stream.js';
import { SpreadsheetError, wallText } from '../records/spreadsheet.js';
import type { TextEncoding } from '../records/text-encoding.js';
import type { ServerServices } from '../services.js';
import { identityLookups, lower, referenceLookup } from './import-lookups.js';

/** Rows per batch: read, looked up, validated and staged together. */
export const BATCH_ROWS = 2_000;
/** Issues listed in a refusal; the total is always given. */
const MAX_LISTED_ISSUES = 200;
/** Data rows the report shows as read. */
const SAMPLE_ROWS = 3;

/** What the runner gives a run: progress (false = stop: cancelled or taken over) and the clock. */
export interface JobControl {
  workerId: string;
  progress(progress: ImportProgress): Promise<boolean>;
}

/** Keys that must be unique: the entity's dedupe keys and unique fields. */
export function uniqueKeys(entity: Entity): string[][] {
  return [...(entity.dedupeKeys ?? []), ...entity.fields.filter((f) => f.unique).map((f) => [f.id])];
}

/** The key an upsert matches rows on: the first dedupe key, else the first unique field. */
export function upsertKey(entity: Entity): string[] | null {
  return uniqueKeys(entity)[0] ?? null;
}

class Refused extends Error {
  constructor(readonly issues: Issue[]) {
    super('refused');
  }
}

/** Runs the job to its end (done, failed) or until it is stopped; never throws for a bad file. */
export async function runImportJob(services: ServerServices, job: ImportJobRow, control: JobControl) {
  let staging: StagingSession | null = null;
  const locale = (job.locale === 'en' ? 'en' : 'zh-CN') as Locale;
  const finishFailed = (end: { issues?: Issue[]; error?: Issue }) =>
    services.store.importJobs.finish(
      job.id,
      control.workerId,
      { state: 'failed', ...end },
      services.clock.now(),
    );
  try {
    const outcome = await readAndStage(services, job, control, locale, (s) => {
      staging = s;
    });
    if (outcome === 'stopped') return;
    if (job.dryRun) {
      await services.store.importJobs.finish(
        job.id,
        control.workerId,
        { state: 'done', report: { ...outcome.report, created: 0, updated: 0 } },
        services.clock.now(),
      );
      return;
    }
    const session = staging as StagingSession | null;
    if (!session) throw new Error('no staging');
    if (!(await control.progress({ phase: 'write', rowsWritten: 0, etaSeconds: null }))) return;
    const started = Date.now();
    const committed = await session.commit({
      jobId: job.id,
      workerId: control.workerId,
      report: outcome.report,
      updateColumns: outcome.updateColumns,
      at: services.clock.now().toISOString(),
      progress: (written) => {
        const seconds = (Date.now() - started) / 1000;
        const rate = seconds > 0 ? written / seconds : null;
        void control.progress({
          rowsWritten: written,
          rowsPerSecond: rate,
          etaSeconds: rate ? (outcome.rows - written) / rate : null,
        });
      },
    });
    if (committed === 'lost') return;
    if ('conflicts' in committed) {
      const message: Record<Locale, string> = {
        en: 'The record was changed by someone else after it was matched; import the file again.',
        'zh-CN': '匹配之后该记录已被他人修改，请重新导入文件。',
      };
      await finishFailed({
        issues: committed.conflicts.map((line) =>
          issue('IMPORT_INVALID', `/rows/${line}`, message[locale], {
            line,
            column: '',
            field: '',
            cause: 'VERSION_CONFLICT',
          }),
        ),
      });
      return;
    }
    if (!committed.ok) await finishFailed({ error: committed.issues[0] as Issue });
  } catch (error) {
    if (error instanceof Refused) await finishFailed({ issues: error.issues });
    else if (error instanceof IssuesError) await finishFailed({ error: error.issues[0] as Issue });
    else if (error instanceof SpreadsheetError)
      await finishFailed({ error: issue('VALIDATION_FAILED', '/file', error.messages) });
    else throw error;
  } finally {
    await (staging as StagingSession | null)?.drop();
  }
}

interface Staged {
  rows: number;
  report: Record<string, unknown>;
  updateColumns: string[];
}

/** Reads, checks and stages every row; 'stopped' when the job was cancelled or taken over. */
async function readAndStage(
  services: ServerServices,
  job: ImportJobRow,
  control: JobControl,
  locale: Locale,
  opened: (staging: StagingSession) => void,
): Promise<Staged | 'stopped'> {
  const { store, published } = services;
  const opening = Date.now();
  const actor: Actor = job.actor;
  const pub = await published.latest(actor, job.appId);
  const entity = entityOf(pub, job.entityId);
  const permission = resolvePermission(pub.definition, job.entityId, actor.roles);
  const admin = actor.roles.includes('admin');
  const file = await store.importJobs.openFile(job);
  if (!file) throw new SpreadsheetError({ en: 'The file is no longer stored.', 'zh-CN': '文件已不再保存。' });
  const sheet = await openSheet(file, job.fileType, {
    encoding: (job.encoding ?? undefined) as TextEncoding | undefined,
  });
  const writable = new Set(
    entity.fields.filter((f) => permission.fieldAccess[f.id] === 'write').map((f) => f.id),
  );
  const visible = new Set(
    entity.fields.filter((f) => permission.fieldAccess[f.id] !== 'none').map((f) => f.id),
  );
  const plan = planColumns(sheet.headers, entity, writable, visible, { ownerColumn: admin });
  if (!plan.columns.some((c) => c.field)) {
    const hint = sheet.text?.hint;
    throw new IssuesError([
      issue('VALIDATION_FAILED', '/file', {
        en: `No column of the file matches a field of this entity.${hint ? ` ${hint.en}` : ''}`,
        'zh-CN': `文件中没有任何列与该实体的字段对应。${hint ? hint['zh-CN'] : ''}`,
      }),
    ]);
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
  const columnOf = (field: string) => plan.columns.find((c) => c.field?.id === field) ?? null;
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

  const identity = await identityLookups(services, actor);
  const lookups: Lookups = { references: new Map(), users: identity.userKeys, orgUnits: identity.unitKeys };
  const references = plan.columns.filter((c) => c.field?.type === 'reference');
  const asked = new Map<string, Set<string>>();
  for (const c of references) {
    lookups.references.set((c.field as Field).id, new Map());
    asked.set((c.field as Field).id, new Set());
  }
  const usersById = new Map(identity.users.map((u) => [u.id, u]));
  const timeZone = await zoneOf(services, actor, pub.definition);
  const now = services.clock.now();
  const at = now.toISOString();
  const initial = initialStageValues(pub.definition, job.entityId, now);
  const ruleContext = { user: ruleUserOf(actor), now, locale, timeZone };
  const key = job.mode === 'upsert' ? upsertKey(entity) : null;
  if (job.mode === 'upsert' && !key) throw new IssuesError([noKeyIssue()]);
  const computed = entity.fields
    .filter((f) => FIELD_TYPE_TABLE[f.type].format === 'computed')
    .map((f) => f.id);
  const updateColumns = [
    ...new Set([...plan.columns.flatMap((c) => (c.field ? [c.field.id] : [])), ...computed]),
  ];

  const session = await store.importJobs.openStaging(actor, job);
  if (!session.ok) throw new IssuesError(session.issues);
  const staging = session.value;
  opened(staging);
  await staging.reset();

  const sample: { line: number; cells: (string | null)[] }[] = [];
  const shown = sheet.headers.flatMap((h, i) => (h.trim() ? [i] : []));
  let rowsRead = 0;
  let rowsStaged = 0;
  const started = Date.now();
  // Milliseconds per phase of this run (the report's `timings`; `pnpm bench import` prints them).
  const timings = {
    open: started - opening,
    read: 0,
    check: 0,
    validate: 0,
    encode: 0,
    stage: 0,
    wait: 0,
    progress: 0,
    keys: 0,
  };
  // One batch's staging runs while the next batch is read and checked; at most one is in flight,
  // so memory stays bounded by two batches.
  let pending: Promise<void> | null = null;
  let reporting: Promise<void> | null = null;
  let stopped = false;
  const settle = async () => {
    const waiting = pending;
    if (!waiting) return;
    pending = null;
    const t = performance.now();
    await waiting;
    timings.wait += performance.now() - t;
  };
  const batches = sheet.batches(BATCH_ROWS)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let t = performance.now();
      const next = await batches.next();
      timings.read += performance.now() - t;
      if (next.done) break;
      const batch = next.value;
      t = performance.now();
      for (const row of batch) if (sample.length < SAMPLE_ROWS) sample.push(sampleRow(row, shown));
      // Reference texts not looked up yet, per column, for this batch at once.
      for (const column of references) {
        const field = column.field as Field & { type: 'reference' };
        const known = lookups.references.get(field.id) as Map<string, string | null>;
        // A text found nowhere stays unknown without being asked again.
        const done = asked.get(field.id) as Set<string>;
        const texts = new Set<string>();
        for (const { cells } of batch) {
          const cell = cells[column.index];
          if (emptyCell(cell) || !isStorableText(String(cell))) continue;
          const text = String(cell).trim();
          if (!done.has(text)) texts.add(text);
        }
        if (texts.size === 0) continue;
        for (const t of texts) done.add(t);
        const found = await referenceLookup(services, actor, pub, field, [...texts]);
        for (const [k, v] of found) known.set(k, known.has(k) && known.get(k) !== v ? null : v);
      }
      // Coerce every cell.
      const coerced: {
        line: number;
        values: Record<string, unknown>;
        owner?: { id: string; orgUnit: string | null };
      }[] = [];
      for (const { line, cells } of batch) {
        const values: Record<string, unknown> = {};
        let owner: { id: string; orgUnit: string | null } | undefined;
        let broken = false;
        for (const column of plan.columns) {
          const cell = cells[column.index];
          if (emptyCell(cell) || cell === undefined) continue;
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
              report(line, column, 'owner', 'REFERENCE_UNKNOWN', unknownUserMessage(locale, String(cell)));
            } else owner = { id: user.id, orgUnit: user.orgUnitId };
            continue;
          }
          const field = column.field as Field;
          const result = coerceCell(field, cell, { locale, timeZone: column.timeZone ?? timeZone, lookups });
          if (result.ok) values[field.id] = result.value;
          else {
            broken = true;
            report(line, column, field.id, 'VALIDATION_FAILED', result.message);
          }
        }
        if (!broken) coerced.push({ line, values, ...(owner ? { owner } : {}) });
      }
      // Upsert: the records these rows' keys match (any scope), and the ones the user may update.
      const matches = new Map<number, { id: string; version: number; previous: RecordData }>();
      const refused = new Set<number>();
      if (key) {
        const keyed = coerced.filter((r) =>
          key.every((k) => r.values[k] !== undefined && r.values[k] !== null),
        );
        const found = await staging.match(
          key,
          keyed.map((r) => key.map((k) => r.values[k])),
        );
        const inScope = [...found.values()].filter((m) => m.inScope).map((m) => m.id);
        const readable = new Map<string, RecordData>();
        if (inScope.length && permission.update) {
          const got = await store.records.getMany(actor, job.appId, job.entityId, inScope);
          if (got.ok) for (const r of got.value) readable.set(r.id, r);
        }
        for (const r of keyed) {
          const match = found.get(JSON.stringify(key.map((k) => r.values[k])));
          if (!match) continue;
          const previous = readable.get(match.id);
          if (!previous) {
            report(
              r.line,
              columnOf(key[0] as string),
              key[0] as string,
              'FORBIDDEN',
              forbiddenMessage(locale),
            );
            refused.add(r.line);
            continue;
          }
          matches.set(r.line, { id: match.id, version: match.version, previous });
        }
      }
      timings.check += performance.now() - t;
      t = performance.now();
      const staged: StagedRow[] = [];
      for (const r of coerced) {
        if (refused.has(r.line)) continue;
        const files = await resolveFileValues(store, actor, entity.fields, r.values);
        const match = matches.get(r.line);
        const valid = !files.ok
          ? files
          : pub.validator.validate(
              match
                ? {
                    entityId: job.entityId,
                    operation: 'update',
                    values: files.value,
                    previous: match.previous,
                    context: ruleContext,
                  }
                : {
                    entityId: job.entityId,
                    operation: 'create',
                    trusted: admin,
                    values: files.value,
                    previous: null,
                    system: initial,
                    context: ruleContext,
                  },
            );
        if (!valid.ok) {
          for (const i of valid.issues) {
            const field = i.path.split('/')[1] ?? '';
            report(r.line, columnOf(field), field, i.code, localizeIssue(i, locale));
          }
          continue;
        }
        if (match) {
          const changes: Record<string, { from: unknown; to: unknown }> = {};
          const values: Record<string, unknown> = {};
          for (const id of updateColumns) values[id] = match.previous[id] ?? null;
          for (const [id, to] of Object.entries(valid.value)) {
            values[id] = to;
            const from = match.previous[id] ?? null;
            if (JSON.stringify(from) !== JSON.stringify(to ?? null)) changes[id] = { from, to };
          }
          staged.push({
            line: r.line,
            values,
            owner: match.previous.owner,
            orgUnit: match.previous.orgUnit,
            match: { id: match.id, version: match.version, changes },
          });
          continue;
        }
        staged.push({
          line: r.line,
          values: valid.value,
          owner: r.owner ? r.owner.id : actor.userId,
          orgUnit: r.owner ? r.owner.orgUnit : actor.orgUnitId,
          ...('stage' in initial ? { stage: initial.stage, stageEnteredAt: initial.stageEnteredAt } : {}),
        });
      }
      timings.validate += performance.now() - t;
      await settle();
      if (total === 0) {
        const began = performance.now();
        pending = staging.append(staged, at).then((appended) => {
          timings.stage += performance.now() - began;
          if (!appended.ok)
            for (const i of appended.issues) {
              const [, , line, field = ''] = i.path.split('/');
              report(Number(line) || 0, columnOf(field), field, i.code, localizeIssue(i, locale));
            }
        });
        // append's synchronous part (the store's checks, the COPY text) runs before it returns
        timings.encode += performance.now() - began;
        // Its failure is taken by settle(); this only keeps it from counting as unhandled meanwhile.
        pending.catch(() => {});
        rowsStaged += staged.length;
      }
      rowsRead += batch.length;
      const seconds = (Date.now() - started) / 1000;
      const bytesRead = sheet.bytesRead();
      const byteRate = seconds > 0 ? bytesRead / seconds : 0;
      // The progress write (a logged UPDATE of the job row, one fsync) does not hold up the
      // reading: at most one is in flight, and its answer (cancelled, taken over) is seen at the
      // next batch.
      if (stopped) return 'stopped';
      if (!reporting) {
        const sent = performance.now();
        reporting = control
          .progress({
            phase: 'validate',
            bytesRead,
            rowsRead,
            rowsPerSecond: seconds > 0 ? rowsRead / seconds : null,
            etaSeconds: byteRate > 0 ? Math.max(0, (job.bytesTotal - bytesRead) / byteRate) : null,
          })
          .then((going) => {
            timings.progress += performance.now() - sent;
            if (!going) stopped = true;
          })
          .finally(() => {
            reporting = null;
          });
        reporting.catch(() => {});
      }
    }
  } finally {
    await settle();
    await reporting;
  }
  if (stopped) return 'stopped';
  if (total === 0) {
    const t = performance.now();
    const keys = uniqueKeys(entity);
    const clashes = await staging.clashes(keys, {
      existing: job.mode === 'create',
      limit: MAX_LISTED_ISSUES,
    });
    for (const c of clashes) {
      const field = c.key[0] ?? '';
      const message =
        c.first !== null
          ? locale === 'zh-CN'
            ? `与第 ${c.first} 行重复。`
            : `Duplicates line ${c.first}.`
          : existingMessage(locale, entity, c.key);
      report(c.line, columnOf(field), field, 'DUPLICATE_RECORD', message);
    }
    timings.keys = performance.now() - t;
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
    throw new Refused(issues);
  }
  return {
    rows: rowsStaged,
    updateColumns,
    report: {
      dryRun: job.dryRun,
      mode: job.mode,
      rows: rowsStaged,
      columns: sheet.headers
        .filter((h) => h.trim())
        .map((header) => {
          const c = plan.columns.find((x) => x.header === header);
          return { header, field: c?.field?.id ?? (c?.system === 'owner' ? 'owner' : null) };
        }),
      ignoredColumns: plan.ignored.map((i) => i.header),
      ...(sheet.text ? { textEncoding: sheet.text.encoding } : {}),
      sample,
      timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
    },
  };
}

/** The refusal of an upsert into an entity without a key to match on. */
export function noKeyIssue(): Issue {
  return issue('VALIDATION_FAILED', '/mode', {
    en: 'This entity has no dedupe key or unique field to match rows on; import with mode=create.',
    'zh-CN': '该实体没有用于匹配的去重键或唯一字段，请使用新建模式导入。',
  });
}

/** A data row as text, one cell per non-blank header (the report's sample). */
function sampleRow({ line, cells }: SheetRow, at: number[]) {
  return {
    line,
    cells: at.map((i) => {
      const c = cells[i];
      if (c === null || c === undefined) return null;
      if (!(c instanceof Date)) return String(c);
      // An Excel date has no zone: shown as its wall-clock reading, as the import reads it.
      return wallText(c, c.getTime() % 86_400_000 === 0 ? 'date' : 'datetime');
    }),
  };
}

function existingMessage(locale: Locale, entity: Entity, key: string[]): string {
  const labels = key.map((k) => {
    const field = entity.fields.find((f) => f.id === k);
    return field ? localize(field.label, locale) || k : k;
  });
  return locale === 'zh-CN'
    ? `已存在相同${labels.join('、')}的记录。`
    : `A record with the same ${labels.join(', ')} already exists.`;
}

function forbiddenMessage(locale: Locale): string {
  return locale === 'zh-CN'
    ? '你不能更新该行匹配到的记录。'
    : 'You may not update the record this row matches.';
}

function badCellMessage(locale: Locale): string {
  return locale === 'zh-CN'
    ? '单元格包含 NUL 字符、孤立代理项或无效的 UTF-8。'
    : 'The cell holds a NUL character, a lone surrogate or invalid UTF-8.';
}

function unknownUserMessage(locale: Locale, raw: string): string {
  return locale === 'zh-CN'
    ? `没有该邮箱、标识或姓名的用户：${raw}`
    : `No user with this email, id or name: ${raw}`;
}
