import type { ImportTextEncoding, TextEncoding } from '@stagecraft/contract';
import { useId } from 'react';
import { useTransferText } from './useTransferText.js';

/** The choices the select offers: GBK is read as its superset GB18030, so one choice names both. */
const CHOICES: { value: TextEncoding; label: string }[] = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'gb18030', label: 'GBK/GB18030' },
  { value: 'utf-16le', label: 'UTF-16LE' },
  { value: 'utf-16be', label: 'UTF-16BE' },
];

const NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  gbk: 'GBK',
  gb18030: 'GB18030',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

interface Props {
  /** How the server read the file, when it got that far. */
  read: ImportTextEncoding | undefined;
  /** The user's choice; null = detect automatically. */
  chosen: TextEncoding | null;
  disabled: boolean;
  onChoose(encoding: TextEncoding | null): void;
}

/**
 * A CSV's text encoding as the server read it ("File encoding: GBK (detected)") and a select to
 * read the file in another one, which checks the file again. Shown after a failed check too, since
 * a wrong encoding is a common cause of one.
 */
export function EncodingChoice({ read, chosen, disabled, onChoose }: Props) {
  const { t } = useTransferText();
  const selectId = useId();
  const value = chosen === 'gbk' ? 'gb18030' : (chosen ?? 'auto');
  return (
    <div className="io-encoding" data-testid="import-encoding">
      {read && (
        <span data-encoding={read.name}>
          {t('transfer.encodingRead', {
            name: `${NAMES[read.name]}${read.bom ? ' (BOM)' : ''}`,
            how: t(read.source === 'chosen' ? 'transfer.encodingChosen' : 'transfer.encodingDetected'),
          })}
        </span>
      )}
      <label htmlFor={selectId}>{t('transfer.encodingChange')}</label>
      <select
        id={selectId}
        className="sc-input io-encoding-select"
        value={value}
        disabled={disabled}
        onChange={(e) => onChoose(e.target.value === 'auto' ? null : (e.target.value as TextEncoding))}
      >
        <option value="auto">{t('transfer.encodingAuto')}</option>
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}
