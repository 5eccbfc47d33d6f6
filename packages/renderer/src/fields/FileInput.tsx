import type { FieldInputProps } from '../registry/component-registry.js';
import type { FileRef } from '../services/runtime-services.js';
import { FileUploader } from './FileUploader.js';

/** Attachment and image fields; images open the camera on phones when the field asks for capture. */
export function FileInput({
  field,
  value,
  onChange,
  onInputError,
  inputId,
  disabled,
  describedBy,
}: FieldInputProps) {
  if (field.type !== 'attachment' && field.type !== 'image') return null;
  const files = Array.isArray(value) ? (value as FileRef[]) : [];
  return (
    <FileUploader
      inputId={inputId}
      value={files}
      onChange={(next) => onChange(next.length ? next : null)}
      onInputError={onInputError}
      accept={field.type === 'attachment' ? field.accept : ['image/*']}
      maxSizeBytes={field.maxSizeBytes}
      maxFiles={field.maxFiles}
      capture={field.type === 'image' && field.capture !== false}
      images={field.type === 'image'}
      disabled={disabled}
      describedBy={describedBy}
    />
  );
}
