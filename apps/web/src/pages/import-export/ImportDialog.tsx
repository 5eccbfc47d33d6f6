import type { TextEncoding } from '@stagecraft/contract';
import { type ApiError, formatNumber } from '@stagecraft/renderer';
import type { Entity } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { EncodingChoice } from './EncodingChoice.js';
import { ImportErrors } from './ImportErrors.js';
import { ImportModeChoice } from './ImportModeChoice.js';
import { ImportProgress } from './ImportProgress.js';
import { ImportSummary } from './ImportSummary.js';
import { hasDuplicates, type ImportRowError, importRowErrors, jobRefusal } from './import-issues.js';
import { upsertKey } from './import-progress.js';
import {
  type ImportJob,
  type ImportMode,
  type ImportReport,
  type SheetFormat,
  saveFile,
  sheetTypeOf,
  type TransferPort,
} from './transfer-api.js';
import { useJobFollower } from './useJobFollower.js';
import { useTransferText } from './useTransferText.js';

interface Props {
  entity: Entity;
  port: TransferPort;
  /** Records were written: the list behind the dialog loads again. */
  onImported(): void;
  onClose(): void;
  /** How often a running job is asked for its progress (tests go faster). */
  pollMs?: number;
}

/** What a job is for: the dry run that checks the file, or the real import of a clean dry run. */
type Purpose = 'check' | 'import';

/** A clean dry run: its report stays in view, and its job is what the import commits. */
interface Checked {
  job: ImportJob;
  report: ImportReport;
}

/**
 * Where the dialog is; the chosen file is kept beside it through every step, and the clean dry
 * run (`checked`) through the import's steps, so its summary stays and a cancelled import can be
 * started again.
 */
type Step =
  | { kind: 'pick' }
  | { kind: 'wrongType' }
  /** The file is on its way to the server (job null) or its job is queued or running. */
  | { kind: 'running'; purpose: Purpose; job: ImportJob | null; checked?: Checked }
  | { kind: 'ready'; checked: Checked }
  /** Refused rows; `duplicates`: some match a stored record by the dedupe key (an upsert would update them). */
  | { kind: 'invalid'; errors: ImportRowError[]; total: number; duplicates: boolean }
  | { kind: 'failed'; message: string; checked?: Checked }
  | { kind: 'cancelled'; checked?: Checked }
  /** The job went out of sight (polls failed); following it again may find it. */
  | { kind: 'lost'; purpose: Purpose; job: ImportJob; message: string; checked?: Checked }
  | { kind: 'done'; report: ImportReport };

/**
 * Import a CSV or Excel file into an entity. Choosing a file uploads it as a dry-run job, whose
 * progress shows while it runs; then the rows found and how the columns map, or every refused
 * cell by line and column (nothing is written then). Only a clean dry run offers the real import,
 * which commits that job's stored file, all rows or none, with its progress shown again. A running
 * job can be cancelled. When the entity has a dedupe key the user picks whether matching rows
 * update the records they match. The file stays chosen after any failure so the user can check
 * again, or pick the fixed file.
 */
