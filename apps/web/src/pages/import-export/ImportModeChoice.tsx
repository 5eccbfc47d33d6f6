import { useId } from 'react';
import type { ImportMode } from './transfer-api.js';
import { useTransferText } from './useTransferText.js';

interface Props {
  /** The dedupe key's field labels ("总机电话 + 客户名称"). */
  keyLabel: string;
  mode: ImportMode;
  disabled: boolean;
  onChoose(mode: ImportMode): void;
}

/**
 * Whether rows that match a stored record by the dedupe key are refused (only new records) or
 * update that record (upsert); shown only for an entity with a dedupe key.
 */
export function ImportModeChoice({ keyLabel, mode, disabled, onChoose }: Props) {
  const { t } = useTransferText();
  const name = useId();
  return (
    <fieldset className="io-mode" data-testid="import-mode" disabled={disabled}>
      <legend>{t('transfer.modeLegend')}</legend>
      {(['create', 'upsert'] as const).map((m) => (
        <label key={m} className="io-mode-choice">
          <input type="radio" name={name} value={m} checked={mode === m} onChange={() => onChoose(m)} />
          <span>
            {m === 'create' ? t('transfer.modeCreate') : t('transfer.modeUpsert', { key: keyLabel })}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
