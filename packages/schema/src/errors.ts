import type { Locale } from './common.js';

/**
 * The one registry of stable error codes. A code names what went wrong; the message shown to a user
 * comes from this table in their language and may be made more specific by the caller. HTTP statuses
 * are mapped from codes only in the server's error handler. Every code is documented in
 * docs/reference/errors.md (a test checks both lists agree).
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { en: 'The input is not valid.', 'zh-CN': '输入内容无效。' },
  INVALID_JSON: { en: 'The request body is not valid JSON.', 'zh-CN': '请求内容不是有效的 JSON。' },
  PAYLOAD_TOO_LARGE: { en: 'The request body is too large.', 'zh-CN': '请求内容过大。' },
  UNSUPPORTED_MEDIA_TYPE: { en: 'This content type is not accepted.', 'zh-CN': '不支持该内容类型。' },
  CROSS_SITE_REQUEST: {
    en: 'This request came from another site and was refused.',
    'zh-CN': '该请求来自其他站点，已被拒绝。',
  },
  NOT_FOUND: { en: 'Not found.', 'zh-CN': '未找到。' },
  APP_NOT_FOUND: { en: 'No such app.', 'zh-CN': '应用不存在。' },
  ENTITY_NOT_FOUND: { en: 'No such entity in the published app.', 'zh-CN': '已发布的应用中没有该实体。' },
  RECORD_NOT_FOUND: { en: 'No such record.', 'zh-CN': '记录不存在。' },
  UNKNOWN_FIELD: { en: 'Unknown field.', 'zh-CN': '未知字段。' },
  UNAUTHENTICATED: { en: 'Please sign in.', 'zh-CN': '请先登录。' },
  INVALID_CREDENTIALS: { en: 'Wrong email or password.', 'zh-CN': '邮箱或密码错误。' },
  PASSWORD_TOO_SHORT: {
    en: 'The password must have at least 10 characters.',
    'zh-CN': '密码至少需要 10 个字符。',
  },
  PASSWORD_CONTAINS_EMAIL: {
    en: 'The password must not be or contain your email address.',
    'zh-CN': '密码不能是或包含您的邮箱地址。',
  },
  PASSWORD_TOO_COMMON: {
    en: 'This password is on a list of commonly used passwords; choose another.',
    'zh-CN': '该密码属于常见密码，请换一个。',
  },
  PASSWORD_INCORRECT: { en: 'The current password is wrong.', 'zh-CN': '当前密码不正确。' },
  PASSWORD_CHANGE_REQUIRED: {
    en: 'You signed in with a one-time password: change it first.',
    'zh-CN': '您使用的是一次性密码，请先修改密码。',
  },
  ROLE_UNKNOWN: {
    en: 'No such role: use admin, manager, member or a role an app declares.',
    'zh-CN': '角色不存在：请使用 admin、manager、member 或应用中声明的角色。',
  },
  FORBIDDEN: { en: 'You are not allowed to do this.', 'zh-CN': '没有权限执行此操作。' },
  RATE_LIMITED: { en: 'Too many attempts; try again later.', 'zh-CN': '尝试次数过多，请稍后再试。' },
  TOKEN_EXPIRED: { en: 'This API token has expired.', 'zh-CN': '该 API 令牌已过期。' },
  TOKEN_READ_ONLY: { en: 'This API token may only read.', 'zh-CN': '该 API 令牌只能读取数据。' },
  TOKEN_OUT_OF_SCOPE: {
    en: 'This API token is limited to another app.',
    'zh-CN': '该 API 令牌仅限用于另一个应用。',
  },
  TOKEN_NOT_ALLOWED: {
    en: 'API tokens cannot be managed with an API token; sign in.',
    'zh-CN': '不能使用 API 令牌管理令牌，请登录后操作。',
  },
  VERSION_CONFLICT: {
    en: 'Someone else changed this record; reload and try again.',
    'zh-CN': '该记录已被他人修改，请刷新后重试。',
  },
  DRAFT_CONFLICT: {
    en: 'Someone else saved this draft meanwhile; nothing was overwritten.',
    'zh-CN': '草稿已被他人保存，未覆盖任何内容。',
  },
  DRAFT_UNPUBLISHED: {
    en: 'The app has unpublished draft changes; publish or discard them first.',
    'zh-CN': '应用有尚未发布的草稿修改，请先发布或放弃这些修改。',
  },
  APP_EXISTS: { en: 'An app with this id already exists.', 'zh-CN': '已存在相同标识的应用。' },
  SAVED_VIEW_EXISTS: {
    en: 'You already have a saved view with this name.',
    'zh-CN': '你已有同名的已保存视图。',
  },
  NOT_PUBLISHED: { en: 'The app has no published version yet.', 'zh-CN': '应用尚未发布。' },
  REFERENCE_UNKNOWN: { en: 'This refers to something that does not exist.', 'zh-CN': '引用的对象不存在。' },
  DUPLICATE_ID: { en: 'This id is used twice.', 'zh-CN': '标识重复。' },
  UNSAFE_TYPE_CHANGE: {
    en: 'This field type change could lose data; nothing was changed.',
    'zh-CN': '字段类型变更可能丢失数据，未做任何修改。',
  },
  DUPLICATE_RECORD: {
    en: 'A record with the same key already exists.',
    'zh-CN': '已存在相同关键字段的记录。',
  },
  SCHEMA_VERSION_UNSUPPORTED: {
    en: 'This document was written for a newer version of Stagecraft.',
    'zh-CN': '该文档来自更新版本的 Stagecraft。',
  },
  RULE_INVALID: { en: 'The rule is not valid.', 'zh-CN': '规则无效。' },
  RULE_UNKNOWN_OPERATOR: { en: 'Unknown rule operator.', 'zh-CN': '未知的规则运算符。' },
  RULE_TYPE_ERROR: { en: 'The rule compares values of different types.', 'zh-CN': '规则中的值类型不匹配。' },
  RULE_LIMIT_EXCEEDED: { en: 'The rule is too large or too deep.', 'zh-CN': '规则过大或嵌套过深。' },
  RULE_NOT_TRANSLATABLE: {
    en: 'This rule cannot run in the database.',
    'zh-CN': '该规则无法在数据库中执行。',
  },
  RULE_FAILED: { en: 'A validation rule failed.', 'zh-CN': '未通过校验规则。' },
  IMPORT_INVALID: {
    en: 'Some rows of the file are not valid; nothing was imported.',
    'zh-CN': '文件中有无效的行，未导入任何记录。',
  },
  IMPORT_FINISHED: {
    en: 'This import has already finished.',
    'zh-CN': '该导入已经结束。',
  },
  IMPORT_NOT_COMMITTABLE: {
    en: 'Only a finished dry run whose rows all passed can be imported.',
    'zh-CN': '只有已完成且所有行都通过校验的试导入才能正式导入。',
  },
  STAGE_READ_ONLY: {
    en: 'The stage changes only through a transition.',
    'zh-CN': '阶段只能通过阶段推进来变更。',
  },
  TRANSITION_NOT_FOUND: {
    en: 'No such transition from the current stage.',
    'zh-CN': '当前阶段不存在该推进。',
  },
  TRANSITION_BLOCKED: { en: 'The transition is not allowed yet.', 'zh-CN': '暂不满足推进条件。' },
  FIELD_REQUIRED: { en: 'This field must be filled.', 'zh-CN': '该字段必须填写。' },
  EVIDENCE_MISSING: { en: 'Required evidence is missing.', 'zh-CN': '缺少必需的证据材料。' },
  ATTACHMENT_IN_USE: {
    en: 'This file is already evidence of another transition and cannot be reused or swapped.',
    'zh-CN': '该文件已作为其他推进的证据，不能再次使用或替换。',
  },
  UPLOAD_TOO_LARGE: { en: 'The file is too large.', 'zh-CN': '文件过大。' },
  UPLOAD_TYPE_FORBIDDEN: { en: 'This file type is not allowed.', 'zh-CN': '不允许的文件类型。' },
  UPLOAD_SIZE_MISMATCH: {
    en: 'The file size does not match the declared size.',
    'zh-CN': '文件大小与声明不一致。',
  },
  APPROVAL_PENDING: {
    en: 'Waiting for approval: this transition needs the approval to complete first.',
    'zh-CN': '等待审批：审批通过后才能执行此推进。',
  },
  APPROVAL_NOT_APPLICABLE: {
    en: 'The approval does not apply to this record (its entry criteria do not hold).',
    'zh-CN': '该记录不满足审批的发起条件。',
  },
  APPROVAL_CLOSED: { en: 'This approval is already decided.', 'zh-CN': '该审批已结束。' },
  NOT_AN_APPROVER: {
    en: 'You have nothing to decide in this approval.',
    'zh-CN': '您不是该审批当前步骤的审批人。',
  },
  JOB_NOT_FOUND: { en: 'No such job.', 'zh-CN': '任务不存在。' },
  INTERNAL_ERROR: { en: 'Something went wrong on our side.', 'zh-CN': '服务器内部错误。' },
  JSON_TOO_DEEP: {
    en: 'The JSON is nested too deeply (at most 128 levels).',
    'zh-CN': 'JSON 嵌套层级过深（最多 128 层）。',
  },
  INVALID_TEXT: {
    en: 'The text holds a NUL character, a lone surrogate or invalid UTF-8.',
    'zh-CN': '文本包含 NUL 字符、孤立代理项或无效的 UTF-8。',
  },
  MALFORMED_MULTIPART: {
    en: 'The multipart body is malformed or cut short.',
    'zh-CN': 'multipart 请求内容格式错误或不完整。',
  },
} as const satisfies Record<string, Bilingual>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** A message written in both languages the product speaks; the HTTP envelope picks the caller's. */
export interface Bilingual {
  en: string;
  'zh-CN': string;
}

