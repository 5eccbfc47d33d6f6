import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SessionView, sessionApi } from '../api/session-api.js';
import { ConfirmDialog } from '../shell/ConfirmDialog.js';

/**
 * "Sessions" (登录设备): the browsers signed in to my account, each with its device, IP, sign-in and
 * last activity; end one, or sign out everywhere (after a confirm), which lands on the login page.
 */
export function SessionsPage({ onSignedOut }: { onSignedOut(): void }) {
  const { t, i18n } = useTranslation();
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    const r = await sessionApi.sessions();
    if (r.ok) {
      setSessions(r.value);
      setError(null);
    } else if (r.error.status === 401) onSignedOut();
    else setError(r.error.message);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once on open
  useEffect(() => void load(), []);

  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const end = async (session: SessionView) => {
    setBusy(true);
    const r = await sessionApi.endSession(session.id);
    setBusy(false);
    if (session.current || (!r.ok && r.error.status === 401)) return onSignedOut();
    if (!r.ok && r.error.status !== 404) setError(r.error.message);
    await load();
  };

  const everywhere = async () => {
    setBusy(true);
    const r = await sessionApi.logoutEverywhere();
    setBusy(false);
    if (r.ok || r.error.status === 401) return onSignedOut();
    setError(r.error.message);
    setConfirming(false);
  };

  return (
    <section className="sessions-page" aria-labelledby="sessions-title">
      <h1 id="sessions-title">{t('shell.sessions')}</h1>
      <p className="sc-muted">{t('shell.sessionsIntro')}</p>
      {error && (
        <p className="sc-banner sc-banner-error" role="alert">
          {t('shell.sessionsFailed', { message: error })}
        </p>
      )}
      {sessions === null ? (
        !error && <p className="sc-state">{t('shell.loading')}</p>
      ) : (
        <>
          <ul className="sessions-list" data-testid="sessions-list">
            {sessions.map((s) => {
              const device = s.device ?? t('shell.unknownDevice');
              return (
                <li key={s.id} className="sc-card session-item" data-current={s.current || undefined}>
                  <div className="session-main">
                    <strong>{device}</strong>
                    {s.current && <span className="session-badge">{t('shell.thisDevice')}</span>}
                  </div>
                  <p className="sc-muted session-meta">
                    <span>{t('shell.lastSeenAt', { when: when(s.lastSeenAt) })}</span>
                    <span>{t('shell.signedInAt', { when: when(s.createdAt) })}</span>
                    {s.ip && <span>{t('shell.ipAddress', { ip: s.ip })}</span>}
                  </p>
                  <button
                    type="button"
                    className="sc-button"
                    disabled={busy}
                    aria-label={t('shell.endSessionOf', { device })}
                    onClick={() => void end(s)}
                  >
                    {t('shell.endSession')}
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="sc-actions">
            <button
              type="button"
              className="sc-button sc-primary"
              data-testid="sign-out-everywhere"
              disabled={busy || sessions.length === 0}
              onClick={() => setConfirming(true)}
            >
              {t('shell.signOutEverywhere')}
            </button>
          </div>
        </>
      )}
      {confirming && (
        <ConfirmEverywhere
          count={sessions?.length ?? 0}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void everywhere()}
        />
      )}
    </section>
  );
}

function ConfirmEverywhere(props: { count: number; busy: boolean; onCancel(): void; onConfirm(): void }) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t('shell.signOutEverywhere')}
      message={t('shell.signOutEverywhereConfirm', { count: props.count })}
      cancelLabel={t('shell.cancel')}
      confirmLabel={t('shell.signOutEverywhere')}
      testId="confirm-sign-out-everywhere"
      busy={props.busy}
      onCancel={props.onCancel}
      onConfirm={props.onConfirm}
    />
  );
}
