import { formatNumber } from '@stagecraft/renderer';
import { durationParts, percentDone, phaseKey } from './import-progress.js';
import type { ImportJob } from './transfer-api.js';
import { useTransferText } from './useTransferText.js';

/**
 * A running import: what it is doing (uploading, reading, checking, writing), a bar for the
 * current phase (indeterminate while its size is unknown), the rows done, the rate and the time
 * left. `job` is null while the file is still being uploaded (the server has not answered yet).
 */
export function ImportProgress({ job }: { job: ImportJob | null }) {
  const { t, locale } = useTransferText();
  const n = (v: number) => formatNumber(v, locale);
  const phase = t(job ? phaseKey(job) : 'transfer.phaseUpload');
  const percent = job ? percentDone(job) : null;
  const p = job?.progress;
  const facts: string[] = [];
  if (p && job?.phase === 'write')
    facts.push(t('transfer.rowsWritten', { n: n(p.rowsWritten), total: n(p.rowsRead) }));
  else if (p && p.rowsRead > 0) facts.push(t('transfer.rowsRead', { count: p.rowsRead, n: n(p.rowsRead) }));
  if (p?.rowsPerSecond != null && p.rowsPerSecond > 0)
    facts.push(t('transfer.rate', { n: n(Math.round(p.rowsPerSecond)) }));
  if (p?.etaSeconds != null) {
    const { key, values } = durationParts(p.etaSeconds);
    facts.push(t('transfer.eta', { time: t(key, values) }));
  }
  const valueText = percent === null ? phase : `${phase} ${n(percent)}%`;
  return (
    <div className="io-job" data-testid="import-progress" data-phase={job?.phase ?? 'upload'}>
      <div className="io-job-head">
        <span className="io-job-phase">{phase}</span>
        {percent !== null && <span className="sc-num">{n(percent)}%</span>}
      </div>
      {/* Indeterminate (no aria-valuenow) until the phase's size is known. */}
      <div
        className={`io-bar${percent === null ? ' io-bar-busy' : ''}`}
        role="progressbar"
        aria-label={t('transfer.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent === null ? {} : { 'aria-valuenow': percent })}
        aria-valuetext={valueText}
      >
        {/* Keyed: a bar that learns its size starts from 0, not from the sliding stripe's width. */}
        <div
          key={percent === null ? 'busy' : 'known'}
          className="io-bar-fill"
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      {facts.length > 0 && <p className="io-job-facts">{facts.join(' · ')}</p>}
    </div>
  );
}
