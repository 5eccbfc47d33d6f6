/**
 * The zod models' own messages in both languages. A model gives zod the English text (zod takes a
 * string); `fromZodIssues` looks it up here to give the issue both, so an admin reads it in theirs.
 */
import type { Bilingual } from './errors.js';

/** Custom messages of the models, by name. */
export const MODEL_TEXTS = {
  id: {
    en: 'must start with a lower-case letter, then letters, digits or _ (max 40)',
    'zh-CN': '必须以小写字母开头，后接字母、数字或 _（最多 40 个字符）',
  },
  localizedText: { en: 'needs a zh-CN or en text', 'zh-CN': '至少需要 zh-CN 或 en 文本' },
  reservedField: { en: 'is a reserved system field name', 'zh-CN': '是系统保留的字段名' },
  semVer: { en: 'must be a semantic version such as 1.2.0', 'zh-CN': '必须是语义化版本号，例如 1.2.0' },
  relativePath: {
    en: 'must be a relative path inside the template folder',
    'zh-CN': '必须是模板文件夹内的相对路径',
  },
  templateId: {
    en: 'must be kebab-case: lower-case letters, digits and -',
    'zh-CN': '必须是 kebab-case 格式：小写字母、数字和 -',
  },
  widgetName: {
    en: 'must be a widget name in kebab-case: lower-case letters, digits and - (max 40)',
    'zh-CN': '必须是 kebab-case 格式的控件名：小写字母、数字和 -（最多 40 个字符）',
  },
  calendarDay: {
    en: 'must be a real calendar day YYYY-MM-DD',
    'zh-CN': '必须是真实存在的日期 YYYY-MM-DD',
  },
} as const satisfies Record<string, Bilingual>;

/** The same messages keyed by their English text, as zod reports them. */
export const MODEL_MESSAGES: ReadonlyMap<string, Bilingual> = new Map(
  Object.values(MODEL_TEXTS).map((text) => [text.en, text]),
);
