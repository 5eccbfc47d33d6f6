import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionApi } from '../api/session-api.js';

/** The user menu's switch for whether notifications also come by email (saved on the server, per user). */
export function EmailPreference({ initial }: { initial: boolean }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(initial);
  const [busy, setBusy] = useState(false);
  return (
    <label className="sc-chip email-preference">
      <input
        type="checkbox"
        checked={on}
        disabled={busy}
        onChange={async (e) => {
          const next = e.target.checked;
          setBusy(true);
          const r = await sessionApi.setEmailNotifications(next);
          setBusy(false);
          if (r.ok) setOn(r.value.user.emailNotifications);
        }}
      />{' '}
      {t('shell.emailNotifications')}
    </label>
  );
}
