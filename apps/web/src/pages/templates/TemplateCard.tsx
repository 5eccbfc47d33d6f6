import type { ApiError } from '@stagecraft/renderer';
import { localize } from '@stagecraft/schema';
import { useState } from 'react';
import { InstallResult } from './InstallResult.js';
import { templateState } from './template-version.js';
import type { InstallReport, TemplateSummary, TemplatesPort } from './templates-api.js';
import { useTemplateText } from './useTemplateText.js';

/**
 * One pack in the gallery: preview, label, description, what is installed, and for admins the
 * action that fits (install with or without demo data, upgrade, install again) with its outcome.
 */
export function TemplateCard({
  template,
  isAdmin,
  port,
  onInstalled,
}: {
  template: TemplateSummary;
  isAdmin: boolean;
  port: TemplatesPort;
  onInstalled(report: InstallReport): void;
}) {
  const { t, locale } = useTemplateText();
  const [demo, setDemo] = useState(template.hasDemo);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ report?: InstallReport; error?: ApiError } | null>(null);
  const state = templateState(template.version, template.installedVersion);
  const name = localize(template.label, locale);
  const titleId = `tpl-${template.id}-title`;

  const run = async () => {
    setBusy(true);
    setOutcome(null);
    const r = await port.install(template.id, { demo: state === 'notInstalled' && demo });
    setBusy(false);
    setOutcome(r.ok ? { report: r.value } : { error: r.error });
    if (r.ok) onInstalled(r.value);
  };

  const status =
    state === 'notInstalled'
      ? t('templates.notInstalled')
      : state === 'current'
        ? t('templates.installedAt', { version: template.installedVersion })
        : t(state === 'upgradable' ? 'templates.upgradeAvailable' : 'templates.newerInstalled', {
            installed: template.installedVersion,
            version: template.version,
          });
  const action =
    state === 'notInstalled'
      ? t('templates.install')
      : state === 'upgradable'
        ? t('templates.upgrade', { version: template.version })
        : t('templates.reinstall');

  return (
    <li className="sc-card tpl-card" aria-labelledby={titleId} data-template={template.id} data-state={state}>
      <img
        className="tpl-preview"
        src={template.preview}
        alt={t('templates.previewAlt', { name })}
        width={480}
        height={300}
        loading="lazy"
      />
      <div className="tpl-body">
        <h2 id={titleId}>{name}</h2>
        <p className="sc-muted tpl-version">{t('templates.available', { version: template.version })}</p>
        <p>{localize(template.description, locale)}</p>
        {template.tags.length > 0 && (
          <ul className="tpl-tags">
            {template.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        )}
        <p className={`tpl-status tpl-status-${state}`}>{status}</p>
        <div className="tpl-actions">
          {isAdmin && state === 'notInstalled' && template.hasDemo && (
            <label>
              <input
                type="checkbox"
                checked={demo}
                onChange={(e) => setDemo(e.target.checked)}
                disabled={busy}
              />{' '}
              {t('templates.withDemo')}
            </label>
          )}
          {isAdmin && (
            <button
              type="button"
              className={
                state === 'current' || state === 'newerInstalled' ? 'sc-button' : 'sc-button sc-primary'
              }
              onClick={run}
              disabled={busy}
            >
              {busy ? t('templates.working') : action}
            </button>
          )}
          {state !== 'notInstalled' && (
            <a href={`#/a/${encodeURIComponent(template.app)}`}>{t('templates.open')}</a>
          )}
        </div>
        {outcome && <InstallResult {...outcome} />}
      </div>
    </li>
  );
}
