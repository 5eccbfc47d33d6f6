/**
 * One error handler for the whole server: issues from routes, zod validation failures, fastify's own
 * protocol errors (bad JSON, oversize bodies, wrong content type) and unexpected bugs all leave as
 * the same envelope. Caller mistakes are 4xx; anything else is INTERNAL_ERROR 500 with no internals.
 */
import {
  type Bilingual,
  type ErrorCode,
  type Issue,
  issue,
  type Locale,
  localizedIssue,
} from '@stagecraft/schema';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { envelopeFor, envelopeForCode } from './envelope.js';
import { IssuesError } from './issues-error.js';
import { requestLocale } from './locale.js';

/** fastify's protocol error codes and the stable code each becomes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_BAD_URL: 'NOT_FOUND',
  FST_ERR_ASYNC_CONSTRAINT: 'VALIDATION_FAILED',
  FST_ERR_INVALID_URL: 'NOT_FOUND',
  FST_ERR_NOT_FOUND: 'NOT_FOUND',
  FST_ERR_MAX_PARAM_LENGTH: 'NOT_FOUND',
  FST_REQ_FILE_TOO_LARGE: 'UPLOAD_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Which part of the request a schema failure was in, as a JSON-pointer prefix (body has none). */
function pointerPrefix(context: string | undefined): string {
  if (!context || context === 'body') return '';
  return `/${context === 'querystring' ? 'query' : context}`;
}

/** Issues for a request-schema failure, each at its JSON pointer, in the caller's language. */
export function schemaIssues(error: FastifyError, locale: Locale): Issue[] {
  const prefix = pointerPrefix(error.validationContext);
  return (error.validation ?? []).map((v) => {
    const messages = (v.params as { messages?: Bilingual } | undefined)?.messages;
    const path = `${prefix}${v.instancePath ?? ''}`;
    return messages
      ? localizedIssue('VALIDATION_FAILED', path, messages, locale)
      : issue('VALIDATION_FAILED', path, v.message);
  });
}

/** Sends the envelope for an error thrown anywhere in a request. */
export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const locale = requestLocale(request);
  if (error instanceof IssuesError) {
    const { status, body } = envelopeFor(error.issues, locale, error.status);
    return reply.status(status).send(body);
  }
  const fe = error as FastifyError;
  if (Array.isArray(fe.validation)) {
    const { status, body } = envelopeFor(schemaIssues(fe, locale), locale, 400);
    return reply.status(status).send(body);
  }
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) {
    const { status, body } = envelopeForCode(mapped, locale);
    return reply.status(status).send(body);
  }
  if (fe.statusCode === 429) {
    const { status, body } = envelopeForCode('RATE_LIMITED', locale);
    return reply.status(status).send(body);
  }
  if (error instanceof SyntaxError && fe.statusCode === 400) {
    const { status, body } = envelopeForCode('INVALID_JSON', locale);
    return reply.status(status).send(body);
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode =
      fe.statusCode === 404
        ? 'NOT_FOUND'
        : fe.statusCode === 413
          ? 'PAYLOAD_TOO_LARGE'
          : fe.statusCode === 415
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : fe.statusCode === 401
              ? 'UNAUTHENTICATED'
              : fe.statusCode === 403
                ? 'FORBIDDEN'
                : 'VALIDATION_FAILED';
    const { body } = envelopeForCode(code, locale);
    return reply.status(fe.statusCode).send(body);
  }
  request.log.error({ err: error }, 'unexpected error');
  const { status, body } = envelopeForCode('INTERNAL_ERROR', locale);
  return reply.status(status).send(body);
}

/** Installs the error handler and the API's not-found answer on the root instance. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
}
