import type { Entity, Locale, StageMachine } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatValue } from '../format/format-value.js';
import type { AuditEntryView, StageHistoryEntry } from '../services/runtime-services.js';

interface Props {
  entity: Entity;
  machine?: StageMachine;
  history: StageHistoryEntry[];
  audit: AuditEntryView[];
  locale: Locale;
  /** Names users by id (the shell knows the directory). */
  userName?(id: string | null): string;
}

/** Stage moves and audited writes in one list, newest first, each with its server time. */
export function Timeline({ entity, machine, history, audit, locale, userName = (id) => id ?? '' }: Props) {
  const { t } = useTranslation();
  const stageLabel = (id: string | null) =>
    id ? localize(machine?.stages.find((s) => s.id === id)?.label, locale) || id : '—';
  const items = [
    ...history.map((h) => ({
      at: h.at,
      key: `h:${h.at}:${h.to}`,
      who: userName(h.by),
      text: `${t('record.movedTo', { from: stageLabel(h.from), to: stageLabel(h.to) })}${h.dwellMs != null ? ` (${t('record.dwell', { time: duration(h.dwellMs, locale) })})` : ''}`,
      lines: [] as string[],
    })),
    ...audit
      .filter((a) => a.action !== 'transition')
      .map((a) => ({
        at: a.at,
        key: `a:${a.id}`,
        who: userName(a.actor),
        text: t(
          a.action === 'create'
            ? 'record.created'
            : a.action === 'delete'
              ? 'record.deleted'
              : 'record.updated',
        ),
        lines: Object.entries(a.changes)
          .filter(([k]) => entity.fields.some((f) => f.id === k))
          .map(([k, c]) => {
            const f = entity.fields.find((x) => x.id === k);
            return t('record.changed', {
              field: f ? localize(f.label, locale) : k,
              from: (f && formatValue(f, c.from, locale)) || '—',
              to: (f && formatValue(f, c.to, locale)) || '—',
            });
          }),
      })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="sc-timeline">
      {items.map((i) => (
        <li key={i.key}>
          <time dateTime={i.at}>{formatDateTime(i.at, locale)}</time>{' '}
          <span className="sc-muted">{i.who}</span>
          <div>{i.text}</div>
          {i.lines.length > 0 && (
            <ul className="sc-changes">
              {i.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

function duration(ms: number, locale: Locale): string {
  const hours = ms / 3_600_000;
  const fmt = (v: number, unit: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    }).format(v);
  if (hours >= 48) return fmt(hours / 24, 'day');
  if (hours >= 1) return fmt(hours, 'hour');
  return fmt(Math.max(0, ms / 60_000), 'minute');
}
