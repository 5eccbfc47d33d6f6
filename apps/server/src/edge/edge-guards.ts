/**
 * Input limits at the edge, before any recursive parse or validation and before any value reaches
 * PostgreSQL. One module for every route:
 * - JSON bodies: well-formed UTF-8, at most MAX_JSON_DEPTH levels (scanned iteratively before
 *   `JSON.parse`), then no NUL or lone surrogate in any key or string (INVALID_TEXT at its path);
 * - path parameters, query strings (percent-escapes must be UTF-8) and JSON carried in a query
 *   value (the records list `filter`): the same checks, at `/params/…` and `/query/…`;
 * - header values: no NUL, at `/headers/…`.
 * Multipart parts are checked where they are read (see `multipartFailure`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../errors/issues-error.js';
import { MAX_JSON_DEPTH, pointerSegment, tooDeepAt } from './json-depth.js';
import { badTextAt, decodeUtf8 } from './text-check.js';

const TOO_DEEP = {
  en: `nested deeper than ${MAX_JSON_DEPTH} levels`,
  'zh-CN': `嵌套超过 ${MAX_JSON_DEPTH} 层`,
};
const BAD_TEXT = {
  en: 'holds a NUL character, a lone surrogate or invalid UTF-8',
  'zh-CN': '包含 NUL 字符、孤立代理项或无效的 UTF-8',
};

/** Refuses JSON text nested too deeply, at `prefix` + the pointer of the first level too many. */
export function checkJsonDepth(text: string, prefix = ''): void {
  const at = tooDeepAt(text);
  if (at !== null) fail('JSON_TOO_DEEP', `${prefix}${at}`, TOO_DEEP);
}

/** Refuses a value holding text PostgreSQL cannot store, at the pointer of the first one. */
export function checkText(value: unknown, prefix = ''): void {
  const at = badTextAt(value, prefix);
  if (at !== null) fail('INVALID_TEXT', at, BAD_TEXT);
}

const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * Whether every run of percent-escapes in a raw URL component is UTF-8 (`%FF`, `%ED%A0%80` are not).
 * A stray `%` that escapes nothing is left to the router and the query parser, as before.
 */
function escapesAreUtf8(raw: string): boolean {
  if (!raw.includes('%')) return true;
  for (const [run] of raw.matchAll(ESCAPES)) {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (hex) => Number.parseInt(hex, 16));
    if (decodeUtf8(bytes) === null) return false;
  }
  return true;
}

/** The name of a query pair for a path, decoded when it can be. */
function queryName(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return raw;
  }
}

/** Checks the raw URL: the percent-escapes of the path and of each query pair must be UTF-8. */
function checkRawUrl(url: string): void {
  const q = url.indexOf('?');
  if (!escapesAreUtf8(q < 0 ? url : url.slice(0, q))) fail('INVALID_TEXT', '/path', BAD_TEXT);
  if (q < 0) return;
  for (const pair of url.slice(q + 1).split('&')) {
    if (escapesAreUtf8(pair)) continue;
    const eq = pair.indexOf('=');
    fail('INVALID_TEXT', `/query${pointerSegment(queryName(eq < 0 ? pair : pair.slice(0, eq)))}`, BAD_TEXT);
  }
}

/** JSON in a query value (a filter) is held to the same depth as a body. */
function checkQueryJson(query: unknown): void {
  if (!query || typeof query !== 'object') return;
  for (const [key, value] of Object.entries(query)) {
    for (const text of Array.isArray(value) ? value : [value]) {
      if (typeof text !== 'string') continue;
      const start = text.trimStart()[0];
      if (start === '{' || start === '[') checkJsonDepth(text, `/query${pointerSegment(key)}`);
    }
  }
}

function checkHeaders(request: FastifyRequest): void {
  for (const [name, value] of Object.entries(request.headers)) {
    for (const text of Array.isArray(value) ? value : [value]) {
      if (typeof text === 'string' && text.includes('\u0000'))
        fail('INVALID_TEXT', `/headers${pointerSegment(name)}`, BAD_TEXT);
    }
  }
}

/** Installs the JSON body parser and the request checks on the root instance (before any route). */
export function installEdgeGuards(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      const decoded = decodeUtf8(body as Buffer);
      if (decoded === null) fail('INVALID_TEXT', '', BAD_TEXT);
      checkJsonDepth(decoded);
      text = decoded;
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parseJson(request, text, (error, parsed) => {
      if (error) return done(error, undefined);
      try {
        checkText(parsed);
      } catch (failure) {
        return done(failure as Error, undefined);
      }
      done(null, parsed);
    });
  });
  app.addHook('preValidation', async (request) => {
    checkHeaders(request);
    checkRawUrl(request.url);
    checkText(request.params, '/params');
    checkText(request.query, '/query');
    checkQueryJson(request.query);
  });
}
