import type { RunFilter } from './automation-api.js';
import type { AutomationCatalog } from './useAutomationCatalog.js';
import { useAutomationText } from './useAutomationText.js';

/** Narrows the run log to one app and one of its automations. */
export function RunFilters({
  catalog,
  filter,
  onChange,
}: {
  catalog: AutomationCatalog;
  filter: RunFilter;
  onChange(next: RunFilter): void;
}) {
  const { t } = useAutomationText();
  const app = catalog.apps.find((a) => a.id === filter.app);
  return (
    <div className="auto-filters">
      <label>
        {t('app')}{' '}
        <select
          aria-label={t('app')}
          value={filter.app ?? ''}
          onChange={(e) => onChange(e.target.value ? { app: e.target.value } : {})}
        >
          <option value="">{t('all')}</option>
          {catalog.apps.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('automation')}{' '}
        <select
          aria-label={t('automation')}
          value={filter.automation ?? ''}
          disabled={!app}
          onChange={(e) =>
            onChange({
              ...filter,
              ...(e.target.value ? { automation: e.target.value } : { automation: undefined }),
            })
          }
        >
          <option value="">{t('all')}</option>
          {(app?.automations ?? []).map((x) => (
            <option key={x.id} value={x.id}>
              {x.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
