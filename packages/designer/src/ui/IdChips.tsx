/** A set of ids picked with checkboxes by their labels (none checked: the empty list). */
export function IdChips({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: readonly { id: string; label: string }[];
  value: readonly string[] | undefined;
  onChange(ids: string[]): void;
}) {
  const picked = value ?? [];
  return (
    <fieldset className="sc-id-chips">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.id} className="sc-chip">
          <input
            type="checkbox"
            checked={picked.includes(o.id)}
            onChange={(e) => {
              const rest = picked.filter((x) => x !== o.id);
              onChange(e.target.checked ? [...rest, o.id] : rest);
            }}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
