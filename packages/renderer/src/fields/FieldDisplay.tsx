import { NUMERIC_FIELD_TYPES } from '@stagecraft/schema';
import { formatValue } from '../format/format-value.js';
import type { FieldDisplayProps } from '../registry/component-registry.js';
import type { FileRef } from '../services/runtime-services.js';

/** The default read-only rendering of any value: locale-aware text; files as links. */
export function FieldDisplay({ field, value, locale }: FieldDisplayProps) {
  if ((field.type === 'attachment' || field.type === 'image') && Array.isArray(value)) {
    return (
      <span className="sc-file-links">
        {(value as FileRef[]).map((f) =>
          f.url ? (
            <a key={f.id} href={f.url} target="_blank" rel="noreferrer">
              {f.name}
            </a>
          ) : (
            <span key={f.id}>{f.name}</span>
          ),
        )}
      </span>
    );
  }
  const text = formatValue(field, value, locale);
  return <span className={NUMERIC_FIELD_TYPES.includes(field.type) ? 'sc-num' : undefined}>{text}</span>;
}
