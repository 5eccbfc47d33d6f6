import type { LocalizedText } from '@stagecraft/schema';
import { CommitInput } from './CommitInput.js';
import { useDesigner } from './designer-context.js';

/** Both languages of a label edited in one input (the designer's language), the other kept. */
export function LabelInput({
  value,
  onCommit,
  label,
}: {
  value: LocalizedText | undefined;
  onCommit(v: LocalizedText): void;
  label: string;
}) {
  const { locale } = useDesigner();
  return (
    <label>
      {label}{' '}
      <CommitInput
        value={value?.[locale] ?? ''}
        onCommit={(v) => v && onCommit({ ...(value ?? {}), [locale]: v } as LocalizedText)}
      />
    </label>
  );
}
