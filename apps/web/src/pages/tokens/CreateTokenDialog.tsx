import { useEffect, useId, useRef, useState } from 'react';
import { type TokenScope, tokensApi } from './tokens-api.js';
import { useTokenText } from './useTokenText.js';

const EXPIRIES = ['7', '30', '90', '365', 'never'] as const;

/**
 * The "new token" dialog: a name, a scope (read-only, read-write, or one app) and an expiry. After
 * creating, it shows the secret once, with a copy button; closing it drops the secret for good.
 */
export function CreateTokenDialog(props: { apps: { id: string; name: string }[]; onClose(): void }) {
  const { t } = useTokenText();
  const titleId = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read-only');
  const [app, setApp] = useState('');
  const [expiry, setExpiry] = useState<(typeof EXPIRIES)[number]>('90');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => nameInput.current?.focus(), []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setProblem(t('nameRequired'));
    if (scope === 'app' && !app) return setProblem(t('appRequired'));
    setBusy(true);
    const r = await tokensApi.create({
      name: name.trim(),
      scope,
      ...(scope === 'app' ? { app } : {}),
      expiresInDays: expiry === 'never' ? null : Number(expiry),
    });
    setBusy(false);
    if (r.ok) setSecret(r.value.token);
    else setProblem(r.error.message);
  };

  const copy = async () => {
    if (!secret) return;
    await navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <div className="sc-dialog-backdrop">
      <div
        className="sc-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => e.key === 'Escape' && !busy && props.onClose()}
      >
        {secret ? (
          <>
            <h2 id={titleId}>{t('createdTitle')}</h2>
            <p className="sc-banner" role="status">
              {t('secretOnce')}
            </p>
            <div className="token-secret">
              <code data-testid="token-secret">{secret}</code>
              <button
                type="button"
                className="sc-button"
                data-testid="copy-token"
                onClick={() => void copy()}
              >
                {copied ? t('copied') : t('copy')}
              </button>
            </div>
            <div className="sc-actions">
              <button
                type="button"
                className="sc-button sc-primary"
                data-testid="token-done"
                onClick={props.onClose}
              >
                {t('done')}
              </button>
            </div>
          </>
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <h2 id={titleId}>{t('create')}</h2>
            <label className="sc-field">
              <span className="sc-label">{t('name')}</span>
              <input
                ref={nameInput}
                className="sc-input"
                name="name"
                maxLength={100}
                placeholder={t('namePlaceholder')}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <fieldset className="token-scopes">
              <legend className="sc-label">{t('scope')}</legend>
              {(
                [
                  ['read-only', 'scope_readOnly'],
                  ['read-write', 'scope_readWrite'],
                  ['app', 'scope_app'],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="token-choice">
                  <input
                    type="radio"
                    name="scope"
                    value={value}
                    checked={scope === value}
                    onChange={() => setScope(value)}
                  />
                  {t(label)}
                </label>
              ))}
            </fieldset>
            {scope === 'app' && (
              <label className="sc-field">
                <span className="sc-label">{t('app')}</span>
                <select className="sc-input" name="app" value={app} onChange={(e) => setApp(e.target.value)}>
                  <option value="" />
                  {props.apps.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="sc-field">
              <span className="sc-label">{t('expiry')}</span>
              <select
                className="sc-input"
                name="expiry"
                value={expiry}
                onChange={(e) => setExpiry(e.target.value as (typeof EXPIRIES)[number])}
              >
                {EXPIRIES.map((d) => (
                  <option key={d} value={d}>
                    {t(`expiry_${d}`)}
                  </option>
                ))}
              </select>
            </label>
            {problem && (
              <p className="sc-error" role="alert">
                {problem}
              </p>
            )}
            <div className="sc-actions">
              <button type="button" className="sc-button" disabled={busy} onClick={props.onClose}>
                {t('cancel')}
              </button>
              <button
                type="submit"
                className="sc-button sc-primary"
                data-testid="create-token"
                disabled={busy}
              >
                {busy ? t('creating') : t('create')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
