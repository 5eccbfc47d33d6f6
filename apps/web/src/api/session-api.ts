import { API, type AppSummary, type Me as MeBody } from '@stagecraft/contract';
import type { ApiResult } from '@stagecraft/renderer';
import type { App } from '@stagecraft/schema';
import { call } from './client.js';
import { mapOk } from './http.js';

/** The signed-in user as the shell needs it. */
export type Me = MeBody['user'] & { workspace: MeBody['workspace'] };

/** An app the user can open. */
export type { AppSummary };

/** Session and app-level calls: login, logout, who am I, which apps, the published app document. */
export const sessionApi = {
  login: (email: string, password: string) => call(API.auth.login, { body: { email, password } }),
  logout: () => call(API.auth.logout),
  me: async (): Promise<ApiResult<Me>> =>
    mapOk(await call(API.auth.me), (b) => ({ ...b.user, workspace: b.workspace })),
  apps: async (): Promise<ApiResult<AppSummary[]>> => mapOk(await call(API.apps.listApps), (b) => b.apps),
  published: (app: string): Promise<ApiResult<{ version: number; definition: App }>> =>
    call(API.apps.getPublished, { params: { app } }),
};
