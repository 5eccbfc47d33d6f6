import { useState } from 'react';
import { FieldRow } from '../form/FieldRow.js';
import type { AnyField } from '../format/format-value.js';

/** One field input with its value and inline error, the value printed as JSON for assertions. */
export function FieldHarness({
  field,
  initial,
  widget,
}: {
  field: AnyField;
  initial?: unknown;
  widget?: string;
}) {
  const [value, setValue] = useState<unknown>(initial ?? null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <FieldRow
        field={field}
        widget={widget}
        inputId={`h-${field.id}`}
        value={value}
        onChange={setValue}
        onInputError={setError}
        error={error}
        locale="en"
      />
      <pre data-testid="value">{JSON.stringify(value)}</pre>
    </div>
  );
}
