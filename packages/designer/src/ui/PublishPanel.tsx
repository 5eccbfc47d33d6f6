import { useEffect, useState } from 'react';
import { type AppDiff, diffApps, type TableChange } from '../publish/diff.js';
import type { Problem } from '../publish/problems.js';
import { DiffView } from './DiffView.js';
import { useDesigner } from './designer-context.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import type { DesignerServices, VersionInfo } from './services.js';
import { VersionHistory } from './VersionHistory.js';

/**
 * Publish: the problems panel, then a dialog with the diff against the published version and the
 * dry run's data impact, confirmed before anything is written; the version history (VersionHistory).
 */
export function PublishPanel({
  services,
  problems,
  flush,
  onPublished,
}: {
  services: DesignerServices;
  problems: Problem[];
  /** Saves pending edits; false when the draft could not be saved (conflict, error). */
  flush(): Promise<boolean>;
  onPublished(): void;
}) {
  const { t, state, published } = useDesigner();
  const [dialog, setDialog] = useState<{ diff: AppDiff; impact: TableChange[] | null } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string; issues?: string[] } | null>(null);
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [busy, setBusy] = useState(false);
  const loadVersions = () => void services.versions().then((r) => r.ok && setVersions(r.value));
  useEffect(loadVersions, [services]);

  const open = async () => {
    setMessage(null);
    if (!(await flush())) return;
    setDialog({ diff: diffApps(published, state.doc), impact: null });
    const r = await services.publishDryRun();
    if (r.ok) setDialog((d) => d && { ...d, impact: r.value });
    else {
      setDialog(null);
      setMessage({
        ok: false,
        text: r.error.message,
        issues: r.error.issues.map((i) => `${i.path}: ${i.message}`),
      });
    }
  };
  const confirm = async () => {
    setBusy(true);
    const r = await services.publish();
    setBusy(false);
    setDialog(null);
    if (r.ok) {
      setMessage({ ok: true, text: t('publishedVersion', { v: r.value.version }) });
      loadVersions();
      onPublished();
    } else
      setMessage({
        ok: false,
        text: t('publishRefused'),
        issues: r.error.issues.map((i) => `${i.path}: ${i.message}`),
      });
  };
  return (
    <div className="sc-publish">
      <ProblemsPanel problems={problems} />
      <button type="button" className="sc-button sc-primary" onClick={() => void open()} disabled={busy}>
        {t('publish')}
      </button>
      {message && (
        <div role="status" className={message.ok ? 'sc-banner sc-banner-ok' : 'sc-banner sc-banner-error'}>
          {message.text}
          {message.issues && message.issues.length > 0 && (
            <ul>
              {message.issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {dialog && (
        <div role="dialog" aria-modal="true" aria-label={t('publishTitle')} className="sc-dialog">
          <h3>{t('publishTitle')}</h3>
          <DiffView diff={dialog.diff} impact={dialog.impact} />
          <div className="sc-dialog-actions">
            <button type="button" className="sc-button" onClick={() => setDialog(null)}>
              {t('cancel')}
            </button>
            <button
              type="button"
              className="sc-button sc-primary"
              disabled={dialog.impact === null || busy}
              onClick={() => void confirm()}
            >
              {t('confirmPublish')}
            </button>
          </div>
        </div>
      )}
      <VersionHistory
        services={services}
        versions={versions}
        busy={busy}
        onMessage={setMessage}
        onRolledBack={() => {
          loadVersions();
          onPublished();
        }}
      />
    </div>
  );
}
