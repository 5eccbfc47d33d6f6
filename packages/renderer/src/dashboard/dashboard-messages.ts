/** The dashboard texts in both languages (kept beside the components that show them). */
import type { Locale } from '@stagecraft/schema';

const en = {
  loading: 'Loading…',
  failed: 'Could not load: {message}',
  empty: 'No data',
  previous: 'previous period: {value}',
  conversion: 'conversion',
  back: 'Back',
  drillHint: 'Click a bar to drill down',
  records: 'Matching records',
  close: 'Close',
  total: '{count} records',
  rank: 'Rank',
  hours: 'h',
  open: 'Open',
  target: 'target {value}',
  count: 'Count',
  pivotTotal: 'Total',
};
const zh: typeof en = {
  loading: '加载中…',
  failed: '加载失败：{message}',
  empty: '暂无数据',
  previous: '上期：{value}',
  conversion: '转化率',
  back: '返回上一级',
  drillHint: '点击柱形下钻',
  records: '对应记录',
  close: '关闭',
  total: '共 {count} 条记录',
  rank: '排名',
  hours: '小时',
  open: '打开',
  target: '目标 {value}',
  count: '数量',
  pivotTotal: '合计',
};

/** A dashboard text in the locale, with `{name}` placeholders filled. */
export function dashText(
  locale: Locale,
  key: keyof typeof en,
  values: Record<string, string | number> = {},
): string {
  const text = (locale === 'en' ? en : zh)[key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
