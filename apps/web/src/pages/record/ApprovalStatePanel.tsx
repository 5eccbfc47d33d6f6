import { API, type ApprovalStateOut } from '@stagecraft/contract';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.js';
import { pick } from '../InboxTexts.js';

/** Texts of the approval panel, in both languages. */
const TEXTS = {
  en: {
    title: 'Approval',
    threshold: 'Required when',
    guards: 'Needed before',
    notStarted: 'Not started yet: the move stays blocked until every branch approved.',
    pending: 'Waiting for decisions: the move stays blocked until every branch approved.',
    approved: 'Approved: the move is open.',
    rejected: 'Rejected: the move stays blocked. Start it again after addressing the reasons.',
    start: 'Start approval',
    started: 'Approval started; the approvers were notified.',
    noApprovers: 'Nobody holds this yet',
    waiting: 'Not started',
    branchPending: 'Pending',
    branchApproved: 'Approved',
    branchRejected: 'Rejected',
    failed: 'Could not start: ',
  },
  'zh-CN': {
    title: '审批',
    threshold: '触发条件',
    guards: '需先审批',
    notStarted: '尚未发起：所有分支通过前，该操作不可执行。',
    pending: '等待审批：所有分支通过前，该操作不可执行。',
    approved: '已通过：可以执行该操作。',
    rejected: '已驳回：该操作不可执行。处理驳回意见后可重新发起。',
    start: '发起审批',
    started: '已发起审批，审批人已收到通知。',
    noApprovers: '暂无人担任',
    waiting: '未开始',
    branchPending: '待审批',
    branchApproved: '已通过',
    branchRejected: '已驳回',
    failed: '发起失败：',
  },
} as const;

const STATUS = {
  not_started: 'notStarted',
  pending: 'pending',
  approved: 'approved',
  rejected: 'rejected',
} as const;
const BRANCH = {
  waiting: 'waiting',
  pending: 'branchPending',
  approved: 'branchApproved',
  rejected: 'branchRejected',
} as const;

/**
 * The record's approvals before its guarded moves: the threshold, the moves it guards, each branch
 * with who decides (by name) and how it stands, and a start button while none is running. Shown
 * only for approvals whose threshold the record meets.
 */
export function ApprovalStatePanel({ app, entity, id }: { app: string; entity: string; id: string }) {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const t = TEXTS[locale];
  const [colon, comma] = locale === 'en' ? [': ', ', '] : ['：', '、'];
  const [items, setItems] = useState<ApprovalStateOut[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(() => {
    void call(API.approvals.recordApprovalState, { params: { app, entity, id } }).then((r) =>
      setItems(r.ok ? r.value.approvals.filter((a) => a.applies) : []),
    );
  }, [app, entity, id]);
  useEffect(load, [load]);

  const start = async (approval: string) => {
    const r = await call(API.approvals.startApproval, { params: { app, entity, id }, body: { approval } });
    setMessage(r.ok ? t.started : t.failed + r.error.message);
    load();
  };

  if (items.length === 0) return null;
  return (
    <>
      {items.map((a) => (
        <section
          key={a.approvalId}
          className="sc-card sc-approval-state"
          aria-label={`${t.title}: ${pick(a.label, locale)}`}
          data-approval-status={a.status}
        >
          <h2>
            {t.title}
            {colon}
            {pick(a.label, locale)}
          </h2>
          <dl className="sc-details">
            {a.threshold && (
              <div className="sc-detail">
                <dt>{t.threshold}</dt>
                <dd>{pick(a.threshold, locale)}</dd>
              </div>
            )}
            {a.guards.length > 0 && (
              <div className="sc-detail">
                <dt>{t.guards}</dt>
                <dd>{a.guards.map((g) => pick(g.label, locale)).join(comma)}</dd>
              </div>
            )}
          </dl>
          <p className={a.status === 'approved' ? 'sc-state' : 'sc-state sc-state-error'} role="status">
            {t[STATUS[a.status as keyof typeof STATUS] ?? 'notStarted']}
          </p>
          {a.steps.map((step) => (
            <ul key={step.id} className="sc-approval-branches" aria-label={pick(step.label, locale)}>
              {step.branches.map((b) => (
                <li key={b.id} data-branch-status={b.status}>
                  <div className="sc-approval-branch-head">
                    <strong>{pick(b.label, locale)}</strong>
                    <span className="sc-chip">{t[BRANCH[b.status]]}</span>
                    <span>
                      {b.deciders.length ? b.deciders.map((d) => d.name).join(comma) : t.noApprovers}
                    </span>
                    <span className="sc-muted">({pick(b.rule, locale)})</span>
                  </div>
                  {b.decisions.map((d) => (
                    <span key={`${d.user}-${d.at}`} className="sc-muted">
                      {d.userName ?? '—'} ·{' '}
                      {t[d.decision === 'approve' ? 'branchApproved' : 'branchRejected']}
                      {d.comment ? `${colon}${d.comment}` : ''} · {new Date(d.at).toLocaleString(locale)}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          ))}
          {(a.status === 'not_started' || a.status === 'rejected') && (
            <button type="button" className="sc-button" onClick={() => void start(a.approvalId)}>
              {t.start}
            </button>
          )}
          {message && <p className="sc-state">{message}</p>}
        </section>
      ))}
    </>
  );
}
