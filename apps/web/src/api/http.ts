import { ErrorEnvelope, type Transport } from '@stagecraft/contract';
import type { ApiError, ApiResult } from '@stagecraft/renderer';

let locale = 'zh-CN';

/** The UI language, sent as Accept-Language so server messages (errors, blocked reasons) match it. */
export function setRequestLocale(next: string): void {
  locale = next;
}

/** The UI language requests are sent in. */
export function requestLocale(): string {
  return locale;
}

const sessionEnded = new Set<() => void>();

/**
 * Calls `listener` whenever the server answers 401 UNAUTHENTICATED: the session ended (idle or
 * absolute timeout, signed out everywhere from another device), so the shell returns to the login
 * page on the next request instead of showing errors. Returns the unsubscribe function.
 */
export function onSessionEnded(listener: () => void): () => void {
  sessionEnded.add(listener);
  return () => sessionEnded.delete(listener);
}

/**
 * The one place the web app talks HTTP: JSON in and out (a FormData or Blob body goes as it is),
 * the session cookie sent along, and the server's error envelope `{ error: { code, message,
 * details } }` turned into a value. Callers go through the typed client (`client.ts`), which
 * parses every success body with the contract's schema.
 */
export const fetchTransport: Transport<ApiError> = async ({ method, url, body }) => {
  let res: Response;
  try {
    // Forms and files go as they are: fetch sets their content type (a Blob's own `type`).
    const isForm =
      (typeof FormData !== 'undefined' && body instanceof FormData) ||
      (typeof Blob !== 'undefined' && body instanceof Blob);
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': locale,
        ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : isForm ? (body as BodyInit) : JSON.stringify(body),
    });
  } catch (e) {
    return {
      ok: false,
      error: { status: 0, code: 'NETWORK', message: e instanceof Error ? e.message : String(e), details: [] },
    };
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (res.ok) return { ok: true, status: res.status, body: json };
  const error = toApiError(res.status, json, text);
  if (error.status === 401 && error.code === 'UNAUTHENTICATED')
    for (const listener of sessionEnded) listener();
  return { ok: false, error };
};

/**
 * The error of a failed answer: the contract's envelope when the body is one, else (a proxy's page,
 * an empty body) the status alone, with the start of the text as the message.
 */
function toApiError(status: number, json: unknown, text: string): ApiError {
  const envelope = ErrorEnvelope.safeParse(json);
  if (!envelope.success)
    return { status, code: `HTTP_${status}`, message: text.slice(0, 200) || `HTTP ${status}`, details: [] };
  const { code, message, details } = envelope.data.error;
  return {
    status,
    code,
    message,
    details: details.map((d) => ({
      path: d.path,
      message: d.message,
      code: d.code,
      ...(isRecord(d.details) ? { details: d.details } : {}),
    })),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Maps a successful value, leaving failures as they are. */
export function mapOk<A, B>(r: ApiResult<A>, f: (a: A) => B): ApiResult<B> {
  return r.ok ? { ok: true, value: f(r.value) } : r;
}

/** A file the API sent (an export): its bytes and the name from `content-disposition`. */
export interface FetchedFile {
  blob: Blob;
  filename: string | null;
}

/**
 * GETs a file with the session cookie and the UI language (so the server writes headers in it);
 * a refusal comes back in the same error envelope as JSON calls, never as a downloaded error page.
 */
export async function fetchFile(url: string): Promise<ApiResult<FetchedFile>> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', headers: { 'accept-language': locale } });
  } catch (e) {
    return {
      ok: false,
      error: { status: 0, code: 'NETWORK', message: e instanceof Error ? e.message : String(e), details: [] },
    };
  }
  if (res.ok) {
    const filename = filenameOf(res.headers.get('content-disposition'));
    return { ok: true, value: { blob: await res.blob(), filename } };
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { ok: false, error: toApiError(res.status, json, text) };
}

/** The file name of a `content-disposition` header (RFC 6266: `filename*` wins over `filename`). */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return name || null;
}
