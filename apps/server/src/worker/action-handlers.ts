/**
 * `automation.action`: one action of one firing. Writes that live in system tables (inbox,
 * approvals) and record writes (a task, field updates, an assignment: through the record
 * repository bound to the job's transaction, after the engine's validation) commit with the job's
 * completion, so they happen exactly once, also across crashes. Webhooks are at-least-once.
 */
import { createHash } from 'node:crypto';
import {
  type AutomationRecord,
  assignmentPool,
  evaluateValues,
  initialStageValues,
  pickLoadBalanced,
  pickRoundRobin,
  resolveRecipients,
  titleFieldOf,
} from '@stagecraft/engine';
import { appTimeZone } from '@stagecraft/rules';
import type { Action } from '@stagecraft/schema';
import type { RecordData } from '@stagecraft/store';
import type { PublishedApp } from '../records/published-apps.js';
import { resolveFileValues } from '../records/record-files.js';
import { startApprovalOn } from '../use-cases/approval-service.js';
import { directoryOf } from '../use-cases/directory.js';
import { AUTOMATION_USER, systemActor } from '../use-cases/system-actor.js';
import type { ActionPayload } from './action-jobs.js';
import { emailJobs, namedTitle } from './email.js';
import { deliverWebhook } from './webhook.js';
import {
  contextAt,
  type JobHandler,
  type JobOutcome,
  type JobRun,
  type WorkerDeps,
} from './worker-context.js';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;
type Trx = Parameters<NonNullable<JobOutcome['writes']>>[0];
interface Env {
  deps: WorkerDeps;
  run: JobRun;
  payload: ActionPayload;
  pub: PublishedApp;
  record: RecordData;
  timeZone: string;
}

/** The fields of an entity of the job's app (none when it is gone). */
const fieldsOf = (pub: PublishedApp, entityId: string) =>
  pub.definition.entities.find((e) => e.id === entityId)?.fields ?? [];

/** The rule/formula context of a write made by automations, on the runner's clock, in the app's zone. */
const writeContextAt = (now: Date, timeZone: string) => ({
  user: { id: AUTOMATION_USER, roles: ['admin'], orgUnit: null },
  now,
  locale: 'zh-CN' as const,
  timeZone,
});

/** Creation times on the runner's clock, like the API's create path (time triggers on `createdAt`). */
const createdAtValues = (now: Date) => ({ createdAt: now.toISOString(), updatedAt: now.toISOString() });

const issuesText = (issues: { code: string; path: string; message: string }[]) =>
  issues.map((i) => `${i.code} ${i.path} ${i.message}`).join('; ');

function unwrapOrThrow<T>(
  result: { ok: true; value: T } | { ok: false; issues: { code: string; path: string; message: string }[] },
): T {
  if (!result.ok) throw new Error(issuesText(result.issues));
  return result.value;
}

/** Title fields whose value is itself a name (a reference or a user holds an id, never shown). */
const NAMING_TYPES: ReadonlySet<string> = new Set(['text', 'long_text', 'phone', 'email', 'number']);

/** The name of the job's record (its title field, cut at 60 characters), for texts that say which record they mean. */
function recordNameOf(env: Env): string | null {
  const entity = env.pub.definition.entities.find((e) => e.id === env.payload.entity);
  const field = titleFieldOf(entity);
  const value = field && NAMING_TYPES.has(field.type) ? env.record[field.id] : undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const name = String(value).trim();
  return name ? (name.length > 60 ? `${name.slice(0, 59)}…` : name) : null;
}

async function notify(env: Env, action: Of<'notify'>): Promise<JobOutcome> {
  const ws = env.run.job.workspaceId;
  const { users } = await directoryOf(env.deps.store, ws);
  const to = resolveRecipients(action.recipients, env.record, users);
  const { deps, payload } = env;
  const title = namedTitle(action.title, recordNameOf(env));
  const mails = deps.mailer
    ? emailJobs(
        ws,
        (await deps.store.identity.users(ws)).filter((u) => to.includes(u.id)),
        {
          key: env.run.job.key,
          title,
          message: action.message ?? null,
          link: `${deps.publicUrl?.replace(/\/$/, '') ?? ''}/#/a/${payload.app}/e/${payload.entity}/r/${env.record.id}`,
        },
      )
    : [];
  return {
    writes: async (trx) => {
      if (mails.length) await deps.store.automation.jobs.enqueue(mails, env.run.now, trx);
      await env.deps.store.automation.inbox.deliver(
        trx,
        env.run.job.workspaceId,
        to,
        {
          key: env.run.job.key,
          kind: 'automation',
          appId: env.payload.app,
          entityId: env.payload.entity,
          recordId: env.record.id,
          title,
          message: action.message ?? null,
        },
        env.run.now,
      );
    },
  };
}

