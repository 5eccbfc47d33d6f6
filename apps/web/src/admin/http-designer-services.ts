import { API } from '@stagecraft/contract';
import type { DesignerServices, ServiceResult } from '@stagecraft/designer';
import type { ApiResult } from '@stagecraft/renderer';
import { call } from '../api/client.js';
import { mapOk } from '../api/http.js';

function result<T>(r: ApiResult<T>): ServiceResult<T> {
  if (r.ok) return r;
  return {
    ok: false,
    error: {
      code: r.error.code,
      message: r.error.message,
      issues: r.error.details.map((d) => ({
        code: (d.code ?? r.error.code) as never,
        path: d.path,
        message: d.message,
      })),
    },
  };
}

/** The designer's server port over the HTTP API (draft with revision, dry run, publish, versions, rollback). */
export function httpDesignerServices(app: string): DesignerServices {
  const params = { app };
  return {
    loadDraft: async () => result(await call(API.apps.getDraft, { params })),
    saveDraft: async (definition, baseRevision) =>
      result(
        await call(API.apps.saveDraft, {
          params,
          body: { definition, baseRevision },
        }),
      ),
    publishDryRun: async () =>
      result(
        mapOk(await call(API.apps.publish, { params, query: { dryRun: '1' }, body: {} }), (b) => b.changes),
      ),
    publish: async (note) => {
      const r = await call(API.apps.publish, { params, body: note ? { note } : {} });
      if (!r.ok) return result(r);
      // Without `dryRun` the server publishes and answers with the new version (201), never a dry run.
      const { value } = r;
      return 'version' in value
        ? { ok: true, value: { version: value.version, changes: value.changes } }
        : {
            ok: false,
            error: { code: 'CONTRACT_MISMATCH', message: 'publish answered as a dry run', issues: [] },
          };
    },
    published: async () => {
      const r = await call(API.apps.getPublished, { params });
      if (!r.ok && r.error.code === 'NOT_PUBLISHED') return { ok: true, value: null };
      return result(r);
    },
    versions: async () => result(mapOk(await call(API.apps.listVersions, { params }), (b) => b.versions)),
    rollback: async (version) => {
      const r = await call(API.apps.rollback, { params: { app, version }, body: {} });
      if (!r.ok) return result(r);
      const { value } = r;
      return 'version' in value
        ? { ok: true, value: { version: value.version, changes: value.changes } }
        : {
            ok: false,
            error: { code: 'CONTRACT_MISMATCH', message: 'rollback answered as a dry run', issues: [] },
          };
    },
    rollbackDryRun: async (version) =>
      result(
        mapOk(
          await call(API.apps.rollback, { params: { app, version }, query: { dryRun: '1' }, body: {} }),
          (b) => b.changes,
        ),
      ),
    diffVersions: async (from, to) =>
      result(mapOk(await call(API.apps.diffVersions, { params, query: { from, to } }), (b) => b.changes)),
    people: async () =>
      result(mapOk(await call(API.users.listUsers), (b) => b.users.map((u) => ({ id: u.id, name: u.name })))),
  };
}
