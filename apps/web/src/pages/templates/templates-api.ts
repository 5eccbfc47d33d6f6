/**
 * The template gallery's port onto the server: `GET /api/templates` and
 * `POST /api/templates/:name/install`. The page takes the port as a prop, so its tests run it
 * against an in-memory implementation and the app against HTTP.
 */
import type { ApiResult } from '@stagecraft/renderer';
import type { LocalizedText } from '@stagecraft/schema';
import { request } from '../../api/http.js';

/** A pack as the gallery lists it. */
export interface TemplateSummary {
  id: string;
  version: string;
  label: LocalizedText;
  description: LocalizedText;
  /** URL of the preview image (served by the API, session cookie sent along). */
  preview: string;
  tags: string[];
  /** Id of the app the pack installs. */
  app: string;
  /** Version of the pack installed in this workspace, null when not installed. */
  installedVersion: string | null;
  hasDemo: boolean;
}

/** A three-way merge conflict of an upgrade: your value stayed, the pack's value is shown. */
export interface InstallConflict {
  path: string;
  reason: string;
  base: unknown;
  template: unknown;
  current: unknown;
}

/** What an install or upgrade did. */
export interface InstallReport {
  template: string;
  version: string;
  app: string;
  status: 'installed' | 'upgraded' | 'unchanged';
  fromVersion: string | null;
  appVersion: number | null;
  conflicts: InstallConflict[];
  demo: {
    users: number;
    records: Record<string, number>;
    stageMoves: number;
    logins: { role: string; email: string; name: string }[];
  } | null;
}

/** What the gallery needs from the server. */
export interface TemplatesPort {
  list(): Promise<ApiResult<TemplateSummary[]>>;
  install(name: string, options: { demo: boolean }): Promise<ApiResult<InstallReport>>;
}

/** The port over the HTTP API. */
export const httpTemplatesPort: TemplatesPort = {
  list: async () => {
    const r = await request<{ templates: TemplateSummary[] }>('GET', '/api/templates');
    return r.ok ? { ok: true, value: r.value.templates } : r;
  },
  install: (name, options) =>
    request<InstallReport>('POST', `/api/templates/${encodeURIComponent(name)}/install`, {
      demo: options.demo,
    }),
};
