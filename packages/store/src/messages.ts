/**
 * Messages the store's issues share, in both languages: the server's error envelope answers in the
 * caller's. A message said once here reads the same from every repository that refuses the same way.
 */
import type { Bilingual } from '@stagecraft/schema';

/** What an actor may be refused doing to records, as the end of "You may not … these records." */
const RECORD_ACTIONS = {
  read: { en: 'read', 'zh-CN': '您无权查看这些记录。' },
  create: { en: 'create', 'zh-CN': '您无权创建这些记录。' },
  update: { en: 'update', 'zh-CN': '您无权修改这些记录。' },
  delete: { en: 'delete', 'zh-CN': '您无权删除这些记录。' },
  restore: { en: 'restore', 'zh-CN': '您无权恢复这些记录。' },
  createOutsideScope: {
    en: 'create records outside your scope as',
    'zh-CN': '您无权在自己的数据范围之外创建记录。',
  },
  moveOutOfScope: { en: 'move records out of your scope as', 'zh-CN': '您无权将记录移出自己的数据范围。' },
  seeArchive: { en: 'see archived values of', 'zh-CN': '您无权查看这些记录的归档值。' },
  restoreArchive: { en: 'restore archived values of', 'zh-CN': '您无权恢复这些记录的归档值。' },
} as const;

/** An action on records the store may refuse. */
export type RecordAction = keyof typeof RECORD_ACTIONS;

/** Store messages by name; functions take the values they interpolate. */
export const MESSAGES = {
  forbidden: (action: RecordAction): Bilingual => ({
    en: `You may not ${RECORD_ACTIONS[action].en} these records.`,
    'zh-CN': RECORD_ACTIONS[action]['zh-CN'],
  }),
  unknownField: (field: string): Bilingual => ({
    en: `Unknown field "${field}".`,
    'zh-CN': `未知字段「${field}」。`,
  }),
  needsNumericField: (op: string): Bilingual => ({
    en: `${op} needs a numeric field.`,
    'zh-CN': `${op} 需要数值字段。`,
  }),
  oneMeasure: { en: 'At least one measure is needed.', 'zh-CN': '至少需要一个指标。' },
  valueDoesNotFit: { en: 'A value does not fit its field.', 'zh-CN': '有值不符合其字段的要求。' },
  expectedDateTime: {
    en: 'Expected an ISO-8601 date-time.',
    'zh-CN': '应为 ISO-8601 格式的日期时间。',
  },
  expectedDay: { en: 'Expected YYYY-MM-DD.', 'zh-CN': '应为 YYYY-MM-DD 格式的日期。' },
  adminOnlySnapshot: {
    en: 'Only an admin may take a forecast snapshot.',
    'zh-CN': '只有管理员可以生成预测快照。',
  },
} as const satisfies Record<string, Bilingual | ((...args: never[]) => Bilingual)>;
