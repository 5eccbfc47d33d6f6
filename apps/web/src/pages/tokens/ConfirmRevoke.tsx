import { ConfirmDialog } from '../../shell/ConfirmDialog.js';
import { useTokenText } from './useTokenText.js';

/** Asks before a token is revoked for good. */
export function ConfirmRevoke(props: { name: string; busy: boolean; onCancel(): void; onConfirm(): void }) {
  const { t } = useTokenText();
  return (
    <ConfirmDialog
      title={t('revokeTitle')}
      message={t('revokeConfirm', { name: props.name })}
      cancelLabel={t('cancel')}
      confirmLabel={t('revoke')}
      confirmClass="tokens-danger"
      testId="confirm-revoke"
      busy={props.busy}
      onCancel={props.onCancel}
      onConfirm={props.onConfirm}
    />
  );
}
