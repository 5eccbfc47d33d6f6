import type { ApiResult, ServerRuleContext } from '@stagecraft/renderer';
import type { App, LocalizedText } from '@stagecraft/schema';
import { mapOk, request } from './http.js';

/** The signed-in user as the shell needs it. */
export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  locale: 'zh-CN' | 'en';
  workspace: { id: string; name?: string };
}

/** An app the user can open. */
export interface AppSummary {
  id: string;
  label: LocalizedText;
  publishedVersion: number | null;
}

interface MeBody {
  user: { id: string; email: string; name: string; roles: string[]; locale: 'zh-CN' | 'en' };
  workspace: { id: string; name?: string };
}

/** The published app, with the rule context the server evaluates its rules in. */
export interface PublishedApp {
  version: number;
  definition: App;
  ruleContext: ServerRuleContext;
  /** The local clock when the request went out and when the answer came in, to measure the server clock. */
  sentAt: number;
  receivedAt: number;
}

/** Session and app-level calls: login, logout, who am I, which apps, the published app document. */
export const sessionApi = {
  login: (email: string, password: string) =>
    request<{ user: MeBody['user'] }>('POST', '/api/auth/login', { email, password }),
  logout: () => request<unknown>('POST', '/api/auth/logout'),
  me: async (): Promise<ApiResult<Me>> =>
    mapOk(await request<MeBody>('GET', '/api/auth/me'), (b) => ({ ...b.user, workspace: b.workspace })),
  apps: async (): Promise<ApiResult<AppSummary[]>> =>
    mapOk(await request<{ apps: AppSummary[] }>('GET', '/api/apps'), (b) => b.apps),
  published: async (app: string): Promise<ApiResult<PublishedApp>> => {
    const sentAt = Date.now();
    const r = await request<Omit<PublishedApp, 'sentAt' | 'receivedAt'>>(
      'GET',
      `/api/apps/${encodeURIComponent(app)}/published`,
    );
    const receivedAt = Date.now();
    return mapOk(r, (b) => ({ ...b, sentAt, receivedAt }));
  },
};
