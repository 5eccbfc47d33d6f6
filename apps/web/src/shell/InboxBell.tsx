import { useEffect, useState } from 'react';
import { inboxApi } from '../pages/InboxApi.js';
import { useInboxText } from '../pages/InboxTexts.js';

/** The badge's look lives here so the bell is one self-contained piece of the top bar. */
const BADGE = {
  marginLeft: 2,
  padding: '0 6px',
  borderRadius: 9,
  background: '#d93025',
  color: '#fff',
  fontSize: 12,
  fontWeight: 600,
} as const;

/** How often the bell asks for the unread count. */
const POLL_MS = 3000;

/** The notifications bell in the top bar: unread count, links to the inbox. */
export function InboxBell() {
  const { t } = useInboxText();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void inboxApi.count().then((r) => {
        if (alive && r.ok) setUnread(r.value.unread);
      });
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    window.addEventListener('stagecraft:inbox', refresh);
    window.addEventListener('hashchange', refresh);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener('stagecraft:inbox', refresh);
      window.removeEventListener('hashchange', refresh);
    };
  }, []);
  return (
    <a
      className="inbox-bell"
      href="#/inbox"
      style={{
        color: 'inherit',
        textDecoration: 'none',
        whiteSpace: 'nowrap',
        display: 'inline-flex',
        alignItems: 'center',
      }}
      aria-label={`${t('bell')}: ${t('unread', { n: unread })}`}
    >
      <svg
        aria-hidden="true"
        width="18"
        height="18"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {unread > 0 && (
        <span className="inbox-badge" data-testid="inbox-count" style={BADGE}>
          {unread}
        </span>
      )}
    </a>
  );
}
