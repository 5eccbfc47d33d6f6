/**
 * From spreadsheet cells to record values: which column is which field (by id, English label or
 * Chinese label), and each cell turned into the value the field takes (numbers with separators
 * and currency signs, dates in common spellings, option labels, references by title, users by
 * email). Pure: look-ups of references, users and org units are passed in as maps.
 */
import { instantOf, wallTime } from '@stagecraft/rules';
import {
  type Entity,
  FIELD_TYPE_TABLE,
  FIELD_TYPES,
  type Field,
  type FieldType,
  type ImportKind,
  type Locale,
  localize,
} from '@stagecraft/schema';
import { mapFileValues } from '@stagecraft/store';
import { tooDeepAt } from '../edge/json-depth.js';
import { badTextAt } from '../edge/text-check.js';
import type { Cell } from './spreadsheet.js';

/**
 * Field types a spreadsheet cannot fill (files are uploaded, computed values are computed): those
 * whose entry in the field-type table has no import kind.
 */
export const NOT_IMPORTABLE: ReadonlySet<FieldType> = new Set(
  FIELD_TYPES.filter((t) => FIELD_TYPE_TABLE[t].importAs === null),
);

/** System columns an export writes; on import only `owner` is read (admins), the rest are ignored. */
export const SYSTEM_COLUMNS = {
  id: { en: 'ID', 'zh-CN': 'ID' },
  stage: { en: 'Stage', 'zh-CN': '阶段' },
  owner: { en: 'Owner', 'zh-CN': '负责人' },
  createdAt: { en: 'Created at', 'zh-CN': '创建时间' },
  updatedAt: { en: 'Updated at', 'zh-CN': '更新时间' },
} as const satisfies Record<string, Record<Locale, string>>;
export type SystemColumn = keyof typeof SYSTEM_COLUMNS;

/** What one header of the file maps to. */
export interface ColumnMapping {
  header: string;
  index: number;
  field: Field | null;
  system: SystemColumn | null;
  /** The zone a date-time header names (`Met at (Asia/Shanghai)`): its cells are read in it. */
  timeZone?: string;
}

