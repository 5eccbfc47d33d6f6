/**
 * One ajv instance for record payloads, and the translation of its errors into our issues: a JSON
 * pointer to the offending value (`/items/0/qty`), a stable code and a message in the user's language.
 */
import {
  type Bilingual,
  type ErrorCode,
  type Issue,
  issue,
  type Locale,
  localizedIssue,
  pointer,
} from '@stagecraft/schema';
import AjvModule, { type ErrorObject } from 'ajv';
import formatsModule from 'ajv-formats';

// ajv and ajv-formats are CommonJS; under NodeNext the constructor sits on `default`.
const Ajv = AjvModule.default ?? AjvModule;
const addFormats = formatsModule.default ?? formatsModule;

/** The shared compiler; validators are compiled per published entity and kept by the caller. */
export const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
addFormats(ajv, ['date', 'date-time', 'email', 'uri']);

type Params = Record<string, unknown>;

/** JSON Schema type names as a user reads them in Chinese. */
const TYPE_NAMES_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  null: '空值',
};
const typeNames = (p: Params): string[] => String(p.type).split(',');

const describe: Record<string, (p: Params) => Bilingual> = {
  type: (p) => ({
    en: `Must be of type ${typeNames(p).join(' or ')}.`,
    'zh-CN': `类型应为${typeNames(p)
      .map((t) => TYPE_NAMES_ZH[t] ?? t)
      .join('或')}。`,
  }),
  const: () => ({ en: 'Not the allowed value.', 'zh-CN': '不是允许的值。' }),
  enum: () => ({ en: 'Not one of the allowed options.', 'zh-CN': '不是可选的选项之一。' }),
  minimum: (p) => ({ en: `Must be at least ${p.limit}.`, 'zh-CN': `不能小于 ${p.limit}。` }),
  maximum: (p) => ({ en: `Must be at most ${p.limit}.`, 'zh-CN': `不能大于 ${p.limit}。` }),
  exclusiveMinimum: (p) => ({ en: `Must be more than ${p.limit}.`, 'zh-CN': `必须大于 ${p.limit}。` }),
  exclusiveMaximum: (p) => ({ en: `Must be less than ${p.limit}.`, 'zh-CN': `必须小于 ${p.limit}。` }),
  multipleOf: (p) => ({
    en: `Must be a multiple of ${p.multipleOf}.`,
    'zh-CN': `必须是 ${p.multipleOf} 的倍数。`,
  }),
  maxLength: (p) => ({
    en: `Must be at most ${p.limit} characters long.`,
    'zh-CN': `长度不能超过 ${p.limit} 个字符。`,
  }),
  minLength: (p) => ({
    en: `Must be at least ${p.limit} characters long.`,
    'zh-CN': `长度不能少于 ${p.limit} 个字符。`,
  }),
  pattern: () => ({ en: 'Does not have the expected form.', 'zh-CN': '格式不正确。' }),
  minItems: (p) => ({ en: `Needs at least ${p.limit} entries.`, 'zh-CN': `至少需要 ${p.limit} 项。` }),
  maxItems: (p) => ({ en: `Allows at most ${p.limit} entries.`, 'zh-CN': `最多允许 ${p.limit} 项。` }),
  uniqueItems: () => ({ en: 'Contains the same entry twice.', 'zh-CN': '包含重复项。' }),
  required: () => ({ en: 'Missing.', 'zh-CN': '缺少该项。' }),
  additionalProperties: () => ({ en: 'Unknown field.', 'zh-CN': '未知字段。' }),
};

const formats: Record<string, Bilingual> = {
  date: { en: 'Must be a real date written YYYY-MM-DD.', 'zh-CN': '应为有效日期，格式 YYYY-MM-DD。' },
  'date-time': {
    en: 'Must be an ISO-8601 date and time with a time zone, e.g. 2024-05-01T08:30:00Z.',
    'zh-CN': '应为带时区的 ISO-8601 日期时间，例如 2024-05-01T08:30:00Z。',
  },
  email: { en: 'Must be an email address.', 'zh-CN': '应为电子邮箱地址。' },
  uri: { en: 'Must be a web address (http or https).', 'zh-CN': '应为网址（http 或 https）。' },
};

function pathOf(e: ErrorObject): string {
  const params = e.params as Params;
  if (e.keyword === 'additionalProperties')
    return `${e.instancePath}${pointer(String(params.additionalProperty))}`;
  if (e.keyword === 'required') return `${e.instancePath}${pointer(String(params.missingProperty))}`;
  return e.instancePath;
}

/**
 * Issues of a failed ajv run, one per path (the first error there is the most telling), so a value
 * of the wrong type does not also report every format it fails. Each keyword the payload schemas
 * use has a message in both languages; any other falls back to the code's registry text.
 */
export function ajvIssues(errors: readonly ErrorObject[], locale: Locale): Issue[] {
  const byPath = new Map<string, Issue>();
  for (const e of errors) {
    const path = pathOf(e);
    if (byPath.has(path)) continue;
    const code: ErrorCode = e.keyword === 'additionalProperties' ? 'UNKNOWN_FIELD' : 'VALIDATION_FAILED';
    const text =
      e.keyword === 'format'
        ? formats[String((e.params as Params).format)]
        : describe[e.keyword]?.(e.params as Params);
    byPath.set(
      path,
      text ? localizedIssue(code, path, text, locale) : issue(code, path, undefined, { keyword: e.keyword }),
    );
  }
  return [...byPath.values()];
}
