import { acceptsFile } from '@stagecraft/schema';

/** Default upload limit when a field declares none; the server enforces its own limit too. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Whether a picked file matches an accept list (`image/*`, `application/pdf`, `.pdf`); an empty
 * list accepts all. The schema's `acceptsFile`, which the server's record check runs too.
 */
export function accepts(accept: string[] | undefined, file: { name: string; type: string }): boolean {
  return acceptsFile(accept, { name: file.name, mime: file.type });
}
