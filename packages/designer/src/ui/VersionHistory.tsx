import { type AppChange, type DiffList, localize } from '@stagecraft/schema';
import { useState } from 'react';
import type { MessageKey, T } from '../i18n/messages.js';
import type { TableChange } from '../publish/diff.js';
import { useDesigner } from './designer-context.js';
import { ImpactList } from './ImpactList.js';
import type { DesignerServices, VersionInfo } from './services.js';

const LIST_KEY: Record<DiffList, MessageKey> = {
  entities: 'listEntities',
  fields: 'listFields',
  forms: 'listForms',
  stageMachines: 'listStageMachines',
  stages: 'listStages',
  validationRules: 'listValidationRules',
  views: 'listViews',
  automations: 'listAutomations',
  approvals: 'listApprovals',
  dashboards: 'listDashboards',
  roles: 'listRoles',
  goals: 'listGoals',
  forecasts: 'listForecasts',
  scorecards: 'listScorecards',
};

/** What a rollback really did to stored data, said plainly (never "restored" when it archived). */
export function rollbackOutcome(t: T, v: number, n: number, changes: TableChange[], locale: string): string {
  const fmt = new Intl.NumberFormat(locale);
  const parts = [t('rolledBack', { v, n })];
  for (const c of changes.filter((c) => c.kind === 'archive_column'))
    parts.push(t('rolledBackArchived', { f: `${c.entity}.${c.field}`, n: fmt.format(c.values ?? 0) }));
  const restored = changes.filter((c) => c.kind === 'restore_column').map((c) => `${c.entity}.${c.field}`);
  if (restored.length > 0) parts.push(t('rolledBackRestored', { f: restored.join(', ') }));
  if (parts.length === 1) parts.push(t('rolledBackNoData'));
  return parts.join(' ');
}

/**
 * Version history: compare any two published versions (the server's element-by-element diff), and
 * roll back after seeing the data impact of the rollback's dry run and confirming it.
 */
export function VersionHistory({
  services,
  versions,
  busy,
  onMessage,
  onRolledBack,
}: {
  services: DesignerServices;
  versions: VersionInfo[];
  busy: boolean;
  onMessage(m: { ok: boolean; text: string }): void;
  onRolledBack(): void;
}) {
  const { t, locale } = useDesigner();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [changes, setChanges] = useState<AppChange[] | null>(null);
  const [confirm, setConfirm] = useState<{ version: number; impact: TableChange[] | null } | null>(null);
  const [working, setWorking] = useState(false);
  const fromV = from ?? sorted[1]?.version ?? null;
  const toV = to ?? sorted[0]?.version ?? null;

  const compare = async () => {
    if (!services.diffVersions || fromV === null || toV === null) return;
    const r = await services.diffVersions(fromV, toV);
    if (r.ok) setChanges(r.value);
    else onMessage({ ok: false, text: r.error.message });
  };
  const askRollback = async (version: number) => {
    setConfirm({ version, impact: null });
    if (!services.rollbackDryRun) return setConfirm({ version, impact: [] });
    const r = await services.rollbackDryRun(version);
    if (r.ok) setConfirm({ version, impact: r.value });
    else {
      setConfirm(null);
      onMessage({ ok: false, text: r.error.message });
    }
  };
  const rollback = async (v: number) => {
    setWorking(true);
    const r = await services.rollback(v);
    setWorking(false);
    setConfirm(null);
    if (r.ok) {
      onMessage({ ok: true, text: rollbackOutcome(t, v, r.value.version, r.value.changes, locale) });
      onRolledBack();
    } else onMessage({ ok: false, text: r.error.message });
  };
  const picker = (label: string, value: number | null, set: (v: number) => void) => (
    <label>
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => set(Number(e.target.value))}>
        {sorted.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="sc-versions" aria-label={t('versions')}>
      <h3>{t('versions')}</h3>
      <ol reversed>
        {sorted.map((v, i) => (
          <li key={v.version} data-version={v.version}>
            v{v.version} · {new Date(v.publishedAt).toLocaleString(locale)}
            {v.note ? ` · ${v.note}` : ''}
            {i > 0 && (
              <button
                type="button"
                className="sc-button"
                disabled={busy || working}
                onClick={() => void askRollback(v.version)}
              >
                {t('rollback')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {services.diffVersions && sorted.length > 1 && (
        <fieldset className="sc-compare">
          <legend>{t('compareVersions')}</legend>
          {picker(t('compareFrom'), fromV, setFrom)}
          {picker(t('compareTo'), toV, setTo)}
          <button type="button" className="sc-button" onClick={() => void compare()}>
            {t('compare')}
          </button>
          {changes &&
            (changes.length === 0 ? (
              <p className="sc-muted">{t('nothingChanged')}</p>
            ) : (
              <ul className="sc-version-diff">
                {changes.map((c) => (
                  <li
                    key={`${c.kind}:${c.path}`}
                    className={`sc-diff-${c.kind}`}
                    data-diff={`${c.kind}:${c.list}:${c.id}`}
                  >
                    {c.kind === 'added' ? '+' : c.kind === 'removed' ? '−' : '~'} {t(LIST_KEY[c.list])}{' '}
                    {c.parent ? `${c.parent}.` : ''}
                    {c.id}
                    {c.label ? ` (${localize(c.label, locale)})` : ''} — {t(c.kind)}
                    {c.keys ? `: ${c.keys.join(', ')}` : ''} <code>{c.path}</code>
                  </li>
                ))}
              </ul>
            ))}
        </fieldset>
      )}
      {confirm && (
        <div
          role="dialog"
          aria-modal="true"
          aria-label={t('rollbackTitle', { v: confirm.version })}
          className="sc-dialog"
        >
          <h3>{t('rollbackTitle', { v: confirm.version })}</h3>
          <p>{t('rollbackIntro', { v: confirm.version })}</p>
          <ImpactList impact={confirm.impact} />
          <div className="sc-dialog-actions">
            <button type="button" className="sc-button" onClick={() => setConfirm(null)}>
              {t('cancel')}
            </button>
            <button
              type="button"
              className="sc-button sc-primary"
              disabled={confirm.impact === null || working}
              onClick={() => void rollback(confirm.version)}
            >
              {t('confirmRollback')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
