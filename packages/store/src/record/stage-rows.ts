/**
 * The store's check of an import's rows and their COPY text, in one pass per row (issue 14): the
 * rules of one create (`encodeValues`: known fields only, field write access, each value's shape
 * for its column, string ids for ownership, date-times for the stage entry) compiled once per
 * staging session into one check per column, and each checked value written straight into the
 * staging table's COPY line. No row object, no audit copy: the audit `changes` of a created row
 * are computed from its columns at the commit (see import-staging.ts), so only an upsert's
 * matched rows carry theirs.
 */
import { type Issue, issue } from '@stagecraft/schema';
import type { Actor } from '../contract.js';
import { columnType } from '../ddl/column-types.js';
import { MESSAGES } from '../messages.js';
import { copyChunks, copyField } from './copy-text.js';
import type { EntityContext } from './entity-context.js';
import { type ColumnCheck, columnCheck, valueIssue } from './record-values.js';

/** One checked row of the file. */
export interface StagedRow {
  /** The file's line (header = 1). */
  line: number;
  values: Record<string, unknown>;
  owner: string | null;
  orgUnit: string | null;
  stage?: string | null;
  stageEnteredAt?: string | null;
  /** Upsert: the record this row updates and the version read when it was matched. */
  match?: { id: string; version: number; changes: Record<string, { from: unknown; to: unknown }> };
}

/** The staging table's columns before the entity's system and field columns, in COPY order. */
export const STAGE_HEAD: [string, string][] = [
  ['line', 'integer'],
  ['changes', 'jsonb'],
  ['match_id', 'text'],
  ['match_version', 'integer'],
];

/** What the encoder gives back for a batch: the COPY text, or the issues by line. */
export interface EncodedRows {
  chunks: string[];
  issues: Issue[];
}

/** Compiles the checks of the entity's columns for one session; the encoder runs per batch. */
export function stageEncoder(
  ctx: EntityContext,
  actor: Actor,
  newId: () => string,
): (rows: readonly StagedRow[], at: string) => EncodedRows {
  const columns: { id: string; type: string; check: ColumnCheck }[] = ctx.entity.fields.map((f) => ({
    id: f.id,
    type: columnType(f),
    check: columnCheck(f),
  }));
  const writable = new Set(
    ctx.entity.fields.filter((f) => ctx.permission.fieldAccess[f.id] === 'write').map((f) => f.id),
  );
  // Every row of an import carries the same few times: each distinct text is parsed once.
  const times = new Map<string, boolean>();
  const isTime = (v: string) => {
    let ok = times.get(v);
    if (ok === undefined) {
      ok = !Number.isNaN(Date.parse(v));
      if (times.size < 64) times.set(v, ok);
    }
    return ok;
  };
  const by = copyField(actor.userId, 'text');

  return (rows, at) => {
    const issues: Issue[] = [];
    const chunks = copyChunks();
    const stamp = copyField(at, 'text');
    for (const row of rows) {
      const path = `/rows/${row.line}`;
      let bad = false;
      for (const key in row.values) {
        if (writable.has(key)) continue;
        bad = true;
        const known = ctx.visible.has(key);
        issues.push(
          known
            ? issue('FORBIDDEN', `${path}/${key}`)
            : issue('UNKNOWN_FIELD', `${path}/${key}`, MESSAGES.unknownField(key)),
        );
      }
      for (const [key, id] of [
        ['owner', row.owner],
        ['orgUnit', row.orgUnit],
        ['stage', row.stage ?? null],
      ] as const) {
        if (id !== null && typeof id !== 'string') {
          bad = true;
          issues.push(
            issue('VALIDATION_FAILED', `${path}/${key}`, {
              en: 'Expected a string id.',
              'zh-CN': '应为文本形式的标识。',
            }),
          );
        }
      }
      const entered = row.stage ? (row.stageEnteredAt ?? at) : null;
      if (entered !== null && (typeof entered !== 'string' || !isTime(entered))) {
        bad = true;
        issues.push(issue('VALIDATION_FAILED', `${path}/stageEnteredAt`, MESSAGES.expectedDateTime));
      }
      const match = row.match;
      let line = match
        ? `${row.line}\t${copyField(match.changes, 'jsonb')}\t${copyField(match.id, 'text')}\t${match.version}`
        : `${row.line}\t\\N\t\\N\t\\N`;
      line += `\t${copyField(match ? match.id : newId(), 'text')}\t${copyField(row.owner, 'text')}\t${copyField(
        row.orgUnit,
        'text',
      )}\t${copyField(row.stage ?? null, 'text')}\t${copyField(entered, 'text')}\t${stamp}\t${stamp}\t${by}\t${by}`;
      for (const column of columns) {
        const value = row.values[column.id];
        if (value === null || value === undefined) {
          line += '\t\\N';
          continue;
        }
        const wrong = column.check(value);
        if (wrong) {
          bad = true;
          issues.push(valueIssue(`${path}/${column.id}`, wrong));
          continue;
        }
        line += `\t${copyField(value, column.type)}`;
      }
      if (!bad && issues.length === 0) chunks.push(`${line}\n`);
    }
    return { chunks: issues.length ? [] : chunks.done(), issues };
  };
}
