import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuntime } from '../runtime/runtime-context.js';
import type { FileRef } from '../services/runtime-services.js';
import { formatBytes } from './check-value.js';
import { accepts, DEFAULT_MAX_FILE_BYTES } from './file-accept.js';

interface Props {
  inputId: string;
  value: FileRef[];
  onChange(files: FileRef[]): void;
  onInputError(message: string | null): void;
  accept?: string[];
  maxSizeBytes?: number;
  maxFiles?: number;
  /** Opens the camera on phones (`capture="environment"`). */
  capture?: boolean;
  images?: boolean;
  disabled?: boolean;
  describedBy?: string;
}

/**
 * Uploads files one by one through the runtime's `upload` port, checking type, size and count
 * first so a bad file is refused inline before any byte is sent. The value is the files as the
 * server gave them (`{ id, name, size, mime, sha256, url }`), which is what a save sends back; a
 * file with a `url` opens from its name.
 */
export function FileUploader({
  inputId,
  value,
  onChange,
  onInputError,
  accept,
  maxSizeBytes,
  maxFiles,
  capture,
  images,
  disabled,
  describedBy,
}: Props) {
  const { t } = useTranslation();
  const { services } = useRuntime();
  const [busy, setBusy] = useState(false);
  const max = maxSizeBytes ?? DEFAULT_MAX_FILE_BYTES;

  async function add(list: FileList | null) {
    const files = list ? [...list] : [];
    if (files.length === 0) return;
    for (const f of files) {
      if (!accepts(accept, f)) return onInputError(t('field.fileTypeForbidden', { name: f.name }));
      if (f.size > max) return onInputError(t('field.fileTooLarge', { name: f.name, max: formatBytes(max) }));
    }
    if (maxFiles !== undefined && value.length + files.length > maxFiles)
      return onInputError(t('field.tooManyFiles', { max: maxFiles }));
    onInputError(null);
    setBusy(true);
    const next = [...value];
    try {
      for (const f of files) {
        const r = await services.upload(f);
        if (!r.ok) {
          onInputError(t('field.uploadFailed', { message: r.error.message }));
          break;
        }
        next.push(r.value);
      }
    } finally {
      setBusy(false);
      onChange(next);
    }
  }

  const acceptAttr = (accept ?? (images ? ['image/*'] : [])).join(',') || undefined;
  return (
    <div className="sc-files" aria-describedby={describedBy}>
      <ul className="sc-file-list">
        {value.map((f) => (
          <li key={f.id}>
            {f.url ? (
              <a className="sc-file-name" href={f.url} target="_blank" rel="noreferrer">
                {f.name}
              </a>
            ) : (
              <span className="sc-file-name">{f.name}</span>
            )}{' '}
            <span className="sc-muted">{formatBytes(f.size)}</span>
            {!disabled && (
              <button
                type="button"
                className="sc-link"
                onClick={() => onChange(value.filter((x) => x.id !== f.id))}
              >
                {t('field.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <label className="sc-button sc-file-pick">
        {busy ? t('field.uploading') : images && capture ? t('field.takePhoto') : t('field.chooseFiles')}
        <input
          id={inputId}
          type="file"
          className="sc-visually-hidden"
          multiple={maxFiles !== 1}
          accept={acceptAttr}
          capture={capture ? 'environment' : undefined}
          disabled={disabled || busy}
          onChange={(e) => {
            const input = e.currentTarget;
            void add(input.files).then(() => {
              input.value = '';
            });
          }}
        />
      </label>
    </div>
  );
}
