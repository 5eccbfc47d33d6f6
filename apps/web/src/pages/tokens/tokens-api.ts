import { API, type ApiTokenView, type TokenScope } from '@stagecraft/contract';
import type { ApiResult } from '@stagecraft/renderer';
import { call } from '../../api/client.js';
import { mapOk } from '../../api/http.js';

/** One of my API tokens, and the scopes a new one can have. */
export type { ApiTokenView, TokenScope };

/** What the create dialog sends. */
export interface NewToken {
  name: string;
  scope: TokenScope;
  app?: string;
  expiresInDays: number | null;
}

/** My API tokens: list, create (the secret comes back once), revoke. */
export const tokensApi = {
  list: async (): Promise<ApiResult<ApiTokenView[]>> =>
    mapOk(await call(API.auth.listTokens), (b) => b.tokens),
  create: (input: NewToken) =>
    call(API.auth.createToken, {
      body: {
        name: input.name,
        scope: input.scope,
        ...(input.scope === 'app' && input.app ? { app: input.app } : {}),
        expiresInDays: input.expiresInDays,
      },
    }),
  revoke: (id: string) => call(API.auth.revokeToken, { params: { id } }),
};
