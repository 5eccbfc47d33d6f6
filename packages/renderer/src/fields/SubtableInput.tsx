import { localize } from '@stagecraft/schema';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldInputProps } from '../registry/component-registry.js';
import { useRuntime } from '../runtime/runtime-context.js';

type Row = Record<string, unknown>;

/** Line items: one row per item, each cell rendered by the registry's input for its field type. */
export function SubtableInput({
  field,
  value,
  onChange,
  onInputError,
  inputId,
  disabled,
  locale,
}: FieldInputProps) {
  const { t } = useTranslation();
  const { registry } = useRuntime();
  const rows = Array.isArray(value) ? (value as Row[]) : [];
  const errors = useRef(new Map<string, string>());
  const [, force] = useState(0);
  // Stable keys per row so removing a row keeps the other rows' typed text.
  const keys = useRef<number[]>([]);
  const next = useRef(0);
  while (keys.current.length < rows.length) keys.current.push(next.current++);
  if (field.type !== 'subtable') return null;

  function setCellError(key: string, message: string | null) {
    if (message) errors.current.set(key, message);
    else errors.current.delete(key);
    onInputError(errors.current.values().next().value ?? null);
    force((n) => n + 1);
  }

  return (
    <div className="sc-subtable" id={inputId}>
      <table>
        <thead>
          <tr>
            {field.fields.map((f) => (
              <th key={f.id}>{localize(f.label, locale)}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const rowKey = keys.current[i] as number;
            return (
              <tr key={rowKey}>
                {field.fields.map((f) => {
                  const Input = registry.field(f.type)?.input;
                  const cellKey = `${rowKey}:${f.id}`;
                  const cellId = `${inputId}-${rowKey}-${f.id}`;
                  return (
                    <td key={f.id} data-label={localize(f.label, locale)}>
                      {/* the column header labels the cell for the eye; this labels it for assistive technology */}
                      <label className="sc-visually-hidden" htmlFor={cellId}>
                        {`${localize(f.label, locale)} ${i + 1}`}
                      </label>
                      {Input && (
                        <Input
                          field={f}
                          value={row[f.id]}
                          inputId={cellId}
                          locale={locale}
                          disabled={disabled}
                          invalid={errors.current.has(cellKey)}
                          onInputError={(m) => setCellError(cellKey, m)}
                          onChange={(v) => onChange(rows.map((r, j) => (j === i ? { ...r, [f.id]: v } : r)))}
                        />
                      )}
                      {errors.current.get(cellKey) && (
                        <span className="sc-error">{errors.current.get(cellKey)}</span>
                      )}
                    </td>
                  );
                })}
                <td>
                  {!disabled && (
                    <button
                      type="button"
                      className="sc-link"
                      aria-label={t('field.removeRow')}
                      onClick={() => {
                        keys.current.splice(i, 1);
                        for (const k of [...errors.current.keys()])
                          if (k.startsWith(`${rowKey}:`)) errors.current.delete(k);
                        onInputError(errors.current.values().next().value ?? null);
                        const out = rows.filter((_, j) => j !== i);
                        onChange(out.length ? out : null);
                      }}
                    >
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!disabled && (
        <button type="button" className="sc-button" onClick={() => onChange([...rows, {}])}>
          {t('field.addRow')}
        </button>
      )}
    </div>
  );
}
