import { isLookupField, titleFieldOf } from '@stagecraft/engine';
import type { App } from '@stagecraft/schema';
import { formatValue } from '../format/format-value.js';
import { defaultRuleRuntime } from '../rules/rule-runtime.js';
import type {
  ApiResult,
  AuditEntryView,
  BulkAsk,
  BulkRowView,
  Choice,
  FileRef,
  RecordData,
  RecordQuery,
  RelatedView,
  RuntimeServices,
  SlaView,
  StageHistoryEntry,
  TitleMap,
  TitleRequest,
  TransitionList,
  TransitionOption,
} from '../services/runtime-services.js';

type Refusal = {
  status: number;
  code: string;
  message: string;
  details: { path: string; message: string }[];
};

/**
 * An in-memory implementation of the renderer's ports for component tests: records are really
 * stored, filtered with the rule runtime, sorted and paged; every call is logged so tests can
 * assert what the UI asked for. Tests set `refuseNext` to make the next write fail like the server.
 */
export class MemoryServices implements RuntimeServices {
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly data = new Map<string, RecordData[]>();
  transitionOptions: TransitionOption[] = [];
  sla: SlaView | null = null;
  historyEntries: StageHistoryEntry[] = [];
  auditEntries: AuditEntryView[] = [];
  people: Choice[] = [];
  units: Choice[] = [];
  refuseNext: Refusal | null = null;
  /** The app titles are computed for (`renderWithRuntime` sets it); ids in `unreadable` name nothing. */
  app: App | null = null;
  readonly unreadable = new Set<string>();
  private seq = 0;

  seed(entity: string, records: Record<string, unknown>[]): void {
    this.data.set(
      entity,
      records.map((r) => ({ version: 1, ...r, id: String(r.id ?? `r${++this.seq}`) }) as RecordData),
    );
  }

