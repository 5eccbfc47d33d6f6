/**
 * PostgreSQL's COPY text format for typed column values (the staging of an import): one line per
 * row, tab between columns, `\N` for null, and backslash, tab, newline and carriage return escaped
 * with a backslash. A `jsonb` column gets the value's JSON; every other column the value's text,
 * which the column's own input function then parses (so a value that does not fit fails as it
 * would in an INSERT, with SQLSTATE class 22).
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/g;
/** The same without `g`: `test` on a global pattern would move its lastIndex. */
const HAS_SPECIAL = /[\\\t\n\r]/;

/** One value as a COPY text field. */
export function copyField(value: unknown, type: string): string {
  if (value === null || value === undefined) return '\\N';
  const text =
    type === 'jsonb'
      ? JSON.stringify(value)
      : typeof value === 'string'
        ? value
        : value instanceof Date
          ? value.toISOString()
          : String(value);
  return HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (c) => ESCAPES[c] as string) : text;
}

/** Characters per chunk of COPY text, about (a row is never split). */
const CHUNK_CHARS = 64 * 1024;

/**
 * Collects COPY text lines into chunks of about 64 Ki characters: a batch is never one large
 * string (V8 keeps large strings in a space only a full collection frees).
 */
export function copyChunks(): { push(line: string): void; done(): string[] } {
  const chunks: string[] = [];
  let out = '';
  return {
    push(line) {
      out += line;
      if (out.length >= CHUNK_CHARS) {
        chunks.push(out);
        out = '';
      }
    },
    done() {
      if (out) chunks.push(out);
      out = '';
      return chunks;
    },
  };
}

/**
 * Rows (objects keyed by column) as COPY text lines for the typed columns, in their order, in
 * chunks of about 64 Ki characters.
 */
export function copyLines(
  rows: readonly Record<string, unknown>[],
  columns: readonly (readonly [string, string])[],
): string[] {
  const chunks = copyChunks();
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const [name, type] = columns[i] as readonly [string, string];
      line += (i ? '\t' : '') + copyField(row[name], type);
    }
    chunks.push(`${line}\n`);
  }
  return chunks.done();
}
