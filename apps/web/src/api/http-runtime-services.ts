import { API, type AttachmentOut, type JsonValueType, type RequestOf } from '@stagecraft/contract';
import type {
  ApiResult,
  AuditEntryView,
  BulkAsk,
  Choice,
  FileRef,
  RecordQuery,
  RuntimeServices,
  SavedViewPort,
  StageHistoryEntry,
  TitleMap,
  TitleRequest,
  TransitionList,
} from '@stagecraft/renderer';
import { call } from './client.js';
import { mapOk } from './http.js';

/** A stored file as the renderer holds it, from the attachments API's metadata. */
export function toFileRef(a: AttachmentOut): FileRef {
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    mime: a.mime,
    sha256: a.sha256,
    url: `/api/attachments/${encodeURIComponent(a.id)}/content`,
  };
}

/**
 * The renderer's ports over the HTTP API of one app: each method calls one route of
 * @stagecraft/contract and maps its typed answer onto the renderer's port types.
 */
export class HttpRuntimeServices implements RuntimeServices {
  private userCache: Promise<Choice[]> | null = null;
  private unitCache: Promise<Choice[]> | null = null;

  constructor(private readonly app: string) {}

  private at(entity: string) {
    return { app: this.app, entity };
  }

  private of(entity: string, id: string) {
    return { app: this.app, entity, id };
  }

  async listRecords(entity: string, query: RecordQuery) {
    const body: RequestOf<typeof API.records.queryRecords>['body'] = {};
    // A filter is JSON Logic the renderer built from JSON (documents, clicked points).
    if (query.filter !== undefined && query.filter !== null) body.filter = query.filter as JsonValueType;
    if (query.reachedStage) body.reachedStage = query.reachedStage;
    if (query.sort?.length) body.sort = query.sort;
    if (query.search) body.search = query.search;
    if (query.limit !== undefined) body.limit = query.limit;
    if (query.offset !== undefined) body.offset = query.offset;
    return call(API.records.queryRecords, { params: this.at(entity), body });
  }

  async aggregate(entity: string, query: Parameters<RuntimeServices['aggregate']>[1]) {
    const body: RequestOf<typeof API.records.aggregateRecordsQuery>['body'] = { measures: query.measures };
    if (query.filter !== undefined && query.filter !== null) body.filter = query.filter as JsonValueType;
    if (query.groupBy) body.groupBy = query.groupBy;
    return mapOk(
      await call(API.records.aggregateRecordsQuery, { params: this.at(entity), body }),
      (b) => b.groups,
    );
  }

  readonly savedViews: SavedViewPort = {
    list: async (view) =>
      mapOk(await call(API.savedViews.listSavedViews, { params: { app: this.app, view } }), (b) => b.views),
    create: (view, input) =>
      call(API.savedViews.createSavedView, {
        params: { app: this.app, view },
        body: { ...input, state: input.state as JsonValueType },
      }),
    remove: (id) => call(API.savedViews.deleteSavedView, { params: { app: this.app, id } }),
  };

  related(entity: string, id: string) {
    return call(API.everyday.relatedRecords, { params: this.of(entity, id) });
  }

  bulk(entity: string, ask: BulkAsk) {
    return call(API.everyday.bulkRecords, { params: this.at(entity), body: ask });
  }

  getRecord(entity: string, id: string) {
    return call(API.records.getRecord, { params: this.of(entity, id) });
  }

  createRecord(entity: string, values: Record<string, unknown>) {
    return call(API.records.createRecord, { params: this.at(entity), body: values });
  }

  updateRecord(entity: string, id: string, version: number, values: Record<string, unknown>) {
    return call(API.records.updateRecord, { params: this.of(entity, id), body: { ...values, version } });
  }

  async transitions(entity: string, id: string): Promise<ApiResult<TransitionList>> {
    return mapOk(await call(API.transitions.listTransitions, { params: this.of(entity, id) }), (b) => ({
      sla: b.sla,
      options: b.transitions.map((t) => ({
        id: t.id,
        to: t.to,
        label: t.label,
        allowed: t.allowed,
        reasons: t.reasons.map((r) => ({ path: r.path, message: r.message, code: r.code })),
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
    const r = await call(API.transitions.runTransition, {
      params: this.of(entity, id),
      body: {
        to: req.to,
        fields: req.fields,
        evidence,
        ...(req.transitionId ? { transitionId: req.transitionId } : {}),
        ...(req.version ? { version: req.version } : {}),
      },
    });
    // A refusal (422 TRANSITION_BLOCKED) is an error value; a success carries the moved record.
    return mapOk(r, (b) => b.record);
  }

  async history(entity: string, id: string): Promise<ApiResult<StageHistoryEntry[]>> {
    return mapOk(await call(API.transitions.stageHistory, { params: this.of(entity, id) }), (b) =>
      b.history.map((h) => ({
        from: h.from,
        to: h.to,
        by: h.actor,
        at: h.at,
        dwellMs: h.dwellMs,
        transitionId: h.transitionId,
        evidence: h.evidence,
      })),
    );
  }

  async audit(entity: string, id: string): Promise<ApiResult<AuditEntryView[]>> {
    return mapOk(await call(API.records.recordAudit, { params: this.of(entity, id) }), (b) =>
      b.entries.map((e) => ({ id: e.id, action: e.action, actor: e.actor, at: e.at, changes: e.changes })),
    );
  }

  async upload(file: File): Promise<ApiResult<FileRef>> {
    const form = new FormData();
    form.append('size', String(file.size));
    form.append('file', file, file.name);
    return mapOk(await call(API.attachments.uploadAttachment, { body: form }), toFileRef);
  }

  async attachment(id: string): Promise<ApiResult<FileRef>> {
    return mapOk(await call(API.attachments.getAttachment, { params: { id } }), toFileRef);
  }

  async users(search: string): Promise<Choice[]> {
    this.userCache ??= call(API.users.listUsers).then((r) =>
      r.ok ? r.value.users.map((u) => ({ id: u.id, name: u.name })) : [],
    );
    return filterChoices(await this.userCache, search);
  }

  async orgUnits(search: string): Promise<Choice[]> {
    this.unitCache ??= call(API.users.listOrgUnits).then((r) =>
      r.ok ? r.value.orgUnits.map((u) => ({ id: u.id, name: u.name })) : [],
    );
    return filterChoices(await this.unitCache, search);
  }

  titles(req: TitleRequest): Promise<ApiResult<TitleMap>> {
    return call(API.titles.resolveTitles, { params: { app: this.app }, body: req });
  }
}

function filterChoices(all: Choice[], search: string): Choice[] {
  const q = search.trim().toLowerCase();
  return q ? all.filter((c) => c.name.toLowerCase().includes(q)) : all;
}
