import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Choice } from '../services/runtime-services.js';

interface Props {
  inputId: string;
  value: string | null;
  onChange(id: string | null): void;
  /** Finds choices for the typed text (server-side search). */
  search(text: string): Promise<Choice[]>;
  /** Resolves the current value's label (the id alone means nothing to a user). */
  resolve(id: string): Promise<string | null>;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
}

/** A search-as-you-type picker shared by reference, user and org-unit fields. */
export function SearchPicker({
  inputId,
  value,
  onChange,
  search,
  resolve,
  disabled,
  invalid,
  describedBy,
}: Props) {
  const { t } = useTranslation();
  const [label, setLabel] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [choices, setChoices] = useState<Choice[] | null>(null);

  useEffect(() => {
    let live = true;
    if (value) void resolve(value).then((l) => live && setLabel(l ?? t('title.hidden')));
    else setLabel(null);
    return () => {
      live = false;
    };
  }, [value, resolve, t]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setChoices(null);
    void search(text).then((c) => live && setChoices(c));
    return () => {
      live = false;
    };
  }, [open, text, search]);

  if (value && !open) {
    return (
      <span className="sc-picked">
        <button
          type="button"
          id={inputId}
          className="sc-input sc-picked-label"
          disabled={disabled}
          aria-describedby={describedBy}
          onClick={() => setOpen(true)}
        >
          {label ?? '…'}
        </button>
        {!disabled && (
          <button type="button" className="sc-link" onClick={() => onChange(null)}>
            {t('field.clear')}
          </button>
        )}
      </span>
    );
  }
  const listId = `${inputId}-choices`;
  return (
    <span className="sc-picker">
      <input
        id={inputId}
        className="sc-input"
        aria-controls={open ? listId : undefined}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        placeholder={t('field.search')}
        value={text}
        disabled={disabled}
        onFocus={() => setOpen(true)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      />
      {open && (
        <ul id={listId} className="sc-choices">
          {choices === null && <li className="sc-muted">…</li>}
          {choices?.length === 0 && <li className="sc-muted">{t('field.noMatches')}</li>}
          {choices?.slice(0, 20).map((c) => (
            <li key={c.id}>
              <button
                type="button"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  setLabel(c.name);
                  onChange(c.id);
                  setOpen(false);
                  setText('');
                }}
              >
                {c.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
