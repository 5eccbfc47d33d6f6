import { useCallback, useEffect, useState } from 'react';
import { ApprovalsPage } from './ApprovalsPage.js';
import { type InboxNotification, inboxApi, inboxChanged, recordLink } from './InboxApi.js';
import { ITEM, LIST, pick, useInboxText } from './InboxTexts.js';

/** The inbox: approvals waiting for me on top, then notifications newest first with links to records. */
export function InboxPage() {
  const { t, locale } = useInboxText();
  const [items, setItems] = useState<InboxNotification[] | null>(null);
  const load = useCallback(() => {
    void inboxApi.list().then((r) => setItems(r.ok ? r.value.notifications : []));
  }, []);
  useEffect(load, [load]);
  const markAll = async () => {
    await inboxApi.markRead();
    inboxChanged();
    load();
  };
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inbox')}</h1>
      <ApprovalsPage />
      <h2>{t('bell')}</h2>
      <button type="button" className="sc-button" onClick={markAll}>
        {t('markAllRead')}
      </button>
      {items === null ? null : items.length === 0 ? (
        <p className="sc-muted">{t('empty')}</p>
      ) : (
        <ul className="inbox-list" style={LIST}>
          {items.map((n) => {
            const link = recordLink(n.appId, n.entityId, n.recordId);
            return (
              <li
                key={n.id}
                className={n.readAt ? 'sc-card inbox-item' : 'sc-card inbox-item inbox-unread'}
                style={ITEM}
              >
                <strong>{pick(n.title, locale)}</strong>
                {n.message && <div>{pick(n.message, locale)}</div>}
                <div className="sc-muted">{new Date(n.createdAt).toLocaleString(locale)}</div>
                {link && <a href={link}>{t('open')}</a>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
