import { useEffect, useId, useRef } from 'react';
import { useTokenText } from './useTokenText.js';

/** Asks before a token is revoked for good; Cancel has the focus, Escape cancels. */
export function ConfirmRevoke(props: { name: string; busy: boolean; onCancel(): void; onConfirm(): void }) {
  const { t } = useTokenText();
  const titleId = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="sc-dialog-backdrop">
      <div
        className="sc-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => e.key === 'Escape' && !props.busy && props.onCancel()}
      >
        <h2 id={titleId}>{t('revokeTitle')}</h2>
        <p>{t('revokeConfirm', { name: props.name })}</p>
        <div className="sc-actions">
          <button
            ref={cancel}
            type="button"
            className="sc-button"
            disabled={props.busy}
            onClick={props.onCancel}
          >
            {t('cancel')}
          </button>
          <button
            type="button"
            className="sc-button sc-primary tokens-danger"
            data-testid="confirm-revoke"
            disabled={props.busy}
            onClick={props.onConfirm}
          >
            {t('revoke')}
          </button>
        </div>
      </div>
    </div>
  );
}
