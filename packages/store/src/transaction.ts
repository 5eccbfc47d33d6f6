import { issue } from '@stagecraft/schema';
import { sql } from 'kysely';
import type { Result } from './contract.js';
import type { Db, Trx } from './db.js';

class Rollback {
  constructor(readonly result: Result<never>) {}
}

/**
 * Runs `work` in one transaction and commits only if it returns `{ ok: true }`; an expected
 * failure (`{ ok: false }`) rolls everything back and is returned as is, thrown errors propagate.
 */
export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<Result<T>>): Promise<Result<T>> {
  if (db.isTransaction) return inSavepoint(db as Trx, work);
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

/**
 * `work` in a transaction only when it sends more than one statement. One statement is atomic on
 * its own, and BEGIN/COMMIT would be two more round trips holding a pooled connection (a create is
 * then one round trip, like a bare INSERT). Single-statement work must write nothing when it
 * returns `{ ok: false }`: there is no rollback. Inside a caller's transaction this is
 * `inTransaction` (a savepoint), so a failing statement does not abort the caller's transaction.
 */
export function inTransactionIf<T>(
  needed: boolean,
  db: Db,
  work: (db: Db) => Promise<Result<T>>,
): Promise<Result<T>> {
  return needed || db.isTransaction ? inTransaction(db, work) : work(db);
}

let savepoints = 0;

/**
 * The same inside a caller's transaction (a repository built over a job's transaction): a
 * savepoint, so an expected failure or an error undoes this work only and the caller decides.
 */
async function inSavepoint<T>(trx: Trx, work: (trx: Trx) => Promise<Result<T>>): Promise<Result<T>> {
  const name = sql.id(`sp_${++savepoints}`);
  await sql`savepoint ${name}`.execute(trx);
  try {
    const result = await work(trx);
    await sql`${sql.raw(result.ok ? 'release' : 'rollback to')} savepoint ${name}`.execute(trx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint ${name}`.execute(trx);
    throw error;
  }
}

/** PostgreSQL's SQLSTATE of a database error, if it is one. */
export function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/**
 * Turns a data exception (SQLSTATE class 22: a value that does not fit, e.g. a filter comparing a
 * date column with `"soon"`) into a VALIDATION_FAILED issue at `path`; anything else propagates.
 */
export async function dataErrorsAsIssues<T>(work: Promise<Result<T>>, path: string): Promise<Result<T>> {
  try {
    return await work;
  } catch (error) {
    if (sqlState(error)?.startsWith('22'))
      return {
        ok: false,
        issues: [
          issue('VALIDATION_FAILED', path, {
            en: 'A value in the query does not fit its field.',
            'zh-CN': '查询中有值不符合其字段的类型。',
          }),
        ],
      };
    throw error;
  }
}
