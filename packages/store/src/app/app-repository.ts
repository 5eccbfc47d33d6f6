import { type App, issue } from '@stagecraft/schema';
import { sql } from 'kysely';
import type { AppRepository, AppSummary, AppVersion, Result } from '../contract.js';
import type { Db } from '../db.js';
import { applyPlans } from '../ddl/publish-apply.js';
import { describePlan, planPublish } from '../ddl/publish-plan.js';
import { prepareMetricsStatistics } from '../metrics/metrics-statistics.js';
import { inTransaction, sqlState } from '../transaction.js';
import { findApp } from './find-app.js';

// biome-ignore lint/suspicious/noExplicitAny: rows come untyped from dynamic SQL
type Row = Record<string, any>;

const notFound = (): Result<never> => ({ ok: false, issues: [issue('APP_NOT_FOUND', '/app')] });

/** PostgreSQL text and jsonb cannot hold NUL characters; such input is refused up front. */
function hasNul(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('\\u0000');
}
const nulIssue = (): Result<never> => ({
  ok: false,
  issues: [
    issue('VALIDATION_FAILED', '', {
      en: 'Text may not contain NUL characters.',
      'zh-CN': '文本不能包含 NUL 字符。',
    }),
  ],
});

function toSummary(row: Row): AppSummary {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    label: row.label,
    draftRevision: Number(row.revision ?? 0),
    publishedVersion: row.published_version ?? null,
    updatedAt: row.updated_at,
  };
}

/**
 * Apps, drafts and immutable published versions, each confined to the actor's workspace. The
 * server checks who may edit definitions; this repository checks where.
 */
