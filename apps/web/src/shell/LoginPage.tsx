import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionApi } from '../api/session-api.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/**
 * Email and password sign-in; the server sets an httpOnly session cookie. After "switch workspace"
 * it says which workspace was left: each account belongs to one workspace, so switching is signing
 * in with the other workspace's account.
 */
export function LoginPage({
  onSignedIn,
  leftWorkspace = null,
}: {
  onSignedIn(): void;
  leftWorkspace?: string | null;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main className="login">
      <form
        className="login-card"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const r = await sessionApi.login(email, password);
          setBusy(false);
          if (r.ok) onSignedIn();
          else setError(r.error.message);
        }}
      >
        <h1>{t('shell.product')}</h1>
        {leftWorkspace && (
          <p className="sc-muted" role="status">
            {t('shell.switchHint', { workspace: leftWorkspace })}
          </p>
        )}
        <label className="sc-label" htmlFor="login-email">
          {t('shell.email')}
        </label>
        <input
          id="login-email"
          className="sc-input"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <label className="sc-label" htmlFor="login-password">
          {t('shell.password')}
        </label>
        <input
          id="login-password"
          className="sc-input"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {error && (
          <p className="sc-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="sc-button sc-primary" disabled={busy}>
          {busy ? t('shell.signingIn') : t('shell.signIn')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
