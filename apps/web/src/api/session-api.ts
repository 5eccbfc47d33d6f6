import {
  API,
  type AppSummary,
  type Me as MeBody,
  type RuleContextOut,
  type SessionView,
} from '@stagecraft/contract';
import type { ApiResult } from '@stagecraft/renderer';
import type { App } from '@stagecraft/schema';
import { call } from './client.js';
import { mapOk } from './http.js';

/** The signed-in user as the shell needs it. */
export type Me = MeBody['user'] & { workspace: MeBody['workspace'] };

/** An app the user can open. */
/** One of my sessions (a signed-in browser). */
export type { AppSummary, SessionView };

/** The published app, with the rule context the server evaluates its rules in. */
export interface PublishedApp {
  version: number;
  definition: App;
  ruleContext: RuleContextOut;
  /** The local clock when the request went out and when the answer came in, to measure the server clock. */
  sentAt: number;
  receivedAt: number;
}

/** Session and app-level calls: login, logout, who am I, which apps, the published app document. */
export const sessionApi = {
  login: (email: string, password: string) => call(API.auth.login, { body: { email, password } }),
  logout: () => call(API.auth.logout),
  setEmailNotifications: (on: boolean) =>
    call(API.auth.updatePreferences, { body: { emailNotifications: on } }),
  sessions: async (): Promise<ApiResult<SessionView[]>> =>
    mapOk(await call(API.auth.listSessions), (b) => b.sessions),
  endSession: (id: string) => call(API.auth.endSession, { params: { id } }),
  logoutEverywhere: () => call(API.auth.logoutEverywhere),
  me: async (): Promise<ApiResult<Me>> =>
    mapOk(await call(API.auth.me), (b) => ({ ...b.user, workspace: b.workspace })),
  apps: async (): Promise<ApiResult<AppSummary[]>> => mapOk(await call(API.apps.listApps), (b) => b.apps),
  published: async (app: string): Promise<ApiResult<PublishedApp>> => {
    const sentAt = Date.now();
    const r = await call(API.apps.getPublished, { params: { app } });
    const receivedAt = Date.now();
    return mapOk(r, (b) => ({ ...b, sentAt, receivedAt }));
  },
};
