import { useEffect, useId, useRef } from 'react';
import { usePeopleText } from './usePeopleText.js';

/** Shows a one-time password once (after create or reset); it is not kept anywhere in the page. */
export function OneTimePasswordDialog({
  email,
  password,
  onClose,
}: {
  email: string;
  password: string;
  onClose(): void;
}) {
  const { t } = usePeopleText();
  const titleId = useId();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="sc-dialog-backdrop">
      <div
        className="sc-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id={titleId}>{t('people.oneTimeTitle', { email })}</h2>
        <p>{t('people.oneTimeBody')}</p>
        <p className="one-time-password" data-testid="one-time-password">
          <code>{password}</code>
        </p>
        <div className="sc-actions">
          <button
            type="button"
            className="sc-button"
            onClick={() => void navigator.clipboard?.writeText(password).catch(() => undefined)}
          >
            {t('people.copy')}
          </button>
          <button ref={close} type="button" className="sc-button sc-primary" onClick={onClose}>
            {t('people.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
