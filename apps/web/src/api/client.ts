/**
 * The web app's typed API client: every call names a route of @stagecraft/contract, and every
 * success body is parsed with that route's response schema, so pages get exactly the contract's
 * types. A body that breaks the contract is an error value (CONTRACT_MISMATCH), never a guess.
 */
import {
  type CallArgs,
  defineClient,
  type ResponseMismatch,
  type ResponseOf,
  type RouteSpec,
} from '@stagecraft/contract';
import type { ApiError, ApiResult } from '@stagecraft/renderer';
import { fetchTransport, requestLocale } from './http.js';

const MISMATCH = {
  en: 'The server answered in a shape this app does not expect.',
  'zh-CN': '服务器返回的数据格式与本应用不一致。',
} as const;

/** The error value of an answer that breaks the contract. */
export function mismatchError(m: ResponseMismatch): ApiError {
  return {
    status: m.status,
    code: 'CONTRACT_MISMATCH',
    message: MISMATCH[requestLocale() === 'en' ? 'en' : 'zh-CN'],
    details: m.issues.map((i) => ({ path: i.path, message: i.message, code: 'CONTRACT_MISMATCH' })),
  };
}

const client = defineClient<ApiError>(fetchTransport, mismatchError);

/** Calls a route of the contract: `call(API.records.getRecord, { params: { app, entity, id } })`. */
export function call<R extends RouteSpec>(route: R, ...args: CallArgs<R>): Promise<ApiResult<ResponseOf<R>>> {
  return client.call(route, ...args);
}
