import type { TextEncoding } from '@stagecraft/contract';
import { formatNumber } from '@stagecraft/renderer';
import type { Entity } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useEffect, useId, useRef, useState } from 'react';
import { EncodingChoice } from './EncodingChoice.js';
import { ImportErrors } from './ImportErrors.js';
import { ImportSummary } from './ImportSummary.js';
import { type ImportRowError, importRowErrors } from './import-issues.js';
import {
  type ImportReport,
  type SheetFormat,
  saveFile,
  sheetTypeOf,
  type TransferPort,
} from './transfer-api.js';
import { useTransferText } from './useTransferText.js';

interface Props {
  entity: Entity;
  port: TransferPort;
  /** Records were created: the list behind the dialog loads again. */
  onImported(): void;
  onClose(): void;
}

/** Where the dialog is; the chosen file is kept beside it through every step. */
type Step =
  | { kind: 'pick' }
  | { kind: 'wrongType' }
  | { kind: 'checking' }
  | { kind: 'ready'; report: ImportReport }
  | { kind: 'invalid'; errors: ImportRowError[]; total: number }
  | { kind: 'failed'; message: string; report?: ImportReport }
  | { kind: 'importing'; report: ImportReport }
  | { kind: 'done'; report: ImportReport };

/**
 * Import a CSV or Excel file into an entity: choosing a file runs a dry run at once, which shows
 * the rows found and how the columns map, or every refused cell by line and column (nothing is
 * written then). Only a clean dry run offers the real import. The file stays chosen after any
 * failure so the user can check again, or pick the fixed file.
 */
