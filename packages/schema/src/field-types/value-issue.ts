/**
 * What the one value check of a field type says about a bad value: a problem name (the renderer's
 * i18n key under `field.`), the error code the server answers with, the path inside the value
 * (`[2, 'mime']` for the third file's MIME type) and the numbers the message needs.
 */
import type { Bilingual, ErrorCode } from '../errors.js';

/** The problems a value check can find; each is also an i18n key `field.<problem>` in the renderer. */
export const VALUE_PROBLEMS = [
  'required',
  'invalidValue',
  'notANumber',
  'tooLong',
  'patternMismatch',
  'belowMin',
  'aboveMax',
  'tooManyDecimals',
  'invalidDate',
  'invalidDateTime',
  'invalidEmail',
  'invalidPhone',
  'invalidUrl',
  'invalidId',
  'notAnOption',
  'duplicateOption',
  'tooManySelected',
  'tooFewFiles',
  'tooManyFiles',
  'invalidFile',
  'fileSizeAboveMax',
  'fileTypeNotAccepted',
  'invalidLat',
  'invalidLng',
  'invalidAccuracy',
  'tooFewRows',
  'tooManyRows',
  'invalidRow',
  'unknownKey',
] as const;
export type ValueProblem = (typeof VALUE_PROBLEMS)[number];

/** One problem of one value, found by a field type's `check`. */
export interface ValueIssue {
  problem: ValueProblem;
  code: Extract<
    ErrorCode,
    'VALIDATION_FAILED' | 'UNKNOWN_FIELD' | 'FIELD_REQUIRED' | 'UPLOAD_TYPE_FORBIDDEN'
  >;
  /** Keys and indexes from the field's value down to the part at fault; empty for the value itself. */
  path: (string | number)[];
  params?: Record<string, string | number>;
}

/** Builds a ValueIssue; the code is VALIDATION_FAILED unless the problem has its own. */
export function valueIssue(
  problem: ValueProblem,
  params?: Record<string, string | number>,
  path: (string | number)[] = [],
): ValueIssue {
  const code =
    problem === 'unknownKey'
      ? 'UNKNOWN_FIELD'
      : problem === 'required'
        ? 'FIELD_REQUIRED'
        : problem === 'fileTypeNotAccepted'
          ? 'UPLOAD_TYPE_FORBIDDEN'
          : 'VALIDATION_FAILED';
  return { problem, code, path, ...(params ? { params } : {}) };
}

/** The same issue, one level further down (the check of a part reports relative to the part). */
export function within(found: ValueIssue | null, ...prefix: (string | number)[]): ValueIssue | null {
  return found ? { ...found, path: [...prefix, ...found.path] } : null;
}

type Params = Record<string, string | number>;
const p = (params: Params | undefined, key: string) => String(params?.[key] ?? '');

