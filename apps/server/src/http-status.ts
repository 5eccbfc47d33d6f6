/**
 * The one place where error codes become HTTP statuses. Every code of ERROR_CODES must have an entry:
 * `http-status.test.ts` fails when a code is added to the registry without one. (`Partial` here, so a
 * code added by another package does not break the build before its status is chosen.)
 */
import type { ErrorCode } from '@stagecraft/schema';

/** HTTP status of each stable error code. */
export const HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CROSS_SITE_REQUEST: 403,
  NOT_FOUND: 404,
  APP_NOT_FOUND: 404,
  ENTITY_NOT_FOUND: 404,
  RECORD_NOT_FOUND: 404,
  UNKNOWN_FIELD: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  VERSION_CONFLICT: 409,
  DRAFT_CONFLICT: 409,
  DRAFT_UNPUBLISHED: 409,
  APP_EXISTS: 409,
  NOT_PUBLISHED: 409,
  REFERENCE_UNKNOWN: 422,
  DUPLICATE_ID: 422,
  UNSAFE_TYPE_CHANGE: 422,
  DUPLICATE_RECORD: 409,
  SAVED_VIEW_EXISTS: 409,
  SCHEMA_VERSION_UNSUPPORTED: 422,
  RULE_INVALID: 400,
  RULE_UNKNOWN_OPERATOR: 400,
  RULE_TYPE_ERROR: 400,
  RULE_LIMIT_EXCEEDED: 400,
  RULE_NOT_TRANSLATABLE: 400,
  RULE_FAILED: 422,
  IMPORT_INVALID: 422,
  IMPORT_FINISHED: 409,
  IMPORT_NOT_COMMITTABLE: 409,
  STAGE_READ_ONLY: 400,
  TRANSITION_NOT_FOUND: 422,
  TRANSITION_BLOCKED: 422,
  UPLOAD_TOO_LARGE: 413,
  UPLOAD_TYPE_FORBIDDEN: 415,
  UPLOAD_SIZE_MISMATCH: 400,
  FIELD_REQUIRED: 422,
  EVIDENCE_MISSING: 422,
  ATTACHMENT_IN_USE: 409,
  APPROVAL_PENDING: 422,
  APPROVAL_NOT_APPLICABLE: 422,
  APPROVAL_CLOSED: 409,
  NOT_AN_APPROVER: 403,
  JOB_NOT_FOUND: 404,
  INTERNAL_ERROR: 500,
  JSON_TOO_DEEP: 400,
  INVALID_TEXT: 400,
  MALFORMED_MULTIPART: 400,
} as const satisfies Partial<Record<ErrorCode, number>>;

/** The status for a code; codes added to the registry later than this table fall back to 400. */
export function statusOf(code: string): number {
  return (HTTP_STATUS as Record<string, number>)[code] ?? 400;
}