/**
 * An expected failure: stable code, JSON-pointer path to the input at fault, message. `message` is
 * the English text (or the text in the locale a validator was told); `messages` carries a specific
 * message in both languages. Without `messages`, the registry text of the code is shown unless
 * `message` says something else (a rule's own message, written by the admin).
 */
export interface Issue {
  code: ErrorCode;
  path: string;
  message: string;
  messages?: Bilingual;
  details?: unknown;
}

/** The result of anything that can fail in an expected way. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/**
 * Builds an issue with the registry's message, unless a specific one is given. A specific message
 * users or admins see comes in both languages; a plain string is for text that has one language
 * by nature (an admin's own rule message, a value passed through) or that only developers read.
 *
 * @example
 * issue('FORBIDDEN', '', { en: 'Only an admin may import records.', 'zh-CN': '只有管理员可以导入记录。' });
 */
export function issue(code: ErrorCode, path: string, message?: string | Bilingual, details?: unknown): Issue {
  const out: Issue =
    typeof message === 'object'
      ? { code, path, message: message.en, messages: { en: message.en, 'zh-CN': message['zh-CN'] } }
      : { code, path, message: message ?? ERROR_CODES[code].en };
  if (details !== undefined) out.details = details;
  return out;
}

/**
 * An issue from a validator that was told the caller's locale: `message` is in that locale (what
 * the designer and CLI show as is), `messages` keeps both languages for the HTTP envelope.
 */
export function localizedIssue(
  code: ErrorCode,
  path: string,
  message: Bilingual,
  locale: Locale,
  details?: unknown,
): Issue {
  return { ...issue(code, path, message, details), message: message[locale] };
}
