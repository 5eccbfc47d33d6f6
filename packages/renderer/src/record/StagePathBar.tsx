import type { Entity, Locale, StageMachine } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import { isEmptyValue } from '../fields/check-value.js';
import { formatDateTime, formatValue } from '../format/format-value.js';
import type { RecordData, SlaView } from '../services/runtime-services.js';

interface Props {
  machine: StageMachine;
  entity: Entity;
  record: RecordData;
  locale: Locale;
  /** SLA state of the current stage (from the server), shown as a badge. */
  sla?: SlaView | null;
}

/** The stage path: every stage in order with the current one marked, then its key fields and guidance. */
export function StagePathBar({ machine, entity, record, locale, sla }: Props) {
  const { t } = useTranslation();
  const currentId = record.stage ?? machine.initialStage;
  const current = machine.stages.find((s) => s.id === currentId);
  const open = machine.stages.filter((s) => s.category === 'open');
  const closed = machine.stages.filter((s) => s.category !== 'open');
  const currentIndex = open.findIndex((s) => s.id === currentId);
  const shown =
    current && current.category !== 'open' ? [...open, current] : [...open, ...closed.slice(0, 1)];
  return (
    <div className="sc-path-wrap">
      {/* on a phone the path scrolls sideways: focusable, so a keyboard can scroll it too */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <ol className="sc-path" aria-label={t('record.stage')} tabIndex={0}>
        {shown.map((s, i) => {
          const state =
            s.id === currentId
              ? 'current'
              : currentIndex >= 0 && i < currentIndex
                ? 'done'
                : s.category !== 'open' && s.id === currentId
                  ? 'current'
                  : 'todo';
          return (
            <li
              key={s.id}
              className={`sc-path-step sc-path-${state} sc-path-cat-${s.category}`}
              aria-current={s.id === currentId ? 'step' : undefined}
            >
              {localize(s.label, locale)}
            </li>
          );
        })}
      </ol>
      {current && (
        <div className="sc-stage-info">
          <p className="sc-muted">
            {t('record.probability', { value: current.probability })}
            {sla && (
              <span className={`sc-sla sc-sla-${sla.state}`} data-sla={sla.state}>
                {t(`record.sla.${sla.state}`)} ·{' '}
                {t('record.slaDue', { when: formatDateTime(sla.dueAt, locale) })}
              </span>
            )}
          </p>
          {current.guidance && (
            <p className="sc-guidance">
              <strong>{t('record.guidance')}: </strong>
              {localize(current.guidance, locale)}
            </p>
          )}
          {current.keyFields && current.keyFields.length > 0 && (
            <div className="sc-key-fields">
              <h3>{t('record.keyFields')}</h3>
              <ul>
                {current.keyFields.map((k) => {
                  const f = entity.fields.find((x) => x.id === k.field);
                  if (!f) return null;
                  const missing = isEmptyValue(record[f.id]);
                  return (
                    <li key={k.field} className={missing ? 'sc-key-missing' : 'sc-key-done'}>
                      <span aria-hidden="true">{missing ? '○' : '●'} </span>
                      <strong>{localize(f.label, locale)}</strong>
                      {!missing && <span>: {formatValue(f, record[f.id], locale)}</span>}
                      {k.guidance && <span className="sc-help"> — {localize(k.guidance, locale)}</span>}
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