export function ImportDialog({ entity, port, onImported, onClose, pollMs }: Props) {
  const { t, locale } = useTransferText();
  const titleId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [templateError, setTemplateError] = useState<string | null>(null);
  const [cancelState, setCancelState] = useState<'idle' | 'cancelling' | string>('idle');
  // The text encoding the user chose for a CSV (null: the server detects it); kept for the import.
  const [encoding, setEncoding] = useState<TextEncoding | null>(null);
  const [mode, setMode] = useState<ImportMode>('create');
  const getJob = useCallback((id: string) => port.importJob(id), [port]);
  const { follow, stop } = useJobFollower(getJob, pollMs);
  // Bumped by each new request, so an answer that arrives after a newer one started is dropped.
  const run = useRef(0);
  const dialog = useRef<HTMLDivElement>(null);
  const busy = step.kind === 'running';
  const key = upsertKey(entity, locale);
  const n = (v: number) => formatNumber(v, locale);

  useEffect(() => dialog.current?.focus(), []);

  async function check(chosen: File, as: TextEncoding | null = encoding, how: ImportMode = mode) {
    const mine = ++run.current;
    stop();
    setFile(chosen);
    setEncoding(as);
    setMode(how);
    setCancelState('idle');
    if (!sheetTypeOf(chosen.name)) return setStep({ kind: 'wrongType' });
    setStep({ kind: 'running', purpose: 'check', job: null });
    const r = await port.startImport(entity.id, chosen, {
      dryRun: true,
      mode: how,
      ...(as ? { encoding: as } : {}),
    });
    if (mine !== run.current) return;
    if (!r.ok) return setStep(refusal(r.error));
    await track(mine, 'check', r.value);
  }

  async function commit(checked: Checked) {
    const mine = ++run.current;
    setCancelState('idle');
    setStep({ kind: 'running', purpose: 'import', job: null, checked });
    const r = await port.commitImport(checked.job.id);
    if (mine !== run.current) return;
    if (!r.ok) return setStep(refusal(r.error, checked));
    await track(mine, 'import', r.value, checked);
  }

  /** Shows a job's progress until it ends, then what it ended in. */
  async function track(mine: number, purpose: Purpose, job: ImportJob, checked?: Checked) {
    const kept = checked ? { checked } : {};
    const at = (j: ImportJob): Step => ({ kind: 'running', purpose, job: j, ...kept });
    setStep(at(job));
    const end = await follow(job, (j) => mine === run.current && setStep(at(j)));
    if (end === null || mine !== run.current) return;
    if (end.kind === 'lost') {
      setStep({
        kind: 'lost',
        purpose,
        job: end.job,
        message: t('transfer.pollLost', { message: end.error.message }),
        ...kept,
      });
      return;
    }
    settle(purpose, end.job, checked);
  }

  function settle(purpose: Purpose, job: ImportJob, checked?: Checked) {
    setCancelState('idle');
    const kept = checked ? { checked } : {};
    if (job.state === 'cancelled') return setStep({ kind: 'cancelled', ...kept });
    if (job.state === 'done' && job.report) {
      if (purpose === 'check') return setStep({ kind: 'ready', checked: { job, report: job.report } });
      setStep({ kind: 'done', report: job.report });
      onImported();
      return;
    }
    if (job.issues && job.issues.length > 0) return setStep(invalid(jobRefusal(job.issues)));
    setStep({
      kind: 'failed',
      message: t('transfer.failed', { message: job.error?.message ?? job.state }),
      ...kept,
    });
  }

  async function cancel(at: Step & { kind: 'running' | 'lost' }) {
    if (!at.job) return;
    const mine = run.current;
    setCancelState('cancelling');
    const r = await port.cancelImport(at.job.id);
    if (mine !== run.current) return;
    if (r.ok) {
      ++run.current;
      stop();
      return settle(at.purpose, r.value, at.checked);
    }
    // Finished meanwhile: the next poll shows how (a lost job is asked again now).
    if (r.error.code === 'IMPORT_FINISHED') {
      setCancelState('idle');
      if (at.kind === 'lost') void track(++run.current, at.purpose, at.job, at.checked);
      return;
    }
    setCancelState(t('transfer.cancelFailed', { message: r.error.message }));
  }

  function refusal(error: ApiError, checked?: Checked): Step {
    if (error.code === 'IMPORT_INVALID' && error.details.length > 0) return invalid(error);
    return {
      kind: 'failed',
      message: t('transfer.failed', { message: error.message }),
      ...(checked ? { checked } : {}),
    };
  }

  async function template(format: SheetFormat) {
    setTemplateError(null);
    const r = await port.exportFile(entity.id, format, 'template');
    if (r.ok) saveFile(r.value, `${entity.id}-template.${format}`);
    else setTemplateError(t('transfer.exportFailed', { message: r.error.message }));
  }

  const checked = 'checked' in step ? step.checked : undefined;
  const report = step.kind === 'done' ? step.report : checked?.report;
  // The import is offered for a clean dry run, again after it was cancelled, and shown disabled while it runs.
  const offered =
    checked && checked.report.rows > 0 && (step.kind === 'ready' || step.kind === 'cancelled' || busy)
      ? checked
      : undefined;
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
        {key && (
          <ImportModeChoice
            keyLabel={key}
            mode={mode}
            disabled={busy}
            onChoose={(m) => (file && step.kind !== 'wrongType' ? void check(file, encoding, m) : setMode(m))}
          />
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

        {/* Outside the live region: a bar that moves every half second is not read out each time. */}
        {step.kind === 'running' && <ImportProgress job={step.job} />}
        <div className="io-status" aria-live="polite">
          {step.kind === 'wrongType' && file && (
            <p className="sc-banner sc-banner-error">{t('transfer.wrongType', { name: file.name })}</p>
          )}
          {step.kind === 'done' && (
            <p className="sc-banner io-done" role="status">
              {step.report.mode === 'upsert'
                ? t('transfer.upserted', { created: n(step.report.created), updated: n(step.report.updated) })
                : t('transfer.imported', { count: step.report.created, n: n(step.report.created) })}
            </p>
          )}
          {step.kind === 'cancelled' && (
            <p className="sc-banner sc-banner-info" role="status" data-testid="import-cancelled">
              {t('transfer.cancelled')}
            </p>
          )}
          {(step.kind === 'failed' || step.kind === 'lost') && (
            <p className="sc-banner sc-banner-error" role="alert">
              {step.message}
            </p>
          )}
          {cancelState !== 'idle' && cancelState !== 'cancelling' && (
            <p className="sc-banner sc-banner-error" role="alert">
              {cancelState}
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
        {step.kind === 'ready' && step.checked.report.rows === 0 && (
          <p className="sc-banner sc-banner-error">{t('transfer.noRows')}</p>
        )}
        {step.kind === 'invalid' && <ImportErrors errors={step.errors} total={step.total} />}
        {step.kind === 'invalid' && step.duplicates && key && mode === 'create' && (
          <p className="sc-help" data-testid="import-duplicate-hint">
            {t('transfer.duplicateHint', { choice: t('transfer.modeUpsert', { key }) })}
          </p>
        )}

        <div className="sc-actions">
          {/* A refused file needs fixing and choosing again; only a failure of the request is worth a retry as it is. */}
          {file && (step.kind === 'failed' || (step.kind === 'cancelled' && !step.checked)) && (
            <button type="button" className="sc-button" onClick={() => void check(file)}>
              {t('transfer.checkAgain')}
            </button>
          )}
          {step.kind === 'lost' && (
            <button
              type="button"
              className="sc-button"
              onClick={() => void track(++run.current, step.purpose, step.job, step.checked)}
            >
              {t('transfer.pollAgain')}
            </button>
          )}
          {(step.kind === 'running' || step.kind === 'lost') && step.job && (
            <button
              type="button"
              className="sc-button"
              data-testid="import-cancel"
              disabled={cancelState === 'cancelling'}
              onClick={() => void cancel(step)}
            >
              {cancelState === 'cancelling' ? t('transfer.cancelling') : t('transfer.cancel')}
            </button>
          )}
          <button type="button" className="sc-button" disabled={busy} onClick={onClose}>
            {t('transfer.close')}
          </button>
          {offered && (
            <button
              type="button"
              className="sc-button sc-primary"
              data-testid="import-confirm"
              disabled={busy}
              onClick={() => void commit(offered)}
            >
              {t('transfer.importN', { count: offered.report.rows, n: n(offered.report.rows) })}
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

/** Refused rows as the dialog lists them, and whether any clashes with a stored record's dedupe key. */
function invalid(error: ApiError): Step {
  const { shown, total } = importRowErrors(error);
  return { kind: 'invalid', errors: shown, total, duplicates: hasDuplicates(error) };
}