export function ImportDialog({ entity, port, onImported, onClose }: Props) {
  const { t, locale } = useTransferText();
  const titleId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [templateError, setTemplateError] = useState<string | null>(null);
  // The text encoding the user chose for a CSV (null: the server detects it); kept for the import.
  const [encoding, setEncoding] = useState<TextEncoding | null>(null);
  const run = useRef(0);
  const dialog = useRef<HTMLDivElement>(null);
  const busy = step.kind === 'checking' || step.kind === 'importing';
  const n = (v: number) => formatNumber(v, locale);

  useEffect(() => dialog.current?.focus(), []);

  async function check(chosen: File, as: TextEncoding | null = encoding) {
    const mine = ++run.current;
    setFile(chosen);
    setEncoding(as);
    if (!sheetTypeOf(chosen.name)) return setStep({ kind: 'wrongType' });
    setStep({ kind: 'checking' });
    const r = await port.importFile(entity.id, chosen, true, as ?? undefined);
    if (mine !== run.current) return;
    if (r.ok) return setStep({ kind: 'ready', report: r.value });
    setStep(refusal(r.error));
  }

  async function commit(report: ImportReport) {
    if (!file) return;
    const mine = ++run.current;
    setStep({ kind: 'importing', report });
    const r = await port.importFile(entity.id, file, false, encoding ?? undefined);
    if (mine !== run.current) return;
    if (r.ok) {
      setStep({ kind: 'done', report: r.value });
      onImported();
      return;
    }
    setStep(refusal(r.error, report));
  }

  function refusal(error: Parameters<typeof importRowErrors>[0], report?: ImportReport): Step {
    if (error.code === 'IMPORT_INVALID' && error.details.length > 0) {
      const { shown, total } = importRowErrors(error);
      return { kind: 'invalid', errors: shown, total };
    }
    return {
      kind: 'failed',
      message: t('transfer.failed', { message: error.message }),
      ...(report ? { report } : {}),
    };
  }

  async function template(format: SheetFormat) {
    setTemplateError(null);
    const r = await port.exportFile(entity.id, format, 'template');
    if (r.ok) saveFile(r.value, `${entity.id}-template.${format}`);
    else setTemplateError(t('transfer.exportFailed', { message: r.error.message }));
  }

  const report = 'report' in step ? step.report : undefined;
  return (
    <div className="sc-dialog-backdrop">
      <div
        ref={dialog}
        className="sc-dialog io-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-busy={busy}
        tabIndex={-1}
        onKeyDown={(e) => e.key === 'Escape' && !busy && onClose()}
      >
        <h2 id={titleId}>{t('transfer.title', { entity: localize(entity.label, locale) })}</h2>
        <p className="sc-muted">{t('transfer.intro')}</p>
        <p className="io-template">
          {t('transfer.templateLead')}{' '}
          <button
            type="button"
            className="sc-link"
            data-template="xlsx"
            onClick={() => void template('xlsx')}
          >
            Excel
          </button>
          {' · '}
          <button type="button" className="sc-link" data-template="csv" onClick={() => void template('csv')}>
            CSV
          </button>
        </p>
        {templateError && (
          <p className="sc-error" role="alert">
            {templateError}
          </p>
        )}
        <div className="io-file">
          <label className={`sc-button${file ? '' : ' sc-primary'}${busy ? ' io-disabled' : ''}`}>
            {file ? t('transfer.chooseOther') : t('transfer.chooseFile')}
            <input
              className="sc-visually-hidden"
              type="file"
              accept=".csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={busy}
              onChange={(e) => {
                const chosen = e.target.files?.[0];
                // Cleared so that choosing the same (fixed) file again fires a change.
                e.target.value = '';
                // A new file is detected afresh.
                if (chosen) void check(chosen, null);
              }}
            />
          </label>
          {file && (
            <span className="io-file-name" data-testid="import-file">
              {file.name}
            </span>
          )}
        </div>

        <div className="io-status" aria-live="polite">
          {step.kind === 'wrongType' && file && (
            <p className="sc-banner sc-banner-error">{t('transfer.wrongType', { name: file.name })}</p>
          )}
          {step.kind === 'checking' && file && (
            <p className="io-progress">
              <progress /> {t('transfer.checking', { name: file.name })}
            </p>
          )}
          {step.kind === 'importing' && (
            <p className="io-progress">
              <progress /> {t('transfer.importing')}
            </p>
          )}
          {step.kind === 'done' && (
            <p className="sc-banner io-done" role="status">
              {t('transfer.imported', { count: step.report.created, n: n(step.report.created) })}
            </p>
          )}
          {step.kind === 'failed' && (
            <p className="sc-banner sc-banner-error" role="alert">
              {step.message}
            </p>
          )}
        </div>

        {file && isText(file.name) && step.kind !== 'pick' && step.kind !== 'done' && (
          <EncodingChoice
            read={report?.textEncoding}
            chosen={encoding}
            disabled={busy}
            onChoose={(as) => void check(file, as)}
          />
        )}
        {report && <ImportSummary report={report} entity={entity} />}
        {step.kind === 'ready' && step.report.rows === 0 && (
          <p className="sc-banner sc-banner-error">{t('transfer.noRows')}</p>
        )}
        {step.kind === 'invalid' && <ImportErrors errors={step.errors} total={step.total} />}

        <div className="sc-actions">
          {/* A refused file needs fixing and choosing again; only a failure of the request is worth a retry as it is. */}
          {file && step.kind === 'failed' && (
            <button type="button" className="sc-button" onClick={() => void check(file)}>
              {t('transfer.checkAgain')}
            </button>
          )}
          <button type="button" className="sc-button" disabled={busy} onClick={onClose}>
            {t('transfer.close')}
          </button>
          {(step.kind === 'ready' || step.kind === 'importing') && step.report.rows > 0 && (
            <button
              type="button"
              className="sc-button sc-primary"
              data-testid="import-confirm"
              disabled={busy}
              onClick={() => void commit(step.report)}
            >
              {t('transfer.importN', { count: step.report.rows, n: n(step.report.rows) })}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** A file read as text (CSV or tab-separated), whose encoding may be chosen. */
function isText(name: string): boolean {
  const type = sheetTypeOf(name);
  return type !== null && !type.includes('spreadsheetml');
}
