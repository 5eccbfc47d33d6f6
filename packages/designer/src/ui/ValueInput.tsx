import type { Field } from '@stagecraft/schema';
import { FIELD_TYPE_TABLE, localize, NUMERIC_FIELD_TYPES } from '@stagecraft/schema';
import { useDesigner } from './designer-context.js';

/** A value typed by the field it is compared with: number box, yes/no, option list, date, text. */
export function ValueInput({
  field,
  value,
  onChange,
  label,
  list = false,
}: {
  field: Field | undefined;
  value: unknown;
  onChange(v: unknown): void;
  label: string;
  list?: boolean;
}) {
  const { locale } = useDesigner();
  const type = field?.type;
  if ((type === 'single_select' || type === 'multi_select') && 'options' in field) {
    const chosen = Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
    return (
      <select
        aria-label={label}
        multiple={list}
        value={list ? chosen : (chosen[0] ?? '')}
        onChange={(e) =>
          onChange(
            list
              ? [...e.target.selectedOptions].map((o) => o.value)
              : e.target.value === ''
                ? undefined
                : e.target.value,
          )
        }
      >
        {!list && <option value="">—</option>}
        {field.options.map((o) => (
          <option key={o.id} value={o.id}>
            {localize(o.label, locale)}
          </option>
        ))}
      </select>
    );
  }
  if (type === 'boolean')
    return (
      <select
        aria-label={label}
        value={String(value ?? '')}
        onChange={(e) => onChange(e.target.value === 'true')}
      >
        <option value="">—</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  const numeric = type !== undefined && NUMERIC_FIELD_TYPES.includes(type);
  const inputType = numeric ? 'number' : type && FIELD_TYPE_TABLE[type].sql === 'date' ? 'date' : 'text';
  const text = Array.isArray(value)
    ? value.join(', ')
    : value === undefined || value === null
      ? ''
      : String(value);
  return (
    <input
      aria-label={label}
      type={list ? 'text' : inputType}
      value={text}
      onChange={(e) => {
        const raw = e.target.value;
        if (list)
          return onChange(
            raw
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
              .map((s) => (numeric ? Number(s) : s)),
          );
        onChange(raw === '' ? undefined : numeric ? Number(raw) : raw);
      }}
    />
  );
}
