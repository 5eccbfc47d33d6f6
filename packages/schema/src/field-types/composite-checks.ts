/**
 * The checks of structured values: options of select fields, uploaded files and locations.
 * Subtable rows are checked in the field-type table, since a row holds fields of every type.
 */
import type { SelectOption } from '../documents/entity.js';
import { checkId, codePointLength, isPlainObject, isWebAddress } from './scalar-checks.js';
import { type ValueIssue, valueIssue, within } from './value-issue.js';

/** One option id out of a list. */
export function checkOption(options: readonly SelectOption[], value: unknown): ValueIssue | null {
  if (typeof value !== 'string') return valueIssue('notAnOption');
  return options.some((o) => o.id === value) ? null : valueIssue('notAnOption');
}

/** Distinct option ids out of a list, at most `maxSelected`. */
export function checkOptions(
  options: readonly SelectOption[],
  maxSelected: number | undefined,
  value: unknown,
): ValueIssue | null {
  if (!Array.isArray(value)) return valueIssue('invalidValue', { expected: 'array' });
  for (let i = 0; i < value.length; i++) {
    const found = within(checkOption(options, value[i]), i);
    if (found) return found;
  }
  if (new Set(value).size !== value.length) return valueIssue('duplicateOption');
  if (maxSelected !== undefined && value.length > maxSelected)
    return valueIssue('tooManySelected', { max: maxSelected });
  return null;
}

/**
 * Whether a file matches an accept list (`image/*`, `application/pdf`, `.pdf`); an empty list
 * accepts all. The record check, the renderer's file picker and transition evidence share it.
 */
export function acceptsFile(
  accept: readonly string[] | undefined,
  file: { mime?: string | undefined; name?: string | undefined },
): boolean {
  if (!accept || accept.length === 0) return true;
  const mime = (file.mime ?? '').toLowerCase();
  const name = (file.name ?? '').toLowerCase();
  return accept.some((raw) => {
    const a = raw.trim().toLowerCase();
    if (a.startsWith('.')) return name.endsWith(a);
    if (a.endsWith('/*')) return mime.startsWith(a.slice(0, -1));
    return mime === a;
  });
}

/** The keys a file value may carry; the server replaces the metadata from its stored upload. */
export const FILE_KEYS = ['id', 'name', 'size', 'mime', 'sha256', 'url'] as const;

/** What a files field constrains. */
export interface FileRules {
  image: boolean;
  accept?: readonly string[] | undefined;
  minFiles?: number | undefined;
  maxFiles?: number | undefined;
  maxSizeBytes?: number | undefined;
}

const shortText = (v: unknown, max: number) => typeof v === 'string' && codePointLength(v) <= max;

/**
 * The keys of an object as JSON carries it: a key whose value is `undefined` is not sent (a form may
 * hold `{ sha256: undefined }`; the server never sees that key), so the check does not see it either.
 */
export function presentKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((k) => value[k] !== undefined);
}

/** One file `{ id, name?, size?, mime?, sha256?, url? }`. */
function checkFile(rules: FileRules, file: unknown): ValueIssue | null {
  if (!isPlainObject(file)) return valueIssue('invalidFile');
  const keys = presentKeys(file);
  for (const key of keys)
    if (!(FILE_KEYS as readonly string[]).includes(key)) return valueIssue('unknownKey', { key }, [key]);
  const has = (key: string) => keys.includes(key);
  if (!has('id')) return valueIssue('invalidFile', undefined, ['id']);
  const id = within(checkId(file.id), 'id');
  if (id) return id;
  if (has('name') && !shortText(file.name, 255)) return valueIssue('invalidFile', undefined, ['name']);
  if (has('mime')) {
    const mime = file.mime;
    if (!shortText(mime, 127) || (rules.image && !(mime as string).startsWith('image/')))
      return valueIssue('invalidFile', undefined, ['mime']);
  }
  if (has('size')) {
    const size = file.size;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0)
      return valueIssue('invalidFile', undefined, ['size']);
    if (rules.maxSizeBytes !== undefined && size > rules.maxSizeBytes)
      return valueIssue('fileSizeAboveMax', { max: rules.maxSizeBytes }, ['size']);
  }
  if (has('sha256') && !(typeof file.sha256 === 'string' && /^[0-9a-f]{64}$/.test(file.sha256)))
    return valueIssue('invalidFile', undefined, ['sha256']);
  if (
    has('url') &&
    !(typeof file.url === 'string' && (isWebAddress(file.url) || /^\/[^\s]*$/.test(file.url)))
  )
    return valueIssue('invalidFile', undefined, ['url']);
  return null;
}

/** A list of uploaded files: their shape, count, size and (by name or MIME) type. */
export function checkFiles(rules: FileRules, value: unknown): ValueIssue | null {
  if (!Array.isArray(value)) return valueIssue('invalidValue', { expected: 'array' });
  for (let i = 0; i < value.length; i++) {
    const found = within(checkFile(rules, value[i]), i);
    if (found) return found;
  }
  if (rules.minFiles !== undefined && value.length < rules.minFiles)
    return valueIssue('tooFewFiles', { min: rules.minFiles });
  if (rules.maxFiles !== undefined && value.length > rules.maxFiles)
    return valueIssue('tooManyFiles', { max: rules.maxFiles });
  for (let i = 0; i < value.length; i++) {
    const file = value[i] as { mime?: string; name?: string };
    if (file.mime === undefined && file.name === undefined) continue;
    if (!acceptsFile(rules.accept, file))
      return valueIssue('fileTypeNotAccepted', { accept: (rules.accept ?? []).join(', ') }, [i]);
  }
  return null;
}

const inRange = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/** A location `{ lat, lng, accuracy? }` in degrees and metres. */
export function checkGeoPoint(value: unknown): ValueIssue | null {
  if (!isPlainObject(value)) return valueIssue('invalidValue', { expected: 'object' });
  const keys = presentKeys(value);
  for (const key of keys)
    if (key !== 'lat' && key !== 'lng' && key !== 'accuracy') return valueIssue('unknownKey', { key }, [key]);
  if (!inRange(value.lat, -90, 90)) return valueIssue('invalidLat', undefined, ['lat']);
  if (!inRange(value.lng, -180, 180)) return valueIssue('invalidLng', undefined, ['lng']);
  if (keys.includes('accuracy') && !inRange(value.accuracy, 0, Number.MAX_VALUE))
    return valueIssue('invalidAccuracy', undefined, ['accuracy']);
  return null;
}