async function createTask(env: Env, action: Of<'create_task'>): Promise<JobOutcome> {
  const { deps, run, payload, pub, record } = env;
  const ws = run.job.workspaceId;
  const { users } = await directoryOf(deps.store, ws);
  const assignee = resolveRecipients([action.assignee], record, users)[0] ?? null;
  const ctx = contextAt(run.now, env.timeZone);
  const values = evaluateValues(action.values, record, ctx);
  const dueAt = action.dueInHours
    ? new Date(run.now.getTime() + action.dueInHours * 3_600_000).toISOString()
    : null;
  const title = Object.values(values).find((v): v is string => typeof v === 'string') ?? payload.automation;
  // Files the values hold (copied from a record) keep the server's metadata, like any write.
  const files = unwrapOrThrow(
    await resolveFileValues(deps.store, systemActor(ws), fieldsOf(pub, action.entity), values),
  );
  const valid = unwrapOrThrow(
    pub.validator.validate({
      entityId: action.entity,
      operation: 'create',
      trusted: true,
      values: files,
      previous: null,
      // formulas and rules see the owner and initial stage the task is created with
      system: {
        ...(assignee ? { owner: assignee } : {}),
        ...initialStageValues(pub.definition, action.entity, run.now),
      },
      context: writeContextAt(run.now, env.timeZone),
    }),
  );
  const automation = deps.store.automation.automation;
  return {
    // The task record, its link to the job and the assignee's notice commit with the job's
    // completion: a crash before the commit leaves none of them, a repeat finds the job done.
    writes: async (trx) => {
      if (await automation.taskOf(trx, run.job.key)) return;
      const created = unwrapOrThrow(
        await deps.store.automation.recordsIn(trx).create(systemActor(ws), payload.app, action.entity, {
          ...valid,
          ...(assignee ? { owner: assignee } : {}),
          ...initialStageValues(pub.definition, action.entity, run.now),
          ...createdAtValues(run.now),
        }),
      );
      await automation.recordTask(trx, ws, run.job.key, {
        appId: payload.app,
        entityId: action.entity,
        recordId: created.id,
        assignee,
        title,
        dueAt,
        createdAt: run.now.toISOString(),
      });
      await deps.store.automation.inbox.deliver(
        trx,
        ws,
        assignee ? [assignee] : [],
        {
          key: run.job.key,
          kind: 'task',
          appId: payload.app,
          entityId: action.entity,
          recordId: created.id,
          title: { 'zh-CN': `新任务：${title}`, en: `New task: ${title}` },
          message: null,
        },
        run.now,
      );
    },
  };
}

/** A record of the job's app: the triggering one, or one a reference field points at. */
interface RecordRef {
  entity: string;
  id: string;
}

/**
 * Writes `values` to a record (by default the triggering one) inside the job's transaction, reading
 * it there first: keys that already hold their value are left alone, so a write is never made twice.
 */
async function writeFields(
  env: Env,
  trx: Trx,
  values: Record<string, unknown>,
  to: RecordRef = { entity: env.payload.entity, id: env.record.id },
): Promise<void> {
  const { deps, run, payload, pub } = env;
  const actor = systemActor(run.job.workspaceId);
  const records = deps.store.automation.recordsIn(trx);
  const found = await records.get(actor, payload.app, to.entity, to.id);
  if (!found.ok) return; // gone meanwhile: nothing to write to
  const record = found.value;
  const pending = Object.entries(values).filter(
    ([k, v]) => JSON.stringify(record[k] ?? null) !== JSON.stringify(v ?? null),
  );
  if (pending.length === 0) return;
  const system = Object.fromEntries(pending.filter(([k]) => k === 'owner' || k === 'orgUnit'));
  const fields = Object.fromEntries(pending.filter(([k]) => k !== 'owner' && k !== 'orgUnit'));
  const valid = Object.keys(fields).length
    ? unwrapOrThrow(
        pub.validator.validate({
          entityId: to.entity,
          operation: 'update',
          trusted: true,
          values: unwrapOrThrow(await resolveFileValues(deps.store, actor, fieldsOf(pub, to.entity), fields)),
          previous: record,
          context: writeContextAt(run.now, env.timeZone),
        }),
      )
    : {};
  unwrapOrThrow(
    await records.update(actor, payload.app, to.entity, record.id, record.version, {
      ...valid,
      ...system,
    }),
  );
}

/** The record a reference field of the triggering record points at, if it is set. */
function referenced(env: Env, field: string): RecordRef | null {
  const id = env.record[field];
  const reference = env.pub.definition.entities
    .find((e) => e.id === env.payload.entity)
    ?.fields.find((f) => f.id === field);
  return typeof id === 'string' && reference?.type === 'reference' ? { entity: reference.entity, id } : null;
}

/**
 * `update_fields`: the values are rules over the triggering record in which the `lookups` and the
 * `target` reference fields hold the records they point at (read in the job's transaction), written
 * to the target's record, or to the triggering record when there is no target.
 */
