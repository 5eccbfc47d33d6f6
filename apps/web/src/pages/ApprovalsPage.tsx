import { useCallback, useEffect, useState } from 'react';
import { inboxApi, inboxChanged, recordLink, type WaitingApproval } from './InboxApi.js';
import { ITEM, LIST, pick, useInboxText } from './InboxTexts.js';

/** "Waiting for my approval": each approval with its open branches, a comment box, approve / reject. */
export function ApprovalsPage() {
  const { t, locale } = useInboxText();
  const [items, setItems] = useState<WaitingApproval[] | null>(null);
  const [comments, setComments] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(() => {
    void inboxApi.waiting().then((r) => setItems(r.ok ? r.value.approvals : []));
  }, []);
  useEffect(load, [load]);

  const decide = async (id: string, decision: 'approve' | 'reject') => {
    const r = await inboxApi.decide(id, decision, comments[id] ?? '');
    if (r.ok) setMessage(t(r.value.status === 'rejected' ? 'rejected' : 'approved'));
    else setMessage(t('failed', { message: r.error.message }));
    inboxChanged();
    load();
  };

  return (
    <section className="inbox-approvals" aria-labelledby="approvals-title">
      <h2 id="approvals-title">{t('approvals')}</h2>
      {message && (
        <p className="sc-state" role="status">
          {message}
        </p>
      )}
      {items === null ? null : items.length === 0 ? (
        <p className="sc-muted">{t('noApprovals')}</p>
      ) : (
        <ul className="inbox-list" style={LIST}>
          {items.map((a) => {
            const link = recordLink(a.appId, a.entityId, a.recordId);
            return (
              <li key={a.id} className="sc-card inbox-item" style={ITEM} data-approval={a.id}>
                <div>
                  <strong>{pick(a.label, locale)}</strong>
                  {a.step && <span className="sc-muted"> · {pick(a.step.label, locale)}</span>}
                </div>
                <div className="sc-muted">
                  {a.branches
                    .filter((b) => b.waitingForMe)
                    .map((b) => pick(b.label, locale))
                    .join(' / ')}
                </div>
                {link && <a href={link}>{t('open')}</a>}
                <label className="inbox-comment" style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
                  {t('comment')}
                  <input
                    value={comments[a.id] ?? ''}
                    onChange={(e) => setComments((c) => ({ ...c, [a.id]: e.target.value }))}
                  />
                </label>
                <div className="inbox-actions" style={{ display: 'flex', gap: 8 }}>
                  <button
                    type="button"
                    className="sc-button sc-button-primary"
                    onClick={() => decide(a.id, 'approve')}
                  >
                    {t('approve')}
                  </button>
                  <button type="button" className="sc-button" onClick={() => decide(a.id, 'reject')}>
                    {t('reject')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
