import { useEffect, useRef, useState } from 'react';
import { type ListSelection, type SheetFormat, saveFile, type TransferPort } from './transfer-api.js';
import { useTransferText } from './useTransferText.js';

interface Props {
  entity: string;
  /** What the list shows right now: the export carries all of it, every page. */
  list: ListSelection;
  port: TransferPort;
}

/** The list's Export menu: CSV or Excel of every record the list shows, downloaded as a file. */
export function ExportMenu({ entity, list, port }: Props) {
  const { t } = useTransferText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  // A click or focus outside, or Escape, closes the menu.
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('focusin', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  async function download(format: SheetFormat) {
    setOpen(false);
    setBusy(true);
    setError(null);
    const r = await port.exportFile(entity, format, list);
    setBusy(false);
    if (r.ok) saveFile(r.value, `${entity}.${format}`);
    else setError(t('transfer.exportFailed', { message: r.error.message }));
  }

  return (
    <>
      <div className="sc-saved io-export" ref={root}>
        <button
          type="button"
          className="sc-button"
          aria-haspopup="menu"
          aria-expanded={open}
          disabled={busy}
          onClick={() => setOpen((o) => !o)}
        >
          {busy ? t('transfer.exporting') : t('transfer.export')}
          <span aria-hidden="true">▾</span>
        </button>
        {open && (
          <div className="sc-popover io-menu" role="menu" aria-label={t('transfer.export')}>
            {(['csv', 'xlsx'] as const).map((format) => (
              <button
                key={format}
                type="button"
                role="menuitem"
                className="io-menu-item"
                data-format={format}
                onClick={() => void download(format)}
              >
                {t(format === 'csv' ? 'transfer.exportCsv' : 'transfer.exportXlsx')}
                <small>.{format}</small>
              </button>
            ))}
            <p className="sc-help">{t('transfer.exportHint')}</p>
          </div>
        )}
      </div>
      {/* Its own line at the end of the toolbar, so a long reason never runs off a narrow screen. */}
      {error && (
        <p className="sc-error io-export-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
