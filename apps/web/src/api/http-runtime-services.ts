import type {
  ApiResult,
  AuditEntryView,
  Choice,
  FileRef,
  RecordData,
  RecordQuery,
  RuntimeServices,
  SlaView,
  StageHistoryEntry,
  TitleMap,
  TitleRequest,
  TransitionList,
} from '@stagecraft/renderer';
import { mapOk, request } from './http.js';

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
/** A list either bare or under one of the given keys. */
const listOf = (body: unknown, ...keys: string[]): Loose[] => {
  if (Array.isArray(body)) return body as Loose[];
  for (const k of keys) {
    const v = (body as Loose | null)?.[k];
    if (Array.isArray(v)) return v as Loose[];
  }
  return [];
};

/** A stored file from the attachments API, whatever the exact key spelling. */
export function toFileRef(b: Loose): FileRef {
  const a = ((b.attachment ?? b.file ?? b) as Loose) ?? {};
  const id = String(a.id);
  return {
    id,
    name: str(a.name) ?? str(a.filename) ?? str(a.fileName) ?? id,
    size: num(a.size) ?? num(a.sizeBytes) ?? 0,
    mime: str(a.mime) ?? str(a.mimeType) ?? str(a.contentType) ?? 'application/octet-stream',
    sha256: str(a.sha256),
    url: str(a.url) ?? `/api/attachments/${encodeURIComponent(id)}/content`,
  };
}

/**
 * The renderer's ports over the HTTP API of one app (issue 2 records contract, issue 4 transitions,
 * history and attachments). Response shapes are read leniently in one place: this file.
 */
export class HttpRuntimeServices implements RuntimeServices {
  private readonly base: string;
  private readonly appBase: string;
  private userCache: Promise<Choice[]> | null = null;
  private unitCache: Promise<Choice[]> | null = null;

  constructor(appId: string) {
    this.appBase = `/api/apps/${encodeURIComponent(appId)}`;
    this.base = `${this.appBase}/entities`;
  }

  private records(entity: string, id?: string): string {
    return `${this.base}/${encodeURIComponent(entity)}/records${id ? `/${encodeURIComponent(id)}` : ''}`;
  }

  async listRecords(entity: string, query: RecordQuery) {
    const body: Loose = {};
    if (query.filter !== undefined && query.filter !== null) body.filter = query.filter;
    if (query.reachedStage) body.reachedStage = query.reachedStage;
    if (query.sort?.length) body.sort = query.sort;
    if (query.search) body.search = query.search;
    if (query.limit !== undefined) body.limit = query.limit;
    if (query.offset !== undefined) body.offset = query.offset;
    return request<{ records: RecordData[]; total: number }>('POST', `${this.records(entity)}/query`, body);
  }

  async aggregate(entity: string, query: Parameters<RuntimeServices['aggregate']>[1]) {
    const body: Loose = { measures: query.measures };
    if (query.filter !== undefined && query.filter !== null) body.filter = query.filter;
    if (query.groupBy) body.groupBy = query.groupBy;
    return mapOk(
      await request<{ groups: { group: unknown; values: (number | null)[] }[] }>(
        'POST',
        `${this.records(entity)}/aggregate`,
        body,
      ),
      (b) => b.groups,
    );
  }

  getRecord(entity: string, id: string) {
    return request<RecordData>('GET', this.records(entity, id));
  }

  createRecord(entity: string, values: Record<string, unknown>) {
    return request<RecordData>('POST', this.records(entity), values);
  }

  updateRecord(entity: string, id: string, version: number, values: Record<string, unknown>) {
    return request<RecordData>('PATCH', this.records(entity, id), { ...values, version });
  }

  async transitions(entity: string, id: string): Promise<ApiResult<TransitionList>> {
    return mapOk(await request<unknown>('GET', `${this.records(entity, id)}/transitions`), (b) => ({
      sla: ((b as Loose | null)?.sla ?? null) as SlaView | null,
      options: listOf(b, 'transitions').map((t) => ({
        id: String(t.id),
        to: String(t.to),
        label: str(t.label),
        allowed: t.allowed === true,
        reasons: listOf(t.reasons ?? t.issues ?? t.blockers).map((r) => ({
          path: str(r.path) ?? '',
          message: str(r.message) ?? '',
          code: str(r.code),
        })),
      })),
    }));
  }

  async runTransition(
    entity: string,
    id: string,
    req: {
      to: string;
      transitionId?: string;
      version?: number;
      fields: Record<string, unknown>;
      evidence: Record<string, FileRef[]>;
    },
  ) {
    const evidence = Object.fromEntries(
      Object.entries(req.evidence).map(([k, files]) => [k, files.map((f) => f.id)]),
    );
    const r = await request<unknown>('POST', `${this.records(entity, id)}/transitions`, {
      to: req.to,
      fields: req.fields,
      evidence,
      ...(req.transitionId ? { transitionId: req.transitionId } : {}),
      ...(req.version ? { version: req.version } : {}),
    });
    return mapOk(r, (b) => ((b as Loose).record ?? b) as RecordData);
  }

  async history(entity: string, id: string): Promise<ApiResult<StageHistoryEntry[]>> {
    return mapOk(await request<unknown>('GET', `${this.records(entity, id)}/history`), (b) =>
      listOf(b, 'history', 'entries').map((h) => ({
        from: str(h.from) ?? null,
        to: String(h.to),
        by: str(h.actor) ?? str(h.by) ?? null,
        at: String(h.at),
        dwellMs: num(h.dwellMs) ?? null,
        transitionId: str(h.transitionId),
        evidence: (h.evidence ?? undefined) as Record<string, string[]> | undefined,
      })),
    );
  }

  async audit(entity: string, id: string): Promise<ApiResult<AuditEntryView[]>> {
    return mapOk(
      await request<unknown>('GET', `${this.records(entity, id)}/audit`),
      (b) => listOf(b, 'entries') as unknown as AuditEntryView[],
    );
  }

  async upload(file: File): Promise<ApiResult<FileRef>> {
    const form = new FormData();
    form.append('size', String(file.size));
    form.append('file', file, file.name);
    return mapOk(await request<Loose>('POST', '/api/attachments', form), toFileRef);
  }

  async attachment(id: string): Promise<ApiResult<FileRef>> {
    return mapOk(await request<Loose>('GET', `/api/attachments/${encodeURIComponent(id)}`), toFileRef);
  }

  async users(search: string): Promise<Choice[]> {
    this.userCache ??= request<unknown>('GET', '/api/users').then((r) =>
      r.ok
        ? listOf(r.value, 'users').map((u) => ({
            id: String(u.id),
            name: str(u.name) ?? str(u.email) ?? String(u.id),
          }))
        : [],
    );
    return filterChoices(await this.userCache, search);
  }

  async orgUnits(search: string): Promise<Choice[]> {
    this.unitCache ??= request<unknown>('GET', '/api/org-units').then((r) =>
      r.ok
        ? listOf(r.value, 'orgUnits').map((u) => ({ id: String(u.id), name: str(u.name) ?? String(u.id) }))
        : [],
    );
    return filterChoices(await this.unitCache, search);
  }

  titles(req: TitleRequest): Promise<ApiResult<TitleMap>> {
    return request<TitleMap>('POST', `${this.appBase}/titles`, req);
  }
}

function filterChoices(all: Choice[], search: string): Choice[] {
  const q = search.trim().toLowerCase();
  return q ? all.filter((c) => c.name.toLowerCase().includes(q)) : all;
}
