import type { Locale, StageMachine } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import type { TransitionOption } from '../services/runtime-services.js';

interface Props {
  machine: StageMachine;
  options: TransitionOption[] | null;
  onPick(option: TransitionOption): void;
  locale: Locale;
}

/** The moves out of the current stage: allowed ones as buttons, blocked ones with every reason. */
export function TransitionPanel({ machine, options, onPick, locale }: Props) {
  const { t } = useTranslation();
  if (options === null) return <p className="sc-muted">…</p>;
  if (options.length === 0) return <p className="sc-muted">{t('record.noTransitions')}</p>;
  return (
    <ul className="sc-transitions">
      {options.map((o) => {
        const doc = machine.transitions.find((x) => x.id === o.id);
        const label = o.label ?? localize(doc?.label, locale) ?? o.to;
        const toLabel = localize(machine.stages.find((s) => s.id === o.to)?.label, locale);
        return (
          <li
            key={o.id}
            className={o.allowed ? 'sc-transition' : 'sc-transition sc-transition-blocked'}
            data-transition={o.id}
          >
            <button
              type="button"
              className={o.allowed ? 'sc-button sc-primary' : 'sc-button'}
              disabled={!o.allowed}
              onClick={() => onPick(o)}
            >
              {label === toLabel ? label : `${label} → ${toLabel}`}
            </button>
            {!o.allowed && (
              <div className="sc-reasons" role="note">
                <strong>{t('record.blocked')}:</strong>
                <ul>
                  {o.reasons.map((r) => (
                    <li key={`${r.path}:${r.message}`}>{r.message}</li>
                  ))}
                </ul>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