/** The server's message for each problem, in both languages (the renderer has its own i18n texts). */
const TEXTS: Record<ValueProblem, (params?: Params) => Bilingual> = {
  required: () => ({ en: 'This field must be filled.', 'zh-CN': '该字段必须填写。' }),
  invalidValue: (x) => ({
    en: `Must be ${EXPECTED[p(x, 'expected')]?.en ?? 'a valid value'}.`,
    'zh-CN': `应为${EXPECTED[p(x, 'expected')]?.['zh-CN'] ?? '有效的值'}。`,
  }),
  notANumber: () => ({ en: 'Must be a finite number.', 'zh-CN': '必须是有限的数字。' }),
  tooLong: (x) => ({
    en: `Must be at most ${p(x, 'max')} characters long.`,
    'zh-CN': `长度不能超过 ${p(x, 'max')} 个字符。`,
  }),
  patternMismatch: () => ({ en: 'Does not have the expected form.', 'zh-CN': '格式不正确。' }),
  belowMin: (x) => ({ en: `Must be at least ${p(x, 'min')}.`, 'zh-CN': `不能小于 ${p(x, 'min')}。` }),
  aboveMax: (x) => ({ en: `Must be at most ${p(x, 'max')}.`, 'zh-CN': `不能大于 ${p(x, 'max')}。` }),
  tooManyDecimals: (x) => ({
    en: `At most ${p(x, 'max')} decimal places.`,
    'zh-CN': `最多 ${p(x, 'max')} 位小数。`,
  }),
  invalidDate: () => ({
    en: 'Must be a real date written YYYY-MM-DD, between the years 1 and 9999.',
    'zh-CN': '应为公元 1 年至 9999 年之间的有效日期，格式 YYYY-MM-DD。',
  }),
  invalidDateTime: () => ({
    en: 'Must be an ISO-8601 date and time with a time zone between the years 1 and 9999, e.g. 2024-05-01T08:30:00Z.',
    'zh-CN': '应为公元 1 年至 9999 年之间带时区的 ISO-8601 日期时间，例如 2024-05-01T08:30:00Z。',
  }),
  invalidEmail: () => ({ en: 'Must be an email address.', 'zh-CN': '应为电子邮箱地址。' }),
  invalidPhone: () => ({
    en: 'Must be a phone number: digits, an optional leading +, spaces, dashes and parentheses.',
    'zh-CN': '应为电话号码：数字，可带开头的 +、空格、短横线和括号。',
  }),
  invalidUrl: () => ({
    en: 'Must be a web address (http or https).',
    'zh-CN': '应为网址（http 或 https）。',
  }),
  invalidId: () => ({
    en: 'Must be an id of 1 to 128 characters.',
    'zh-CN': '应为 1 至 128 个字符的标识。',
  }),
  notAnOption: () => ({ en: 'Not one of the allowed options.', 'zh-CN': '不是可选的选项之一。' }),
  duplicateOption: () => ({ en: 'Contains the same entry twice.', 'zh-CN': '包含重复项。' }),
  tooManySelected: (x) => ({
    en: `Allows at most ${p(x, 'max')} entries.`,
    'zh-CN': `最多允许 ${p(x, 'max')} 项。`,
  }),
  tooFewFiles: (x) => ({
    en: `Needs at least ${p(x, 'min')} files.`,
    'zh-CN': `至少需要 ${p(x, 'min')} 个文件。`,
  }),
  tooManyFiles: (x) => ({
    en: `Allows at most ${p(x, 'max')} files.`,
    'zh-CN': `最多允许 ${p(x, 'max')} 个文件。`,
  }),
  invalidFile: () => ({
    en: 'A file must be { id, name?, size?, mime?, sha256?, url? } with valid values.',
    'zh-CN': '文件应为 { id, name?, size?, mime?, sha256?, url? }，且各项取值有效。',
  }),
  fileSizeAboveMax: (x) => ({
    en: `A file may be at most ${p(x, 'max')} bytes.`,
    'zh-CN': `单个文件不能超过 ${p(x, 'max')} 字节。`,
  }),
  fileTypeNotAccepted: (x) => ({
    en: `Allowed file types: ${p(x, 'accept')}.`,
    'zh-CN': `允许的文件类型：${p(x, 'accept').split(', ').join('、')}。`,
  }),
  invalidLat: () => ({ en: 'Latitude is between -90 and 90.', 'zh-CN': '纬度须在 -90 到 90 之间。' }),
  invalidLng: () => ({ en: 'Longitude is between -180 and 180.', 'zh-CN': '经度须在 -180 到 180 之间。' }),
  invalidAccuracy: () => ({
    en: 'Accuracy is a number of metres, 0 or more.',
    'zh-CN': '精度须为不小于 0 的米数。',
  }),
  tooFewRows: (x) => ({ en: `Needs at least ${p(x, 'min')} rows.`, 'zh-CN': `至少需要 ${p(x, 'min')} 行。` }),
  tooManyRows: (x) => ({
    en: `Allows at most ${p(x, 'max')} rows.`,
    'zh-CN': `最多允许 ${p(x, 'max')} 行。`,
  }),
  invalidRow: () => ({ en: 'A row must be a JSON object.', 'zh-CN': '每一行必须是 JSON 对象。' }),
  unknownKey: (x) => ({ en: `Unknown field "${p(x, 'key')}".`, 'zh-CN': `未知字段「${p(x, 'key')}」。` }),
};

/** What kind of value a field expects, for the `invalidValue` message. */
const EXPECTED: Record<string, Bilingual> = {
  string: { en: 'text', 'zh-CN': '文本' },
  boolean: { en: 'true or false', 'zh-CN': '是/否' },
  array: { en: 'a list', 'zh-CN': '列表' },
  object: { en: 'an object', 'zh-CN': '对象' },
};

/** The message of a value issue in both languages (the server's; the renderer translates `problem`). */
export function valueIssueText(found: ValueIssue): Bilingual {
  return TEXTS[found.problem](found.params);
}
