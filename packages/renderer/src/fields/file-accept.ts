/** Default upload limit when a field declares none; the server enforces its own limit too. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Whether a file matches an accept list (`image/*`, `application/pdf`, `.pdf`); an empty list
 * accepts all. Same semantics as `accepts` in @stagecraft/engine, kept here because importing the
 * engine's entry pulls ajv into the list page's first load (+42 KB gzipped, measured with
 * `pnpm bench web`); the server re-checks with the engine's version.
 */
export function accepts(accept: string[] | undefined, file: { name: string; type: string }): boolean {
  if (!accept || accept.length === 0) return true;
  const name = file.name.toLowerCase();
  const mime = file.type.toLowerCase();
  return accept.some((a) => {
    const x = a.toLowerCase().trim();
    if (x.startsWith('.')) return name.endsWith(x);
    if (x.endsWith('/*')) return mime.startsWith(x.slice(0, -1));
    return mime === x;
  });
}
