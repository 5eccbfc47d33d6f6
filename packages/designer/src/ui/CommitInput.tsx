import { type InputHTMLAttributes, useEffect, useRef, useState } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string;
  /** Called once per edit: on blur or Enter, not per keystroke, so one edit is one undo step. */
  onCommit(value: string): void;
  /** Empties the box after a commit (an "add" box rather than a property). */
  clearOnCommit?: boolean;
};

/** A text input that commits its value as one designer edit. */
export function CommitInput({ value, onCommit, clearOnCommit = false, ...rest }: Props) {
  const [text, setText] = useState(value);
  // Enter then blur must not commit the same text twice (the parent's value may not have changed yet).
  const committed = useRef<string | null>(null);
  useEffect(() => {
    setText(value);
    committed.current = null;
  }, [value]);
  const commit = () => {
    if (text === value || text === committed.current) return;
    committed.current = clearOnCommit ? null : text;
    onCommit(text);
    if (clearOnCommit) setText(value);
  };
  return (
    <input
      {...rest}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(value);
      }}
    />
  );
}
