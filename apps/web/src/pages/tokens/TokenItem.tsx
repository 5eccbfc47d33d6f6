import { type ApiTokenView, tokenStatus } from './token-status.js';
import { useTokenText } from './useTokenText.js';

/** One token of the list: name, status, scope, expiry, creation, last use, and a revoke button while live. */
export function TokenItem(props: {
  token: ApiTokenView;
  appName(id: string): string;
  busy: boolean;
  onRevoke(): void;
}) {
  const { t, language } = useTokenText();
  const { token } = props;
  const when = (iso: string) =>
    new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
  const status = tokenStatus(token, new Date());
  const scope =
    token.scope === 'app' && token.appId
      ? t('scopeOfApp', { app: props.appName(token.appId) })
      : t(token.scope === 'read-only' ? 'scope_readOnly' : 'scope_readWrite');
  return (
    <li className="sc-card token-item" data-status={status} data-testid="token-item">
      <div className="token-main">
        <strong>{token.name}</strong>
        <span className={`token-badge token-badge-${status}`}>{t(`status_${status}`)}</span>
        <span className="token-scope">{scope}</span>
      </div>
      <p className="sc-muted token-meta">
        <span>{t('createdAt', { when: when(token.createdAt) })}</span>
        <span>{token.lastUsedAt ? t('lastUsedAt', { when: when(token.lastUsedAt) }) : t('neverUsed')}</span>
        {token.revokedAt ? (
          <span>{t('revokedAt', { when: when(token.revokedAt) })}</span>
        ) : token.expiresAt ? (
          <span>{t(status === 'expired' ? 'expiredAt' : 'expiresAt', { when: when(token.expiresAt) })}</span>
        ) : (
          <span>{t('neverExpires')}</span>
        )}
      </p>
      {status === 'live' && (
        <button
          type="button"
          className="sc-button"
          disabled={props.busy}
          aria-label={t('revokeOf', { name: token.name })}
          onClick={props.onRevoke}
        >
          {t('revoke')}
        </button>
      )}
    </li>
  );
}
