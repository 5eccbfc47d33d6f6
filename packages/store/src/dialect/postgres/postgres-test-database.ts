import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Creates an empty database next to the one `adminUrl` points at and returns its URL and a drop
 * function, so each test file gets its own database and files can run in parallel.
 */
export async function createScratchDatabase(
  adminUrl: string,
  prefix = 'sc_test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