async function updateFields(env: Env, action: Of<'update_fields'>): Promise<JobOutcome> {
  const to = action.target ? referenced(env, action.target) : undefined;
  if (to === null) return {}; // the reference is empty: there is no record to update
  const ctx = contextAt(env.run.now, env.timeZone);
  const reads = [...new Set([...(action.lookups ?? []), ...(action.target ? [action.target] : [])])];
  return {
    writes: async (trx) => {
      const records = env.deps.store.automation.recordsIn(trx);
      const actor = systemActor(env.run.job.workspaceId);
      const data: AutomationRecord = { ...env.record };
      for (const field of reads) {
        const ref = referenced(env, field);
        const found = ref ? await records.get(actor, env.payload.app, ref.entity, ref.id) : null;
        data[field] = found?.ok ? found.value : null;
      }
      await writeFields(env, trx, evaluateValues(action.values, data, ctx), to);
    },
  };
}

async function assign(env: Env, action: Of<'assign'>): Promise<JobOutcome> {
  const { deps, run, payload, record } = env;
  const ws = run.job.workspaceId;
  const { users, units } = await directoryOf(deps.store, ws);
  const candidates = assignmentPool(action, record, users, units, contextAt(run.now, env.timeZone));
  if (candidates.length === 0) throw new Error(`assign ${action.id}: nobody in the pool`);
  let counts: Record<string, number> = {};
  if (action.strategy === 'load_balanced') {
    const rows = unwrapOrThrow(
      await deps.store.records.aggregate(systemActor(ws), payload.app, payload.entity, {
        groupBy: 'owner',
        measures: [{ op: 'count' }],
      }),
    );
    counts = Object.fromEntries(rows.map((r) => [String(r.group), Number(r.values[0] ?? 0)]));
  }
  const automation = deps.store.automation.automation;
  return {
    // The pointer moves, the owner is written and the job completes in one transaction, so a
    // repeated job neither assigns twice nor skips a rep.
    writes: async (trx) => {
      const owner =
        action.strategy === 'round_robin'
          ? await automation.updateCursor<string | null>(
              trx,
              ws,
              // One pointer per pool, so region pools rotate independently of each other.
              `rr:${payload.app}:${payload.automation}:${action.id}:${createHash('sha1').update(candidates.join(',')).digest('hex')}`,
              run.now,
              (current) => pickRoundRobin(candidates, current),
            )
          : pickLoadBalanced(candidates, counts);
      if (owner) await writeFields(env, trx, { owner });
    },
  };
}

async function webhook(env: Env, action: Of<'webhook'>): Promise<JobOutcome> {
  const { record, payload, run } = env;
  const fields = action.fields
    ? Object.fromEntries(['id', 'version', ...action.fields].map((f) => [f, record[f] ?? null]))
    : record;
  await deliverWebhook(env.deps, {
    workspaceId: run.job.workspaceId,
    key: run.job.key,
    url: action.url,
    ...(action.secret ? { secret: action.secret } : {}),
    attempt: run.job.attempts,
    now: run.now,
    body: {
      delivery: run.job.key,
      app: payload.app,
      entity: payload.entity,
      automation: payload.automation,
      action: action.id,
      record: fields,
      sentAt: run.now.toISOString(),
    },
  });
  return {};
}

async function startApprovalAction(env: Env, action: Of<'start_approval'>): Promise<JobOutcome> {
  const { deps, run, payload, pub, record } = env;
  const approval = pub.definition.approvals.find((a) => a.id === action.approval);
  if (!approval) throw new Error(`start_approval: no approval ${action.approval} in the published app`);
  const { users } = await directoryOf(deps.store, run.job.workspaceId);
  return {
    writes: async (trx) => {
      await startApprovalOn(deps.store, trx, {
        workspaceId: run.job.workspaceId,
        appId: payload.app,
        approval,
        record,
        users,
        startedBy: null,
        now: run.now,
        timeZone: env.timeZone,
      });
    },
  };
}

/** Runs one automation action against the record as it is now. */
export const handleAction: JobHandler = async (deps, run) => {
  const payload = run.job.payload as ActionPayload;
  const ws = run.job.workspaceId;
  const actor = systemActor(ws);
  const pub = await deps.published.latest(actor, payload.app);
  if (!payload.recordId) throw new Error('actions without a record are not supported');
  const found = await deps.store.records.get(actor, payload.app, payload.entity, payload.recordId);
  // A record gone for good (not soft-deleted: those are still readable) leaves nothing to act on.
  if (!found.ok) return {};
  const record = found.value;
  const timeZone = appTimeZone(
    pub.definition.settings?.timeZone,
    await deps.store.automation.automation.timeZoneOf(ws),
  );
  const env: Env = { deps, run, payload, pub, record, timeZone };
  const action = payload.action;
  switch (action.type) {
    case 'notify':
      return notify(env, action);
    case 'create_task':
      return createTask(env, action);
    case 'update_fields':
      return updateFields(env, action);
    case 'assign':
      return assign(env, action);
    case 'webhook':
      return webhook(env, action);
    case 'start_approval':
      return startApprovalAction(env, action);
  }
};