  private log(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  private refusal<T>(): ApiResult<T> | null {
    const r = this.refuseNext;
    if (!r) return null;
    this.refuseNext = null;
    return { ok: false, error: r };
  }

  async listRecords(entity: string, query: RecordQuery): ReturnType<RuntimeServices['listRecords']> {
    this.log('listRecords', entity, query);
    let rows = [...(this.data.get(entity) ?? [])];
    if (query.filter) {
      const fn = defaultRuleRuntime.compile(query.filter);
      rows = rows.filter((r) => Boolean(fn(r)));
    }
    if (query.search) {
      const q = query.search.toLowerCase();
      rows = rows.filter((r) =>
        Object.values(r).some((v) => typeof v === 'string' && v.toLowerCase().includes(q)),
      );
    }
    for (const s of [...(query.sort ?? [])].reverse()) {
      rows.sort((a, b) => {
        const x = a[s.field] as string | number;
        const y = b[s.field] as string | number;
        const c = x < y ? -1 : x > y ? 1 : 0;
        return s.direction === 'asc' ? c : -c;
      });
    }
    const offset = query.offset ?? 0;
    return {
      ok: true,
      value: { records: rows.slice(offset, offset + (query.limit ?? 50)), total: rows.length },
    };
  }

  async aggregate(entity: string, query: Parameters<RuntimeServices['aggregate']>[1]) {
    this.log('aggregate', entity, query);
    const all = await this.listRecords(entity, { filter: query.filter, limit: Number.MAX_SAFE_INTEGER });
    if (!all.ok) return all;
    const groups = new Map<unknown, RecordData[]>();
    for (const r of all.value.records) {
      const g = query.groupBy ? (r[query.groupBy] ?? null) : null;
      groups.set(g, [...(groups.get(g) ?? []), r]);
    }
    return {
      ok: true as const,
      value: [...groups].map(([group, rows]) => ({
        group,
        values: query.measures.map((m) => {
          const xs = rows.map((r) => r[m.field ?? '']).filter((x): x is number => typeof x === 'number');
          if (m.op === 'count') return rows.length;
          if (xs.length === 0) return null;
          if (m.op === 'min') return Math.min(...xs);
          if (m.op === 'max') return Math.max(...xs);
          const sum = xs.reduce((s, x) => s + x, 0);
          return m.op === 'avg' ? sum / xs.length : sum;
        }),
      })),
    };
  }

  async getRecord(entity: string, id: string): Promise<ApiResult<RecordData>> {
    this.log('getRecord', entity, id);
    const r = this.data.get(entity)?.find((x) => x.id === id);
    return r
      ? { ok: true, value: r }
      : {
          ok: false,
          error: { status: 404, code: 'RECORD_NOT_FOUND', message: 'No such record.', details: [] },
        };
  }

  async createRecord(entity: string, values: Record<string, unknown>): Promise<ApiResult<RecordData>> {
    this.log('createRecord', entity, values);
    const refused = this.refusal<RecordData>();
    if (refused) return refused;
    const rec = { ...values, id: `r${++this.seq}`, version: 1 } as RecordData;
    this.data.set(entity, [...(this.data.get(entity) ?? []), rec]);
    return { ok: true, value: rec };
  }

  async updateRecord(
    entity: string,
    id: string,
    version: number,
    values: Record<string, unknown>,
  ): Promise<ApiResult<RecordData>> {
    this.log('updateRecord', entity, id, version, values);
    const refused = this.refusal<RecordData>();
    if (refused) return refused;
    const rows = this.data.get(entity) ?? [];
    const i = rows.findIndex((r) => r.id === id);
    const rec = { ...(rows[i] as RecordData), ...values, version: version + 1 };
    rows[i] = rec;
    return { ok: true, value: rec };
  }

  async transitions(entity: string, id: string): Promise<ApiResult<TransitionList>> {
    this.log('transitions', entity, id);
    return { ok: true, value: { options: this.transitionOptions, sla: this.sla } };
  }

  async runTransition(
    entity: string,
    id: string,
    request: Parameters<RuntimeServices['runTransition']>[2],
  ): Promise<ApiResult<RecordData>> {
    this.log('runTransition', entity, id, request);
    const refused = this.refusal<RecordData>();
    if (refused) return refused;
    return this.updateRecord(entity, id, request.version ?? 1, { stage: request.to, ...request.fields });
  }

  async history(entity: string, id: string): Promise<ApiResult<StageHistoryEntry[]>> {
    this.log('history', entity, id);
    return { ok: true, value: this.historyEntries };
  }

  async audit(entity: string, id: string): Promise<ApiResult<AuditEntryView[]>> {
    this.log('audit', entity, id);
    return { ok: true, value: this.auditEntries };
  }

  readonly files = new Map<string, FileRef>();

  async upload(file: File): Promise<ApiResult<FileRef>> {
    this.log('upload', file.name);
    const refused = this.refusal<FileRef>();
    if (refused) return refused;
    const ref = { id: `f${++this.seq}`, name: file.name, size: file.size, mime: file.type };
    this.files.set(ref.id, ref);
    return { ok: true, value: ref };
  }

  async attachment(id: string): Promise<ApiResult<FileRef>> {
    const f = this.files.get(id);
    return f
      ? { ok: true, value: f }
      : { ok: false, error: { status: 404, code: 'NOT_FOUND', message: 'Not found.', details: [] } };
  }

  async users(search: string): Promise<Choice[]> {
    this.log('users', search);
    return this.people.filter((p) => p.name.toLowerCase().includes(search.toLowerCase()));
  }

  async orgUnits(search: string): Promise<Choice[]> {
    this.log('orgUnits', search);
    return this.units.filter((p) => p.name.toLowerCase().includes(search.toLowerCase()));
  }

  /** Related lists from the seeded records' reference fields; the timeline is `auditEntries` of the record. */
  async related(entity: string, id: string): Promise<ApiResult<RelatedView>> {
    this.log('related', entity, id);
    const lists = (this.app?.entities ?? []).flatMap((e) =>
      e.fields
        .filter((f) => f.type === 'reference' && f.entity === entity)
        .map((f) => {
          const records = (this.data.get(e.id) ?? []).filter((r) => r[f.id] === id);
          return { entity: e.id, field: f.id, total: records.length, records };
        }),
    );
    const timeline = this.auditEntries.map((a) => ({ ...a, entity, recordId: id }));
    return { ok: true, value: { lists, timeline } };
  }

  /** Runs each row as a single update or transition; a refused row is reported, the rest written. */
  async bulk(entity: string, ask: BulkAsk) {
    this.log('bulk', entity, ask);
    const rows: BulkRowView[] = [];
    for (const id of ask.ids) {
      const rec = (this.data.get(entity) ?? []).find((r) => r.id === id);
      const done =
        'set' in ask
          ? await this.updateRecord(entity, id, rec?.version ?? 1, ask.set)
          : await this.runTransition(entity, id, { ...ask.transition, fields: {}, evidence: {} });
      rows.push(
        done.ok
          ? { id, ok: true, stage: done.value.stage ?? null }
          : { id, ok: false, code: done.error.code, message: done.error.message },
      );
    }
    const ok = rows.filter((r) => r.ok).length;
    return { ok: true as const, value: { done: ok, refused: rows.length - ok, rows } };
  }

  async titles(request: TitleRequest): Promise<ApiResult<TitleMap>> {
    this.log('titles', request);
    const name = (list: Choice[], id: string) => list.find((c) => c.id === id)?.name ?? null;
    const out: TitleMap = { refs: {}, users: {}, orgUnits: {} };
    for (const id of request.users ?? []) out.users[id] = name(this.people, id);
    for (const id of request.orgUnits ?? []) out.orgUnits[id] = name(this.units, id);
    for (const [key, ids] of Object.entries(request.refs ?? {})) {
      const [entity = '', field] = key.split('.');
      out.refs[key] = Object.fromEntries(ids.map((id) => [id, this.titleOf(entity, id, field, 0)]));
    }
    return { ok: true, value: out };
  }

  /** The same rule as the server's titles: the title field, a lookup title named by what it points at. */
  private titleOf(
    entityId: string,
    id: string,
    displayField: string | undefined,
    depth: number,
  ): string | null {
    const record = this.data.get(entityId)?.find((r) => r.id === id);
    if (!record || this.unreadable.has(id)) return null;
    const field = titleFieldOf(
      this.app?.entities.find((e) => e.id === entityId),
      displayField,
    );
    if (!field) return '';
    const value = record[field.id];
    if (!isLookupField(field)) return formatValue(field, value, 'en');
    if (typeof value !== 'string') return '';
    if (field.type === 'user') return this.people.find((p) => p.id === value)?.name ?? '';
    if (field.type === 'org_unit') return this.units.find((p) => p.id === value)?.name ?? '';
    return depth < 3 ? (this.titleOf(field.entity, value, field.displayField, depth + 1) ?? '') : '';
  }
}
