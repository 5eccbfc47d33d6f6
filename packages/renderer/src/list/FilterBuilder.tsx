import type { Entity, Field, Locale } from '@stagecraft/schema';
import { localize, NUMERIC_FIELD_TYPES } from '@stagecraft/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseNumber } from '../fields/check-value.js';
import { type FilterCondition, type FilterState, opsFor } from './filter-logic.js';

interface Props {
  entity: Entity;
  value: FilterState;
  onApply(state: FilterState): void;
  locale: Locale;
}

const FILTERABLE = new Set(['subtable', 'attachment', 'image', 'geo_point', 'formula']);

/** Builds conditions row by row; Apply hands the state to the list, which sends it as JSON Logic. */
export function FilterBuilder({ entity, value, onApply, locale }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<FilterState>(value);
  const fields = entity.fields.filter((f) => !FILTERABLE.has(f.type));
  const first = fields[0];
  const setCond = (i: number, c: FilterCondition) =>
    setState((s) => ({ ...s, conditions: s.conditions.map((x, j) => (j === i ? c : x)) }));

  return (
    <fieldset className="sc-filter" aria-label={t('list.filters')}>
      <label className="sc-filter-match">
        <select
          value={state.match}
          onChange={(e) => setState({ ...state, match: e.target.value as 'all' | 'any' })}
          aria-label={t('list.all')}
        >
          <option value="all">{t('list.all')}</option>
          <option value="any">{t('list.any')}</option>
        </select>
      </label>
      {state.conditions.map((c, i) => {
        const field = fields.find((f) => f.id === c.field) ?? first;
        if (!field) return null;
        const ops = opsFor(field);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
          <div key={i} className="sc-filter-row" data-testid="filter-row">
            <select
              aria-label={t('list.field')}
              value={field.id}
              onChange={(e) =>
                setCond(i, {
                  field: e.target.value,
                  op: opsFor(fields.find((f) => f.id === e.target.value) ?? field)[0] ?? 'eq',
                })
              }
            >
              {fields.map((f) => (
                <option key={f.id} value={f.id}>
                  {localize(f.label, locale)}
                </option>
              ))}
            </select>
            <select
              aria-label={t('list.operator')}
              value={c.op}
              onChange={(e) => setCond(i, { ...c, op: e.target.value as FilterCondition['op'] })}
            >
              {ops.map((op) => (
                <option key={op} value={op}>
                  {t(`list.op.${op}`)}
                </option>
              ))}
            </select>
            {c.op !== 'empty' && c.op !== 'notEmpty' && (
              <ValueInput
                field={field}
                value={c.value}
                onChange={(v) => setCond(i, { ...c, value: v })}
                locale={locale}
              />
            )}
            <button
              type="button"
              className="sc-link"
              aria-label={t('field.remove')}
              onClick={() => setState((s) => ({ ...s, conditions: s.conditions.filter((_, j) => j !== i) }))}
            >
              ✕
            </button>
          </div>
        );
      })}
      <div className="sc-filter-actions">
        {first && (
          <button
            type="button"
            className="sc-button"
            onClick={() =>
              setState((s) => ({
                ...s,
                conditions: [...s.conditions, { field: first.id, op: opsFor(first)[0] ?? 'eq' }],
              }))
            }
          >
            {t('list.addCondition')}
          </button>
        )}
        <button type="button" className="sc-button" onClick={() => onApply({ match: 'all', conditions: [] })}>
          {t('list.clearFilters')}
        </button>
        <button type="button" className="sc-button sc-primary" onClick={() => onApply(state)}>
          {t('list.apply')}
        </button>
      </div>
    </fieldset>
  );
}

function ValueInput({
  field,
  value,
  onChange,
  locale,
}: {
  field: Field;
  value: unknown;
  onChange(v: unknown): void;
  locale: Locale;
}) {
  const { t } = useTranslation();
  if (field.type === 'single_select' || field.type === 'multi_select') {
    return (
      <select
        aria-label={t('list.value')}
        value={String(value ?? '')}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{t('field.select')}</option>
        {field.options.map((o) => (
          <option key={o.id} value={o.id}>
            {localize(o.label, locale)}
          </option>
        ))}
      </select>
    );
  }
  if (field.type === 'boolean') {
    return (
      <select
        aria-label={t('list.value')}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}
      >
        <option value="">{t('field.select')}</option>
        <option value="true">{t('field.yes')}</option>
        <option value="false">{t('field.no')}</option>
      </select>
    );
  }
  const numeric = NUMERIC_FIELD_TYPES.includes(field.type);
  return (
    <input
      className="sc-input"
      aria-label={t('list.value')}
      inputMode={numeric ? 'decimal' : undefined}
      placeholder={field.type === 'date' ? 'YYYY-MM-DD' : undefined}
      defaultValue={value === undefined ? '' : String(value)}
      onChange={(e) =>
        onChange(numeric ? (parseNumber(e.target.value) ?? undefined) : e.target.value || undefined)
      }
    />
  );
}
