/**
 * The floor an import is measured against (`pnpm bench import`): the same typed rows sent with a
 * bare `COPY … FROM STDIN` (pg-copy-streams) into a plain table on PostgreSQL, or
 * `COPY … FROM '/dev/blob'` on a fresh PGlite, with no parsing, validation, audit or index.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Copies CSV lines (no header) of `columns` into a new plain table; returns the rows it holds. */
export async function bareCopy(
  target: { databaseUrl: string } | { pglite: true },
  columns: string,
  lines: () => Iterable<string>,
): Promise<number> {
  if ('pglite' in target) {
    const db = await PGlite.create();
    try {
      await db.exec(`create table bare (${columns})`);
      const blob = new Blob([...chunked(lines())]);
      await db.query(`copy bare from '/dev/blob' with (format csv)`, [], { blob });
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from bare');
      return rows[0]?.n ?? 0;
    } finally {
      await db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    await client.query(`drop table if exists bare; create table bare (${columns})`);
    await pipeline(
      Readable.from(chunked(lines())),
      client.query(copyFrom('copy bare from stdin with (format csv)')),
    );
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from bare');
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** Lines joined into chunks of about 1 MiB. */
function* chunked(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
