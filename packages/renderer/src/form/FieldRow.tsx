import type { Locale } from '@stagecraft/schema';
import { type LocalizedText, localize } from '@stagecraft/schema';
import type { AnyField } from '../format/format-value.js';
import { useRuntime } from '../runtime/runtime-context.js';

interface Props {
  field: AnyField;
  /** The form item's widget: its input replaces the field type's when registered for this type. */
  widget?: string;
  inputId: string;
  value: unknown;
  onChange(value: unknown): void;
  onInputError(message: string | null): void;
  error?: string | null;
  help?: LocalizedText;
  required?: boolean;
  readOnly?: boolean;
  span?: number;
  locale: Locale;
}

/**
 * One labelled field: label, the registry's input (the item's widget, else the field type's), help
 * text and the inline error under it.
 */
export function FieldRow({
  field,
  widget,
  inputId,
  value,
  onChange,
  onInputError,
  error,
  help,
  required,
  readOnly,
  span,
  locale,
}: Props) {
  const { registry } = useRuntime();
  const Input = registry.input(field, widget);
  const errorId = `${inputId}-error`;
  const helpId = `${inputId}-help`;
  const helpText = localize(help ?? field.help, locale);
  const describedBy = [error ? errorId : '', helpText ? helpId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div
      className={error ? 'sc-field sc-field-invalid' : 'sc-field'}
      style={span ? { ['--sc-span' as string]: String(span) } : undefined}
      data-field={field.id}
    >
      <label id={`${inputId}-label`} htmlFor={inputId} className="sc-label">
        {localize(field.label, locale)}
        {required && (
          <span className="sc-required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      {Input ? (
        <Input
          field={field}
          value={value}
          onChange={onChange}
          onInputError={onInputError}
          inputId={inputId}
          disabled={readOnly}
          required={required}
          invalid={Boolean(error)}
          describedBy={describedBy}
          locale={locale}
        />
      ) : (
        <span className="sc-muted">{field.type}</span>
      )}
      {helpText && (
        <p id={helpId} className="sc-help">
          {helpText}
        </p>
      )}
      {error && (
        <p id={errorId} className="sc-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
