import { useEffect, useId, useRef } from 'react';

/**
 * Asks before something that cannot be undone (revoke a token, sign out everywhere): Cancel has the
 * focus, Escape cancels, both buttons wait while `busy`.
 */
export function ConfirmDialog(props: {
  title: string;
  message: string;
  cancelLabel: string;
  confirmLabel: string;
  /** Extra class of the confirm button (e.g. a danger colour). */
  confirmClass?: string;
  testId: string;
  busy: boolean;
  onCancel(): void;
  onConfirm(): void;
}) {
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
        <h2 id={titleId}>{props.title}</h2>
        <p>{props.message}</p>
        <div className="sc-actions">
          <button
            ref={cancel}
            type="button"
            className="sc-button"
            disabled={props.busy}
            onClick={props.onCancel}
          >
            {props.cancelLabel}
          </button>
          <button
            type="button"
            className={`sc-button sc-primary${props.confirmClass ? ` ${props.confirmClass}` : ''}`}
            data-testid={props.testId}
            disabled={props.busy}
            onClick={props.onConfirm}
          >
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
