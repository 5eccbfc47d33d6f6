import { localize } from '@stagecraft/schema';
import { useEffect, useState } from 'react';
import { type AppSummary, sessionApi } from '../../api/session-api.js';
import { ConfirmRevoke } from './ConfirmRevoke.js';
import { CreateTokenDialog } from './CreateTokenDialog.js';
import { TokenItem } from './TokenItem.js';
import { type ApiTokenView, tokensApi } from './tokens-api.js';
import { useTokenText } from './useTokenText.js';
import './tokens.css';

/**
 * "API tokens" (API 令牌): my tokens with scope, expiry, creation, last use and revocation; a new
 * token is made in a dialog that shows its secret once; revoking asks first.
 */
export function TokensPage({ onSignedOut }: { onSignedOut(): void }) {
  const { t, language } = useTokenText();
  const [tokens, setTokens] = useState<ApiTokenView[] | null>(null);
  const [apps, setApps] = useState<AppSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    const r = await tokensApi.list();
    if (r.ok) {
      setTokens(r.value);
      setError(null);
    } else if (r.error.status === 401) onSignedOut();
    else setError(r.error.message);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once on open
  useEffect(() => {
    void load();
    void sessionApi.apps().then((r) => r.ok && setApps(r.value));
  }, []);

  const locale = language === 'en' ? 'en' : 'zh-CN';
  const appName = (id: string) => {
    const found = apps.find((a) => a.id === id);
    return found ? localize(found.label, locale) : id;
  };

  const revoke = async (token: ApiTokenView) => {
    setBusy(true);
    const r = await tokensApi.revoke(token.id);
    setBusy(false);
    setRevoking(null);
    if (!r.ok && r.error.status === 401) return onSignedOut();
    if (!r.ok && r.error.status !== 404) setError(r.error.message);
    await load();
  };

  return (
    <section className="tokens-page" aria-labelledby="tokens-title">
      <div className="tokens-head">
        <h1 id="tokens-title">{t('title')}</h1>
        <button
          type="button"
          className="sc-button sc-primary"
          data-testid="new-token"
          onClick={() => setCreating(true)}
        >
          {t('create')}
        </button>
      </div>
      <p className="sc-muted">{t('intro')}</p>
      {error && (
        <p className="sc-banner sc-banner-error" role="alert">
          {t('loadFailed', { message: error })}
        </p>
      )}
      {tokens === null ? (
        !error && <p className="sc-state">…</p>
      ) : tokens.length === 0 ? (
        <p className="sc-state">{t('empty')}</p>
      ) : (
        <ul className="tokens-list" data-testid="tokens-list">
          {tokens.map((token) => (
            <TokenItem
              key={token.id}
              token={token}
              appName={appName}
              busy={busy}
              onRevoke={() => setRevoking(token)}
            />
          ))}
        </ul>
      )}
      {creating && (
        <CreateTokenDialog
          apps={apps.map((a) => ({ id: a.id, name: localize(a.label, locale) }))}
          onClose={() => {
            setCreating(false);
            void load();
          }}
        />
      )}
      {revoking && (
        <ConfirmRevoke
          name={revoking.name}
          busy={busy}
          onCancel={() => setRevoking(null)}
          onConfirm={() => void revoke(revoking)}
        />
      )}
    </section>
  );
}
