import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onSessionEnded } from '../api/http.js';
import { type Me, sessionApi } from '../api/session-api.js';
import { LoginPage } from './LoginPage.js';
import { Shell } from './Shell.js';

const ChangePasswordPage = lazy(() =>
  import('../pages/people/ChangePasswordPage.js').then((m) => ({ default: m.ChangePasswordPage })),
);

/**
 * Decides between the login page, the forced password change (signed in with a one-time password:
 * nothing else until it is changed, as the server enforces) and the shell.
 */
export function Root() {
  const { t } = useTranslation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  // the workspace the user left to sign in to another one (an account belongs to one workspace)
  const [leftWorkspace, setLeftWorkspace] = useState<string | null>(null);
  const load = () => void sessionApi.me().then((r) => setMe(r.ok ? r.value : null));
  useEffect(load, []);
  // A session that ended elsewhere (timeout, sign out everywhere) shows the login page on the next call.
  useEffect(
    () =>
      onSessionEnded(() => {
        setLeftWorkspace(null);
        setMe((current) => (current ? null : current));
      }),
    [],
  );
  if (me === undefined) return <p className="sc-state">{t('shell.loading')}</p>;
  if (me === null) return <LoginPage onSignedIn={load} leftWorkspace={leftWorkspace} />;
  if (me.mustChangePassword)
    return (
      <Suspense fallback={<p className="sc-state">{t('shell.loading')}</p>}>
        <ChangePasswordPage
          forced
          onChanged={load}
          onSignOut={async () => {
            await sessionApi.logout();
            setMe(null);
          }}
        />
      </Suspense>
    );
  return (
    <Shell
      me={me}
      onSignedOut={(switching) => {
        setLeftWorkspace(switching ? me.workspace.name || me.workspace.id : null);
        setMe(null);
      }}
    />
  );
}
