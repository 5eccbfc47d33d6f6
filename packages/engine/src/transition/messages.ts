/**
 * Explanations the transition step writes, in every locale. Placeholders are `{name}`; lists are
 * joined the way each language joins them.
 */
import type { Locale } from '@stagecraft/schema';

const MESSAGES = {
  unknownStage: { en: '“{to}” is not a stage of this process.', 'zh-CN': '“{to}”不是该流程中的阶段。' },
  sameStage: { en: 'The record is already in {to}.', 'zh-CN': '记录已处于{to}。' },
  skip: { en: '{from} can only move to {targets}.', 'zh-CN': '{from}只能推进到{targets}。' },
  deadEnd: { en: '{from} has no further moves.', 'zh-CN': '{from}没有可执行的推进。' },
  unknownTransition: {
    en: 'No transition “{id}” leads from {from} to {to}.',
    'zh-CN': '不存在从{from}到{to}的推进“{id}”。',
  },
  role: {
    en: 'Only {roles} may run “{transition}”.',
    'zh-CN': '只有{roles}可以执行“{transition}”。',
  },
  fieldRequired: {
    en: '{field} must be filled to run “{transition}”.',
    'zh-CN': '执行“{transition}”需要填写{field}。',
  },
  fieldUnknown: {
    en: '{field} is not filled during “{transition}”.',
    'zh-CN': '“{transition}”不填写{field}。',
  },
  evidenceMissing: {
    en: '{requirement}: needs {min} {files}, has {count}.',
    'zh-CN': '{requirement}：需要 {min} 个文件，已有 {count} 个。',
  },
  evidenceRejected: {
    en: '{requirement}: {name} is not an accepted type ({accept}).',
    'zh-CN': '{requirement}：{name} 的类型不被接受（{accept}）。',
  },
  evidenceUnknown: {
    en: '“{transition}” asks for no evidence “{id}”.',
    'zh-CN': '“{transition}”不需要证据“{id}”。',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** Fills a message template for the locale. */
export function message(
  key: MessageKey,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name] ?? `{${name}}`),
  );
}

/** Joins names as a human list: "A, B or C" / "A、B或C". */
export function orList(items: readonly string[], locale: Locale): string {
  if (items.length <= 1) return items[0] ?? '';
  const head = items.slice(0, -1);
  const last = items[items.length - 1];
  return locale === 'zh-CN' ? `${head.join('、')}或${last}` : `${head.join(', ')} or ${last}`;
}

/** "file" / "files" in English; Chinese needs no plural. */
export function files(count: number): string {
  return count === 1 ? 'file' : 'files';
}
