/**
 * The template gallery's port onto the server: `GET /api/templates` and
 * `POST /api/templates/:name/install`. The page takes the port as a prop, so its tests run it
 * against an in-memory implementation and the app against HTTP.
 */
import { API, type InstallConflict, type InstallReport, type TemplateSummary } from '@stagecraft/contract';
import type { ApiResult } from '@stagecraft/renderer';
import { call } from '../../api/client.js';
import { mapOk } from '../../api/http.js';

/** A pack as the gallery lists it; what an install did; a conflict of an upgrade (the contract's types). */
export type { InstallConflict, InstallReport, TemplateSummary };

/** What the gallery needs from the server. */
export interface TemplatesPort {
  list(): Promise<ApiResult<TemplateSummary[]>>;
  install(name: string, options: { demo: boolean }): Promise<ApiResult<InstallReport>>;
}

/** The port over the HTTP API. */
export const httpTemplatesPort: TemplatesPort = {
  list: async () => mapOk(await call(API.templates.listTemplates), (b) => b.templates),
  install: (name, options) =>
    call(API.templates.installTemplate, { params: { name }, body: { demo: options.demo } }),
};
