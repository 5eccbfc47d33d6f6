import type { ApiError } from '@stagecraft/renderer';
import { useState } from 'react';
import { peopleApi } from './people-api.js';
import { usePeopleText } from './usePeopleText.js';

/** The server's reasons for the field at `path` (every failed policy rule), or its message. */
function reasons(error: ApiError, path: string): string[] {
  const own = (error.details ?? []).filter((d) => d.path === path).map((d) => d.message);
  return own;
}

/**
 * Change my password: the current one, the new one twice. `forced` is the screen after signing in
 * with a one-time password: the only thing the app shows until it is changed (the server refuses
 * everything else too). The server checks the policy and answers each failed rule under its field.
 */
export function ChangePasswordPage({
  forced = false,
  onChanged,
  onSignOut,
}: {
  forced?: boolean;
  onChanged(): void;
  onSignOut?(): void;
}) {
  const { t } = usePeopleText();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  const currentErrors = error ? reasons(error, '/currentPassword') : [];
  const nextErrors = error ? reasons(error, '/newPassword') : [];
  const other = error && currentErrors.length === 0 && nextErrors.length === 0 ? error.message : null;

  return (
    <section className={forced ? 'login' : 'password-page'} aria-labelledby="password-title">
      <form
        className={forced ? 'login-card' : 'sc-card password-card'}
        data-testid="change-password"
        onSubmit={async (e) => {
          e.preventDefault();
          setMismatch(next !== repeat);
          if (next !== repeat) return;
          setBusy(true);
          const r = await peopleApi.changePassword(current, next);
          setBusy(false);
          if (!r.ok) return setError(r.error);
          setError(null);
          setDone(true);
          setCurrent('');
          setNext('');
          setRepeat('');
          onChanged();
        }}
      >
        <h1 id="password-title">{forced ? t('password.forcedTitle') : t('password.title')}</h1>
        {forced && <p className="sc-muted">{t('password.forcedIntro')}</p>}
        <label className="sc-label" htmlFor="pw-current">
          {forced ? t('password.currentOneTime') : t('password.current')}
        </label>
        <input
          id="pw-current"
          className="sc-input"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          aria-invalid={currentErrors.length > 0 || undefined}
          required
        />
        {currentErrors.map((m) => (
          <p key={m} className="sc-error" role="alert">
            {m}
          </p>
        ))}
        <label className="sc-label" htmlFor="pw-new">
          {t('password.next')}
        </label>
        <input
          id="pw-new"
          className="sc-input"
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-describedby="pw-rules"
          aria-invalid={nextErrors.length > 0 || undefined}
          required
        />
        <p id="pw-rules" className="sc-help">
          {t('password.rules')}
        </p>
        {nextErrors.map((m) => (
          <p key={m} className="sc-error" role="alert">
            {m}
          </p>
        ))}
        <label className="sc-label" htmlFor="pw-repeat">
          {t('password.repeat')}
        </label>
        <input
          id="pw-repeat"
          className="sc-input"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          required
        />
        {mismatch && (
          <p className="sc-error" role="alert">
            {t('password.mismatch')}
          </p>
        )}
        {other && (
          <p className="sc-error" role="alert">
            {other}
          </p>
        )}
        {done && !forced && (
          <p className="sc-banner sc-banner-info" role="status">
            {t('password.done')}
          </p>
        )}
        <div className="sc-actions">
          <button type="submit" className="sc-button sc-primary" disabled={busy}>
            {t('password.submit')}
          </button>
          {onSignOut && (
            <button type="button" className="sc-button" onClick={onSignOut}>
              {t('password.signOut')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
