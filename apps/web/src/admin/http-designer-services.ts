import type { DesignerServices, ServiceResult, TableChange, VersionInfo } from '@stagecraft/designer';
import type { ApiResult } from '@stagecraft/renderer';
import type { App } from '@stagecraft/schema';
import { request } from '../api/http.js';

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
export function httpDesignerServices(appId: string): DesignerServices {
  const base = `/api/apps/${encodeURIComponent(appId)}`;
  return {
    loadDraft: async () =>
      result(await request<{ revision: number; definition: unknown }>('GET', `${base}/draft`)),
    saveDraft: async (definition, baseRevision) =>
      result(await request<{ revision: number }>('PUT', `${base}/draft`, { definition, baseRevision })),
    publishDryRun: async () => {
      const r = await request<{ changes: TableChange[] }>('POST', `${base}/publish?dryRun=1`, {});
      return result(r.ok ? { ok: true, value: r.value.changes } : r);
    },
    publish: async (note) =>
      result(
        await request<{ version: number; changes: TableChange[] }>(
          'POST',
          `${base}/publish`,
          note ? { note } : {},
        ),
      ),
    published: async () => {
      const r = await request<{ version: number; definition: App }>('GET', `${base}/published`);
      if (!r.ok && r.error.code === 'NOT_PUBLISHED') return { ok: true, value: null };
      return result(r);
    },
    versions: async () => {
      const r = await request<{ versions: VersionInfo[] }>('GET', `${base}/versions`);
      return result(r.ok ? { ok: true, value: r.value.versions } : r);
    },
    rollback: async (version) =>
      result(
        await request<{ version: number; changes: TableChange[] }>(
          'POST',
          `${base}/versions/${version}/rollback`,
          {},
        ),
      ),
  };
}
