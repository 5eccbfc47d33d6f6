import type { Entity, Locale, StageMachine } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format/format-value.js';
import { useRuntime } from '../runtime/runtime-context.js';
import type { AuditEntryView, RecordData, StageHistoryEntry } from '../services/runtime-services.js';
import type { TitleRef } from '../titles/title-cache.js';
import { titleRefsOf } from '../titles/title-refs.js';
import { useWantTitles } from '../titles/useTitle.js';
import { ChangeValue } from './ChangeValue.js';
import { UserName } from './UserName.js';

interface Props {
  entity: Entity;
  machine?: StageMachine;
  history: StageHistoryEntry[];
  audit: AuditEntryView[];
  locale: Locale;
}

/**
 * Stage moves and audited writes in one list, newest first, each with its server time. People,
 * and old and new values of reference, user and org-unit fields, show by name: every name of the
 * timeline is asked for in one request.
 */
export function Timeline({ entity, machine, history, audit, locale }: Props) {
  const { t } = useTranslation();
  const { app } = useRuntime();
  const stageLabel = (id: string | null) =>
    id ? localize(machine?.stages.find((s) => s.id === id)?.label, locale) || id : '—';
  const refs = useMemo(() => {
    const sides: RecordData[] = audit.flatMap((a) => [
      { id: '', version: 0, ...Object.fromEntries(Object.entries(a.changes).map(([k, c]) => [k, c.from])) },
      { id: '', version: 0, ...Object.fromEntries(Object.entries(a.changes).map(([k, c]) => [k, c.to])) },
    ]);
    const people: TitleRef[] = [...history.map((h) => h.by), ...audit.map((a) => a.actor)]
      .filter((id): id is string => Boolean(id))
      .map((id) => ({ kind: 'user', id }));
    return [
      ...people,
      ...titleRefsOf(
        app,
        entity.id,
        sides,
        entity.fields.map((f) => f.id),
      ),
    ];
  }, [app, entity, history, audit]);
  useWantTitles(refs, locale);

  const items: { at: string; key: string; who: string | null; text: string; lines: ReactNode[] }[] = [
    ...history.map((h) => ({
      at: h.at,
      key: `h:${h.at}:${h.to}`,
      who: h.by,
      text: `${t('record.movedTo', { from: stageLabel(h.from), to: stageLabel(h.to) })}${h.dwellMs != null ? ` (${t('record.dwell', { time: duration(h.dwellMs, locale) })})` : ''}`,
      lines: [],
    })),
    ...audit
      .filter((a) => a.action !== 'transition')
      .map((a) => ({
        at: a.at,
        key: `a:${a.id}`,
        who: a.actor,
        text: t(
          a.action === 'create'
            ? 'record.created'
            : a.action === 'delete'
              ? 'record.deleted'
              : 'record.updated',
        ),
        lines: Object.entries(a.changes).flatMap(([k, c]) => {
          const f = entity.fields.find((x) => x.id === k);
          if (!f) return [];
          return [
            <li key={k}>
              {t('record.changedField', { field: localize(f.label, locale) })}
              <ChangeValue field={f} value={c.from} locale={locale} />
              {' → '}
              <ChangeValue field={f} value={c.to} locale={locale} />
            </li>,
          ];
        }),
      })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="sc-timeline">
      {items.map((i) => (
        <li key={i.key}>
          <time dateTime={i.at}>{formatDateTime(i.at, locale)}</time> <UserName id={i.who} locale={locale} />
          <div>{i.text}</div>
          {i.lines.length > 0 && <ul className="sc-changes">{i.lines}</ul>}
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