export interface ColumnPlan {
  columns: ColumnMapping[];
  /** Headers that map to nothing the import writes, with the reason. */
  ignored: { header: string; reason: 'unknown' | 'read_only' | 'system' }[];
  /** Headers naming a field twice. */
  duplicates: { header: string; field: string }[];
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** The header of a date-time column, naming the zone its wall-clock cells are in. */
export function zonedHeader(label: string, timeZone: string): string {
  return `${label} (${timeZone})`;
}

const ZONED_HEADER = /^(.*\S)\s*[(（]\s*([A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*)\s*[)）]$/;

/** A header without the zone `zonedHeader` added, and that zone when it is a real one. */
function splitZone(header: string): { name: string; timeZone?: string } {
  const m = ZONED_HEADER.exec(header.trim());
  if (!m?.[1] || !m[2]) return { name: header };
  try {
    new Intl.DateTimeFormat('en', { timeZone: m[2] });
    return { name: m[1], timeZone: m[2] };
  } catch {
    return { name: header };
  }
}

/**
 * Maps headers to fields the actor may write. `writable` are the field ids the actor may write;
 * a visible but read-only field, a system column or an unknown header is ignored and reported.
 */
export function planColumns(
  headers: readonly string[],
  entity: Entity,
  writable: ReadonlySet<string>,
  visible: ReadonlySet<string>,
  options: { ownerColumn: boolean },
): ColumnPlan {
  const names = new Map<string, { field?: Field; system?: SystemColumn }>();
  for (const [key, labels] of Object.entries(SYSTEM_COLUMNS) as [SystemColumn, Record<Locale, string>][])
    for (const name of [key, labels.en, labels['zh-CN']]) names.set(norm(name), { system: key });
  // A field the actor may not see is not named at all: its header reads as unknown.
  for (const field of entity.fields.filter((f) => visible.has(f.id)))
    for (const name of [field.label.en, field.label['zh-CN'], field.id])
      if (name) names.set(norm(name), { field });
  const plan: ColumnPlan = { columns: [], ignored: [], duplicates: [] };
  const seen = new Set<string>();
  headers.forEach((header, index) => {
    if (!header.trim()) return;
    // A label that itself ends in "(…)" matches as written; else a zone suffix is taken off.
    const zoned = names.has(norm(header)) ? { name: header } : splitZone(header);
    const hit = names.get(norm(zoned.name));
    if (hit?.system === 'owner' && options.ownerColumn) {
      plan.columns.push({ header, index, field: null, system: 'owner' });
      return;
    }
    if (!hit) plan.ignored.push({ header, reason: 'unknown' });
    else if (hit.system) plan.ignored.push({ header, reason: 'system' });
    else if (hit.field && (!writable.has(hit.field.id) || NOT_IMPORTABLE.has(hit.field.type)))
      plan.ignored.push({ header, reason: 'read_only' });
    else if (hit.field) {
      if (seen.has(hit.field.id)) plan.duplicates.push({ header, field: hit.field.id });
      seen.add(hit.field.id);
      const timeZone = FIELD_TYPE_TABLE[hit.field.type].importAs === 'datetime' ? zoned.timeZone : undefined;
      plan.columns.push({ header, index, field: hit.field, system: null, ...(timeZone ? { timeZone } : {}) });
    }
  });
  return plan;
}

/** Look-ups for cells that name other things, from their lower-cased text to an id. */
export interface Lookups {
  /** Per reference field: id or title (lower-cased) → record id; `null` marks an ambiguous title. */
  references: Map<string, Map<string, string | null>>;
  /** Email, id or name (lower-cased) → user id; `null` when a name is shared. */
  users: Map<string, string | null>;
  /** Id or name (lower-cased) → org unit id; `null` when a name is shared. */
  orgUnits: Map<string, string | null>;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const DATETIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

function validDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', '√', '✓', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '错', '×']);

/** The result of turning one cell into a value. */
export type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

const ok = (value: unknown): Coerced => ({ ok: true, value });
const bad = (message: string): Coerced => ({ ok: false, message });

/** A text cell as written, minus the `'` an export puts before text that looks like a formula. */
function text(cell: Cell): string {
  if (cell instanceof Date) return cell.toISOString();
  const s = String(cell);
  return /^'[=+\-@]/.test(s) ? s.slice(1) : s;
}

function number(cell: Cell, locale: Locale): Coerced {
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : bad(msg(locale, 'number'));
  const s = text(cell)
    .trim()
    .replace(/[\s,，_]/g, '')
    .replace(/^[¥￥$€£]|^(CNY|RMB|USD|EUR)/i, '')
    .replace(/%$/, '');
  const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
  return Number.isFinite(n) ? ok(n) : bad(msg(locale, 'number'));
}

const MESSAGES = {
  number: { en: 'Expected a number.', 'zh-CN': '应为数字。' },
  date: { en: 'Expected a date like 2026-03-31.', 'zh-CN': '应为日期，如 2026-03-31。' },
  datetime: {
    en: 'Expected a date and time like 2026-03-31 14:30.',
    'zh-CN': '应为日期时间，如 2026-03-31 14:30。',
  },
  boolean: { en: 'Expected yes or no.', 'zh-CN': '应为“是”或“否”。' },
  option: { en: 'Not one of the options: ', 'zh-CN': '不是可选项：' },
  reference: { en: 'No record with this id or title: ', 'zh-CN': '没有该标识或名称的记录：' },
  ambiguous: { en: 'Several records have this title; use the id: ', 'zh-CN': '多条记录同名，请改用标识：' },
  user: { en: 'No user with this email, id or name: ', 'zh-CN': '没有该邮箱、标识或姓名的用户：' },
  orgUnit: { en: 'No org unit with this id or name: ', 'zh-CN': '没有该标识或名称的组织：' },
  geo: { en: 'Expected "latitude, longitude".', 'zh-CN': '应为“纬度, 经度”。' },
  json: {
    en: 'Expected the line items as JSON (as an export writes them).',
    'zh-CN': '明细应为 JSON（与导出格式相同）。',
  },
} as const;

function msg(locale: Locale, key: keyof typeof MESSAGES, value?: string): string {
  return value === undefined ? MESSAGES[key][locale] : `${MESSAGES[key][locale]}${value}`;
}

function option(
  field: Field & { options: { id: string; label: Field['label'] }[] },
  raw: string,
): string | null {
  const n = norm(raw);
  const found = field.options.find(
    (o) => norm(o.id) === n || norm(o.label.en ?? '') === n || norm(o.label['zh-CN'] ?? '') === n,
  );
  return found ? found.id : null;
}

function lookup(map: Map<string, string | null> | undefined, raw: string) {
  const hit = map?.get(norm(raw));
  return hit === undefined ? { found: false as const } : { found: true as const, id: hit };
}

/** What a coercion gets besides the cell. */
interface CoerceContext {
  locale: Locale;
  timeZone: string;
  lookups: Lookups;
}

type SelectField = Field & { options: { id: string; label: Field['label'] }[] };
const hasOptions = (field: Field): field is SelectField => 'options' in field;

function dateTime(cell: Cell, context: CoerceContext): Coerced {
  const { locale } = context;
  // A spreadsheet's date has no zone: its reading (in the UTC fields) is wall-clock time in the zone.
  if (cell instanceof Date) {
    const [y, mo, d] = [cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()];
    const wall = { year: y, month: mo, day: d, hour: cell.getUTCHours(), minute: cell.getUTCMinutes() };
    const rest = { second: cell.getUTCSeconds(), ms: cell.getUTCMilliseconds() };
    return ok(new Date(instantOf({ ...wall, ...rest }, context.timeZone)).toISOString());
  }
  const s = text(cell).trim();
  const m = DATETIME.exec(s);
  if (m) {
    const day = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    const [h, min, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (!day || h > 23 || min > 59 || sec > 59) return bad(msg(locale, 'datetime'));
    const wall = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: h, minute: min };
    const ms = Number((m[7] ?? '0').padEnd(3, '0'));
    return ok(new Date(instantOf({ ...wall, second: sec, ms }, context.timeZone)).toISOString());
  }
  const d = DATE.exec(s);
  if (d && validDate(Number(d[1]), Number(d[2]), Number(d[3])))
    return dateTime(`${d[1]}-${d[2]}-${d[3]} 00:00`, context);
  const t = /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? Date.parse(s) : Number.NaN;
  return Number.isNaN(t) ? bad(msg(locale, 'datetime')) : ok(new Date(t).toISOString());
}

/** One coercion per import kind of the field-type table (a new type picks a kind, or adds one here). */
const COERCE: Record<ImportKind, (field: Field, cell: Cell, context: CoerceContext) => Coerced> = {
  text: (_, cell) => ok(typeof cell === 'number' ? String(cell) : text(cell).trim()),
  long_text: (_, cell) => ok(text(cell)),
  number: (_, cell, { locale }) => number(cell, locale),
  boolean: (_, cell, { locale }) => {
    if (typeof cell === 'boolean') return ok(cell);
    const s = norm(text(cell));
    return TRUE.has(s) ? ok(true) : FALSE.has(s) ? ok(false) : bad(msg(locale, 'boolean'));
  },
  date: (_, cell, { locale }) => {
    if (cell instanceof Date) return ok(cell.toISOString().slice(0, 10));
    const m = DATE.exec(text(cell).trim());
    const d = m ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
    return d ? ok(d) : bad(msg(locale, 'date'));
  },
  datetime: (_, cell, context) => dateTime(cell, context),
  option: (field, cell, { locale }) => {
    const id = hasOptions(field) ? option(field, text(cell)) : null;
    return id ? ok(id) : bad(msg(locale, 'option', text(cell)));
  },
  options: (field, cell, { locale }) => {
    const parts = text(cell)
      .split(/[;；\n|]/)
      .map((p) => p.trim())
      .filter(Boolean);
    const ids: string[] = [];
    for (const part of parts) {
      const id = hasOptions(field) ? option(field, part) : null;
      if (!id) return bad(msg(locale, 'option', part));
      if (!ids.includes(id)) ids.push(id);
    }
    return ok(ids);
  },
  reference: (field, cell, { locale, lookups }) => {
    const raw = text(cell).trim();
    const hit = lookup(lookups.references.get(field.id), raw);
    if (!hit.found) return bad(msg(locale, 'reference', raw));
    return hit.id === null ? bad(msg(locale, 'ambiguous', raw)) : ok(hit.id);
  },
  user: (_, cell, { locale, lookups }) => {
    const raw = text(cell).trim();
    const hit = lookup(lookups.users, raw);
    return hit.found && hit.id !== null ? ok(hit.id) : bad(msg(locale, 'user', raw));
  },
  org_unit: (_, cell, { locale, lookups }) => {
    const raw = text(cell).trim();
    const hit = lookup(lookups.orgUnits, raw);
    return hit.found && hit.id !== null ? ok(hit.id) : bad(msg(locale, 'orgUnit', raw));
  },
  geo: (_, cell, { locale }) => {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text(cell));
    return m ? ok({ lat: Number(m[1]), lng: Number(m[2]) }) : bad(msg(locale, 'geo'));
  },
  json: (_, cell, { locale }) => {
    try {
      // The same edge limits as a JSON body: depth scanned before parsing, storable text after.
      if (tooDeepAt(text(cell)) !== null) return bad(msg(locale, 'json'));
      const rows = JSON.parse(text(cell));
      return Array.isArray(rows) && badTextAt(rows) === null ? ok(rows) : bad(msg(locale, 'json'));
    } catch {
      return bad(msg(locale, 'json'));
    }
  },
};

/**
 * Turns one non-empty cell into the value `field` takes, by the import kind its type declares in
 * the field-type table. `timeZone` reads date-times written without an offset as wall-clock time
 * in the workspace's zone.
 */
export function coerceCell(field: Field, cell: Cell, context: CoerceContext): Coerced {
  const kind = FIELD_TYPE_TABLE[field.type].importAs;
  return kind === null ? bad(msg(context.locale, 'json')) : COERCE[kind](field, cell, context);
}

/** Whether a cell is empty (an empty cell leaves the field unset, so defaults and required apply). */
export function emptyCell(cell: Cell | undefined): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * A stored date (`YYYY-MM-DD`) or instant (ISO-8601) as the wall-clock reading of `timeZone`,
 * held in the UTC fields of a `Date`: a spreadsheet's dates have no zone, so an export writes
 * exactly what a clock in the workspace showed (a date stays that date, in any zone). Import reads
 * such a cell back with `instantOf` in the same zone. Null for a value that is neither.
 */
export function wallClock(value: unknown, type: 'date' | 'datetime', timeZone: string): Date | null {
  if (typeof value !== 'string') return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || type === 'date') return null;
  return new Date(ms + offsetAt(ms, timeZone));
}

/** Zone offsets by quarter hour (zones change offset only on whole quarter hours): an export reads millions. */
const OFFSETS = new Map<string, number>();
const QUARTER_HOUR = 900_000;

/** The zone's offset from UTC at an instant, in ms (Intl's answer, remembered per quarter hour). */
function offsetAt(ms: number, timeZone: string): number {
  const start = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone} ${start}`;
  let offset = OFFSETS.get(key);
  if (offset === undefined) {
    const w = wallTime(start, timeZone);
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - start;
    if (OFFSETS.size >= 100_000) OFFSETS.clear();
    OFFSETS.set(key, offset);
  }
  return offset;
}

/** One value of a record as an export cell (the inverse of `coerceCell` where there is one). */
export function exportCell(
  field: Field,
  value: unknown,
  context: {
    locale: Locale;
    titles: Map<string, Map<string, string>>;
    users: Map<string, string>;
    orgUnits: Map<string, string>;
    /** With a zone, dates and date-times become wall-clock `Date`s (`wallClock`); else kept as stored. */
    timeZone?: string | undefined;
  },
): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  const kind = FIELD_TYPE_TABLE[field.type].importAs;
  if (context.timeZone && (kind === 'date' || kind === 'datetime'))
    return wallClock(value, kind, context.timeZone) ?? String(value);
  switch (field.type) {
    case 'number':
    case 'currency':
    case 'percent':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return value === true
        ? context.locale === 'zh-CN'
          ? '是'
          : 'yes'
        : context.locale === 'zh-CN'
          ? '否'
          : 'no';
    case 'single_select': {
      const o = field.options.find((x) => x.id === value);
      return o ? localize(o.label, context.locale) : String(value);
    }
    case 'multi_select':
      return (Array.isArray(value) ? value : [])
        .map((v) => {
          const o = field.options.find((x) => x.id === v);
          return o ? localize(o.label, context.locale) : String(v);
        })
        .join('; ');
    case 'reference':
      return context.titles.get(field.id)?.get(String(value)) ?? String(value);
    case 'user':
      return context.users.get(String(value)) ?? String(value);
    case 'org_unit':
      return context.orgUnits.get(String(value)) ?? String(value);
    case 'geo_point': {
      const g = value as { lat?: number; lng?: number };
      return `${g.lat}, ${g.lng}`;
    }
    case 'attachment':
    case 'image':
      return (Array.isArray(value) ? value : [])
        .map((f: { name?: string; id?: string }) => f.name ?? f.id ?? '')
        .join('; ');
    case 'subtable':
      // Files inside rows are shown by name, as in file columns.
      return JSON.stringify(
        mapFileValues([field], { [field.id]: value }, (f) => {
          const file = f as { name?: unknown; id?: unknown } | null;
          return file?.name ?? file?.id ?? '';
        })[field.id],
      );
    case 'formula':
      return typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
