import type { Bilingual, Locale } from '@stagecraft/schema';
import type { ValueType } from './value-type.js';

/** Messages of rule issues in both locales: an issue carries both, its `message` in the caller's locale. */

const TYPE_NAMES: Record<ValueType, Bilingual> = {
  number: { en: 'a number', 'zh-CN': '数字' },
  string: { en: 'a text', 'zh-CN': '文本' },
  boolean: { en: 'a yes/no value', 'zh-CN': '是/否值' },
  date: { en: 'a date', 'zh-CN': '日期' },
  datetime: { en: 'a date and time', 'zh-CN': '日期时间' },
  array: { en: 'a list', 'zh-CN': '列表' },
  object: { en: 'an object', 'zh-CN': '对象' },
  null: { en: 'null', 'zh-CN': '空值' },
  any: { en: 'a value', 'zh-CN': '值' },
};

const type = (t: ValueType, locale: Locale) => TYPE_NAMES[t][locale];

export const MESSAGES = {
  tooManyNodes: (n: number): Bilingual => ({
    en: `The rule has more than ${n} elements.`,
    'zh-CN': `规则元素超过 ${n} 个。`,
  }),
  tooDeep: (n: number): Bilingual => ({
    en: `The rule is nested more than ${n} levels deep.`,
    'zh-CN': `规则嵌套超过 ${n} 层。`,
  }),
  textTooLong: (n: number): Bilingual => ({
    en: `A text in the rule is longer than ${n} characters.`,
    'zh-CN': `规则中的文本超过 ${n} 个字符。`,
  }),
  listTooLong: (n: number): Bilingual => ({
    en: `A list in the rule has more than ${n} items.`,
    'zh-CN': `规则中的列表超过 ${n} 项。`,
  }),
  notFinite: (): Bilingual => ({
    en: 'Numbers in a rule must be finite.',
    'zh-CN': '规则中的数字必须是有限值。',
  }),
  notJson: (): Bilingual => ({
    en: 'A rule is JSON: this value is not.',
    'zh-CN': '规则必须是 JSON，此值不是。',
  }),
  unknownOperator: (op: string): Bilingual => ({
    en: `Unknown operator "${op}".`,
    'zh-CN': `未知的运算符「${op}」。`,
  }),
  forbiddenRead: (key: string): Bilingual => ({
    en: `A rule may not read "${key}".`,
    'zh-CN': `规则不能读取「${key}」。`,
  }),
  forbiddenKey: (key: string): Bilingual => ({
    en: `A rule may not contain the key "${key}".`,
    'zh-CN': `规则不能包含键「${key}」。`,
  }),
  unknownField: (field: string): Bilingual => ({
    en: `Unknown field "${field}".`,
    'zh-CN': `未知字段「${field}」。`,
  }),
  needsList: (op: string, t: ValueType): Bilingual => ({
    en: `"${op}" needs a list, not ${type(t, 'en')}.`,
    'zh-CN': `「${op}」需要列表，而不是${type(t, 'zh-CN')}。`,
  }),
  compares: (op: string, a: ValueType, b: ValueType): Bilingual => ({
    en: `"${op}" compares ${type(a, 'en')} with ${type(b, 'en')}.`,
    'zh-CN': `「${op}」比较了${type(a, 'zh-CN')}和${type(b, 'zh-CN')}。`,
  }),
  needsNumbers: (op: string, t: ValueType): Bilingual => ({
    en: `"${op}" needs numbers, not ${type(t, 'en')}.`,
    'zh-CN': `「${op}」需要数字，而不是${type(t, 'zh-CN')}。`,
  }),
  inNeedsListOrText: (t: ValueType): Bilingual => ({
    en: `"in" looks in a list or a text, not ${type(t, 'en')}.`,
    'zh-CN': `「in」只能在列表或文本中查找，而不是${type(t, 'zh-CN')}。`,
  }),
  wrongArgument: (op: string, t: ValueType, accepted: ValueType[]): Bilingual => ({
    en: `"${op}" does not take ${type(t, 'en')} here (expects ${accepted.map((a) => type(a, 'en')).join(' or ')}).`,
    'zh-CN': `「${op}」此处不接受${type(t, 'zh-CN')}（需要${accepted.map((a) => type(a, 'zh-CN')).join('或')}）。`,
  }),
  evaluationFailed: (reason: string): Bilingual => ({
    en: `The rule could not be evaluated on this record: ${reason}.`,
    'zh-CN': `规则无法在此记录上求值：${reason}。`,
  }),
  sqlTooLarge: (): Bilingual => ({
    en: 'Written as SQL, this rule would be too large; simplify the nested comparisons.',
    'zh-CN': '该规则转换为 SQL 后过大，请简化嵌套的比较。',
  }),
  overBudget: (n: number): Bilingual => ({
    en: `The rule did more than ${n} steps of iteration work.`,
    'zh-CN': `规则的循环计算超过 ${n} 步。`,
  }),
} as const;
