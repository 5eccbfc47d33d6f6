/**
 * The yardstick of `pnpm bench http`: a minimal fastify + `pg` server answering the same URLs with
 * the bare SQL equivalent of each operation, on a table of the same shape as the entity's (created
 * with `like … including all`): one INSERT, one UPDATE, one UPDATE of the stage, one SELECT of a
 * page with its total (a scalar subquery). No sign-in, validation, audit or history.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';

/** The started server and how to stop it. */
export interface BareServer {
  origin: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** What the bare rows are stamped with (an owner and org unit of the real workspace). */
export interface BareOwner {
  userId: string;
  orgUnitId: string | null;
}

const FIELDS = ['title', 'company', 'phone', 'email', 'channel', 'score', 'budget', 'notes'] as const;

/** Starts the server on a free port over `table` in the database at `databaseUrl`. */
export async function startBareServer(
  databaseUrl: string,
  table: string,
  owner: BareOwner,
  maxConnections: number,
): Promise<BareServer> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: maxConnections,
    options: '-c TimeZone=UTC',
  });
  // The bench drops its database `with (force)` at the end: an idle session killed then must not
  // crash the process (an unhandled 'error' event) after the table is printed.
  pool.on('error', () => {});
  const t = `"${table.replaceAll('"', '""')}"`;
  const app: FastifyInstance = Fastify({ logger: false });
  const insert = `insert into ${t} (id, version, owner_id, org_unit_id, stage, stage_entered_at, created_at,
    created_by, updated_at, updated_by, ${FIELDS.join(', ')})
    values ($1, 1, $2, $3, 'fresh', now(), now(), $2, now(), $2, ${FIELDS.map((_, i) => `$${i + 4}`).join(', ')})
    returning *`;

  app.post('/records', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const values = FIELDS.map((f) => body[f] ?? null);
    const { rows } = await pool.query(insert, [
      crypto.randomUUID(),
      owner.userId,
      owner.orgUnitId,
      ...values,
    ]);
    return reply.status(201).send(rows[0]);
  });
  app.patch('/records/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = request.body as { score: number; version: number };
    const { rows } = await pool.query(
      `update ${t} set score = $1, version = version + 1, updated_at = now(), updated_by = $2
       where id = $3 and version = $4 and deleted_at is null returning *`,
      [body.score, owner.userId, id, body.version],
    );
    return rows[0] ? rows[0] : reply.status(409).send({ error: 'stale version' });
  });
  app.post('/records/:id/transitions', async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = request.body as { to: string; version: number };
    const { rows } = await pool.query(
      `update ${t} set stage = $1, stage_entered_at = now(), version = version + 1, updated_at = now(),
       updated_by = $2 where id = $3 and version = $4 and deleted_at is null returning *`,
      [body.to, owner.userId, id, body.version],
    );
    return rows[0] ? { record: rows[0] } : reply.status(409).send({ error: 'stale version' });
  });
  app.get('/records', async (request) => {
    const limit = Number((request.query as { limit?: string }).limit ?? 50);
    // One statement: the page by the list's order, and the total as an uncorrelated subquery
    // (computed once; a window count would sort every row to cut a page of 20).
    const { rows } = await pool.query(
      `select *, (select count(*) from ${t} where deleted_at is null) as total from ${t}
       where deleted_at is null order by created_at desc, id asc limit $1`,
      [limit],
    );
    return { records: rows, total: Number(rows[0]?.total ?? 0), limit, offset: 0 };
  });

  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    origin,
    pool,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}