export function createAppRepository(db: Db, newId: () => string): AppRepository {
  const summaries = () =>
    db
      .selectFrom('apps')
      .leftJoin('app_drafts', 'app_drafts.app_no', 'apps.no')
      .selectAll('apps')
      .select('app_drafts.revision');

  let publishes = 0;
  return {
    get publishes() {
      return publishes;
    },

    async published(actor, appId) {
      const row = await db
        .selectFrom('apps')
        .innerJoin('workspaces', 'workspaces.id', 'apps.workspace_id')
        .leftJoin('app_versions', (join) =>
          join
            .onRef('app_versions.app_no', '=', 'apps.no')
            .onRef('app_versions.version', '=', 'apps.published_version'),
        )
        .select([
          'apps.no as no',
          'apps.published_version as published_version',
          'app_versions.definition as definition',
          'workspaces.time_zone as time_zone',
        ])
        .where('apps.workspace_id', '=', actor.workspaceId)
        .where('apps.id', '=', appId)
        .executeTakeFirst();
      if (!row) return notFound();
      if (row.published_version === null || !row.definition)
        return { ok: false, issues: [issue('NOT_PUBLISHED', '/app')] };
      return {
        ok: true,
        value: {
          workspaceId: actor.workspaceId,
          appNo: Number(row.no),
          appId,
          version: Number(row.published_version),
          definition: row.definition as App,
          workspaceTimeZone: row.time_zone === null ? null : String(row.time_zone),
        },
      };
    },

    async list(actor) {
      const rows = await summaries()
        .where('apps.workspace_id', '=', actor.workspaceId)
        .orderBy('apps.id')
        .execute();
      return rows.map(toSummary);
    },

    async create(actor, definition) {
      if (hasNul(definition)) return nulIssue();
      return inTransaction(db, async (trx) => {
        if (await findApp(trx, actor.workspaceId, definition.id))
          return { ok: false, issues: [issue('APP_EXISTS', '/id')] };
        const app = await trx
          .insertInto('apps')
          .values({
            workspace_id: actor.workspaceId,
            id: definition.id,
            label: JSON.stringify(definition.label),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('app_drafts')
          .values({
            app_no: app.no,
            revision: 1,
            definition: JSON.stringify(definition),
            updated_by: actor.userId,
          })
          .execute();
        return { ok: true, value: toSummary({ ...app, revision: 1 }) };
      }).catch((error: unknown) => {
        if (sqlState(error) === '23505')
          return { ok: false, issues: [issue('APP_EXISTS', '/id')] } as Result<AppSummary>;
        throw error;
      });
    },

    async getDraft(actor, appId) {
      const row = await db
        .selectFrom('apps')
        .innerJoin('app_drafts', 'app_drafts.app_no', 'apps.no')
        .select(['app_drafts.revision', 'app_drafts.definition'])
        .where('apps.workspace_id', '=', actor.workspaceId)
        .where('apps.id', '=', appId)
        .executeTakeFirst();
      return row
        ? { ok: true, value: { revision: Number(row.revision), definition: row.definition } }
        : notFound();
    },

    async saveDraft(actor, appId, definition, baseRevision) {
      if (hasNul(definition)) return nulIssue();
      const app = await findApp(db, actor.workspaceId, appId);
      if (!app) return notFound();
      let update = db
        .updateTable('app_drafts')
        .set({
          revision: sql`revision + 1`,
          definition: JSON.stringify(definition),
          updated_at: sql`now()`,
          updated_by: actor.userId,
        })
        .where('app_no', '=', app.no);
      if (baseRevision !== undefined) update = update.where('revision', '=', baseRevision);
      const row = await update.returning('revision').executeTakeFirst();
      if (!row) return { ok: false, issues: [issue('DRAFT_CONFLICT', '/baseRevision')] };
      await db.updateTable('apps').set({ updated_at: sql`now()` }).where('no', '=', app.no).execute();
      return { ok: true, value: { revision: Number(row.revision) } };
    },

    async publish(actor, appId, definition, note) {
      if (hasNul(definition) || (note !== undefined && hasNul(note))) return nulIssue();
      return inTransaction(db, async (trx) => {
        const app = await findApp(trx, actor.workspaceId, appId, true);
        if (!app) return notFound();
        if (definition.id !== appId)
          return {
            ok: false,
            issues: [
              issue('VALIDATION_FAILED', '/id', {
                en: 'The definition belongs to another app.',
                'zh-CN': '该定义属于另一个应用。',
              }),
            ],
          };
        const version = Number(app.published_version ?? 0) + 1;
        const plan = await planPublish(trx, app.no, definition);
        if (!plan.ok) return plan;
        const changes = await applyPlans(trx, plan.value, {
          appNo: app.no,
          workspaceId: actor.workspaceId,
          actorId: actor.userId,
          version,
          newId,
        });
        await prepareMetricsStatistics(trx, {
          app: definition,
          appNo: app.no,
          workspaceId: actor.workspaceId,
        });
        await trx
          .insertInto('app_versions')
          .values({
            app_no: app.no,
            version,
            definition: JSON.stringify(definition),
            published_by: actor.userId,
            note: note ?? null,
          })
          .execute();
        await trx
          .updateTable('apps')
          .set({
            published_version: version,
            label: JSON.stringify(definition.label),
            updated_at: sql`now()`,
          })
          .where('no', '=', app.no)
          .execute();
        return { ok: true, value: { version, changes } };
      })
        .then((result) => {
          if (result.ok) publishes++;
          return result;
        })
        .catch((error: unknown) => {
          // A conversion the pre-checks let through but the data refused (22xxx) or a constraint
          // that live rows break (23xxx): the transaction rolled back, so nothing changed.
          const state = sqlState(error);
          if (state?.startsWith('22') || state?.startsWith('23'))
            return {
              ok: false,
              issues: [
                issue('UNSAFE_TYPE_CHANGE', '/entities', {
                  en: `The stored data does not fit the new definition (${(error as Error).message}); nothing was changed.`,
                  'zh-CN': `已存储的数据不符合新的定义（${(error as Error).message}），未做任何修改。`,
                }),
              ],
            } as Result<never>;
          throw error;
        });
    },

    async planPublish(actor, appId, definition) {
      const app = await findApp(db, actor.workspaceId, appId);
      if (!app) return notFound();
      const plan = await planPublish(db, app.no, definition);
      return plan.ok ? { ok: true, value: describePlan(plan.value) } : plan;
    },

    async versions(actor, appId) {
      const app = await findApp(db, actor.workspaceId, appId);
      if (!app) return notFound();
      const rows = await db
        .selectFrom('app_versions')
        .select(['version', 'published_at', 'published_by', 'note'])
        .where('app_no', '=', app.no)
        .orderBy('version', 'desc')
        .execute();
      return {
        ok: true,
        value: rows.map((r) => ({
          version: Number(r.version),
          publishedAt: r.published_at,
          publishedBy: r.published_by ?? null,
          note: r.note ?? null,
        })),
      };
    },

    async getVersion(actor, appId, version) {
      const app = await findApp(db, actor.workspaceId, appId);
      if (!app) return notFound();
      const wanted = version ?? app.published_version;
      if (wanted === null || wanted === undefined)
        return { ok: false, issues: [issue('NOT_PUBLISHED', '/app')] };
      const row = await db
        .selectFrom('app_versions')
        .selectAll()
        .where('app_no', '=', app.no)
        .where('version', '=', wanted)
        .executeTakeFirst();
      if (!row)
        return {
          ok: false,
          issues: [
            issue('NOT_FOUND', '/version', {
              en: 'No such version of this app.',
              'zh-CN': '该应用没有这个版本。',
            }),
          ],
        };
      const value: AppVersion = {
        version: Number(row.version),
        publishedAt: row.published_at,
        publishedBy: row.published_by ?? null,
        note: row.note ?? null,
        definition: row.definition as App,
      };
      return { ok: true, value };
    },
  };
}
