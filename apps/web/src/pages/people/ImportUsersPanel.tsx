import type { API, ResponseOf } from '@stagecraft/contract';
import { useState } from 'react';
import { peopleApi } from './people-api.js';
import { usePeopleText } from './usePeopleText.js';

type Report = ResponseOf<typeof API.users.importUsers>;

/**
 * Users from a CSV: the server reads the encoding, checks each line like a single create, and
 * answers with the created users' one-time passwords (shown here once) and each refused line with
 * its reasons.
 */
export function ImportUsersPanel({ onImported }: { onImported(): Promise<void> }) {
  const { t } = usePeopleText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  return (
    <div className="people-import" data-testid="people-import">
      <h2>{t('people.importTitle')}</h2>
      <p className="sc-muted">{t('people.importHelp')}</p>
      <label className="sc-button">
        {busy ? t('people.importing') : t('people.importPick')}
        <input
          type="file"
          accept=".csv,.txt,text/csv"
          className="sc-visually-hidden"
          disabled={busy}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setBusy(true);
            const r = await peopleApi.importCsv(file);
            setBusy(false);
            if (!r.ok) return setError(r.error.message);
            setError(null);
            setReport(r.value);
            await onImported();
          }}
        />
      </label>
      {error && (
        <p className="sc-banner sc-banner-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <>
          <p role="status">
            {t('people.importDone', { created: report.created.length, refused: report.refused.length })}
          </p>
          {report.created.length > 0 && (
            <ul className="people-import-list">
              {report.created.map((c) => (
                <li key={c.id}>
                  {c.name} · {c.email} · <code>{c.oneTimePassword}</code>
                </li>
              ))}
            </ul>
          )}
          {report.refused.length > 0 && (
            <ul className="people-import-list">
              {report.refused.map((r) => (
                <li key={r.line} className="sc-error">
                  {t('people.importRefused', {
                    line: r.line,
                    reason: r.issues.map((i) => i.message).join('；'),
                  })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
