import { useTranslation } from 'react-i18next';

/** Texts of the inbox, tasks, approvals pages and the bell, in both languages. */
const TEXTS = {
  en: {
    inbox: 'Inbox',
    bell: 'Notifications',
    unread: '{{n}} unread',
    empty: 'Nothing here yet.',
    markAllRead: 'Mark all read',
    open: 'Open record',
    tasks: 'My tasks',
    due: 'Due',
    overdue: 'overdue',
    noTasks: 'No tasks assigned to you.',
    approvals: 'Waiting for my approval',
    noApprovals: 'No approvals are waiting for you.',
    approve: 'Approve',
    reject: 'Reject',
    comment: 'Comment',
    approved: 'Approved',
    rejected: 'Rejected',
    failed: 'Could not save: {{message}}',
  },
  'zh-CN': {
    inbox: '消息',
    bell: '通知',
    unread: '{{n}} 条未读',
    empty: '暂无内容。',
    markAllRead: '全部标为已读',
    open: '打开记录',
    tasks: '我的任务',
    due: '截止',
    overdue: '已逾期',
    noTasks: '暂无分配给您的任务。',
    approvals: '待我审批',
    noApprovals: '暂无待您审批的事项。',
    approve: '同意',
    reject: '驳回',
    comment: '审批意见',
    approved: '已通过',
    rejected: '已驳回',
    failed: '保存失败：{{message}}',
  },
} as const;

/** A text key of the inbox pages. */
export type InboxTextKey = keyof (typeof TEXTS)['en'];

/** The inbox pages' translate function in the shell's current language. */
export function useInboxText(): {
  t: (key: InboxTextKey, values?: Record<string, string | number>) => string;
  locale: 'en' | 'zh-CN';
} {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return {
    locale,
    t: (key, values) =>
      Object.entries(values ?? {}).reduce<string>(
        (s, [k, v]) => s.replace(`{{${k}}}`, String(v)),
        TEXTS[locale][key],
      ),
  };
}

/** A localized text object as the API returns it, in the current language. */
export function pick(text: Record<string, string> | null | undefined, locale: string): string {
  if (!text) return '';
  return text[locale] ?? text.en ?? Object.values(text)[0] ?? '';
}

/** Lists of the inbox pages: cards without bullets, spaced. */
export const LIST = { listStyle: 'none', padding: 0, display: 'grid', gap: 8 } as const;
/** One card of an inbox list. */
export const ITEM = { display: 'grid', gap: 4, justifyItems: 'start' } as const;
