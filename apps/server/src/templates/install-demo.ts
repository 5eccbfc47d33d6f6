/**
 * Loads a pack's demo data into a workspace: org units and users (keys resolved to real ids),
 * small files, then every entity's rows in set-based batches through the store's importer, each
 * row first run through the engine's record validator so formulas are computed and the pack's own
 * rules hold, then the stage history, and finally the demo's approvals. Generic: it knows entities only from the app.
 */
import { Readable } from 'node:stream';
import type { DemoData, DemoRecord } from '@stagecraft/demo-kit';
import { compileRecordValidator } from '@stagecraft/engine';
import { type App, type Field, type Issue, issue, type Locale, type Result } from '@stagecraft/schema';
import type { Actor, ImportRow, ImportStageMove } from '@stagecraft/store';
import { hashPassword } from '../auth/password.js';
import { startDemoApprovals, storeDemoSnapshots } from './install-demo-approvals.js';
import type { InstallStore } from './install-store.js';

export interface DemoReport {
  users: number;
  orgUnits: number;
  files: number;
  records: Record<string, number>;
  stageMoves: number;
  /** Approvals started on demo records (pending sign-offs). */
  approvals: number;
  /** Rows of past forecast snapshots stored (accuracy history). */
  forecastSnapshots: number;
  /** Users to print at first start, with their password. */
  logins: { role: string; email: string; password: string; name: string }[];
  ms: number;
}

const BATCH = 5_000;
const fail = (issues: Issue[]): Result<never> => ({ ok: false, issues: issues.slice(0, 20) });

/** A demo file as record values hold it: the server's own metadata of the upload. */
interface FileRef {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

async function createOrgAndUsers(store: InstallStore, actor: Actor, data: DemoData) {
  const ws = actor.workspaceId;
  const units = await store.identity.orgUnits(ws);
  const known = new Set(units.map((u) => u.id));
  let root = units.find((u) => u.parentId === null)?.id;
  if (!root) root = (await store.identity.createOrgUnit(ws, '公司', null)).id;
  let orgUnits = 0;
  for (const unit of data.orgUnits) {
    if (known.has(unit.key)) continue;
    await store.identity.createOrgUnit(ws, unit.name, unit.parent ?? root, unit.key);
    known.add(unit.key);
    orgUnits++;
  }
  const users = new Map<string, { id: string; orgUnitId: string | null; roles: string[]; email: string }>();
  const hashes = new Map<string, string>();
  let created = 0;
  for (const u of data.users) {
    let email = u.email.toLowerCase();
    const taken = await store.identity.findUserByEmail(email);
    if (taken && taken.workspaceId === ws) {
      users.set(u.key, { id: taken.id, orgUnitId: taken.orgUnitId, roles: taken.roles, email });
      continue;
    }
    if (taken) email = email.replace('@', `+${ws.slice(0, 8).toLowerCase()}@`);
    let hash = hashes.get(u.password);
    if (!hash) {
      hash = await hashPassword(u.password);
      hashes.set(u.password, hash);
    }
    const orgUnitId = u.orgUnit ?? root;
    const result = await store.identity.createUser({
      workspaceId: ws,
      email,
      name: u.name,
      roles: u.roles,
      orgUnitId,
      managerId: u.manager ? (users.get(u.manager)?.id ?? null) : null,
      locale: u.locale,
      passwordHash: hash,
    });
    if (!result.ok) return fail(result.issues.map((i) => ({ ...i, path: `/demo/users/${u.key}${i.path}` })));
    users.set(u.key, { id: result.value.id, orgUnitId, roles: u.roles, email });
    created++;
  }
  return { ok: true as const, value: { users, orgUnits, created } };
}

async function uploadFiles(
  store: InstallStore,
  actor: Actor,
  data: DemoData,
  now: Date,
): Promise<Map<string, FileRef>> {
  const refs = new Map<string, FileRef>();
  if (!store.attachments) return refs;
  for (const file of data.files) {
    const uploaded = await store.attachments.upload(actor, {
      name: file.name,
      declaredMime: file.mime,
      declaredSize: file.bytes.length,
      body: Readable.from([file.bytes]),
      maxBytes: 1_000_000,
      now,
    });
    if (uploaded.ok)
      refs.set(file.key, {
        id: uploaded.value.id,
        name: uploaded.value.name,
        mime: uploaded.value.mime,
        size: uploaded.value.size,
        sha256: uploaded.value.sha256,
      });
  }
  return refs;
}

/** Resolves user and org-unit keys and file keys in one row's values, by the fields' types. */
function resolveValues(
  fields: Field[],
  values: Record<string, unknown>,
  users: Map<string, { id: string }>,
  files: Map<string, FileRef>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const field of fields) {
    const value = out[field.id];
    if (value === null || value === undefined) continue;
    if (field.type === 'user' && typeof value === 'string') out[field.id] = users.get(value)?.id ?? null;
    if ((field.type === 'attachment' || field.type === 'image') && Array.isArray(value)) {
      out[field.id] = value.flatMap((key) =>
        typeof key === 'string' && files.has(key) ? [files.get(key)] : [],
      );
    }
  }
  return out;
}

/** Runs the demo data of one pack into the workspace of `actor` (an admin), after the app was published. */
export async function installDemo(
  store: InstallStore,
  actor: Actor,
  app: App,
  data: DemoData,
  options: { now: Date; locale: Locale; log: (line: string) => void },
): Promise<Result<DemoReport>> {
  const started = Date.now();
  if (!store.imports)
    return fail([
      issue('NOT_FOUND', '/demo', {
        en: 'This store offers no bulk import; demo data cannot be loaded.',
        'zh-CN': '该存储不支持批量导入，无法加载演示数据。',
      }),
    ]);
  const people = await createOrgAndUsers(store, actor, data);
  if (!people.ok) return people;
  const { users } = people.value;
  const files = await uploadFiles(store, actor, data, options.now);
  const validator = compileRecordValidator(app);
  const report: DemoReport = {
    users: people.value.created,
    orgUnits: people.value.orgUnits,
    files: files.size,
    records: {},
    stageMoves: 0,
    approvals: 0,
    forecastSnapshots: 0,
    logins: [],
    ms: 0,
  };

  for (const part of data.entities) {
    const entity = app.entities.find((e) => e.id === part.entity);
    if (!entity) return fail([issue('ENTITY_NOT_FOUND', `/demo/entities/${part.entity}`)]);
    let batch: ImportRow[] = [];
    let index = 0;
    let inserted = 0;
    const flush = async (): Promise<Result<null>> => {
      if (batch.length === 0) return { ok: true, value: null };
      const result = await store.imports!.insertMany(actor, app.id, entity.id, batch);
      batch = [];
      if (!result.ok) return fail(result.issues.map((i) => ({ ...i, path: `/demo/${entity.id}${i.path}` })));
      inserted += result.value.inserted;
      if (part.count >= 200_000 && inserted % 100_000 < BATCH)
        options.log(`  ${entity.id}: ${inserted.toLocaleString('en')} / ${part.count.toLocaleString('en')}`);
      return { ok: true, value: null };
    };
    for (const row of part.records() as Iterable<DemoRecord>) {
      const owner = users.get(row.owner);
      if (!owner)
        return fail([
          issue('REFERENCE_UNKNOWN', `/demo/${entity.id}/${index}/owner`, {
            en: `unknown demo user ${row.owner}`,
            'zh-CN': `未知的演示用户 ${row.owner}`,
          }),
        ]);
      const values = resolveValues(entity.fields, row.values, users, files);
      const checked = validator.validate({
        entityId: entity.id,
        operation: 'create',
        trusted: true,
        values,
        previous: null,
        // the system values the row is imported with, seen by formulas and rules as on any create
        system: {
          owner: owner.id,
          orgUnit: owner.orgUnitId,
          stage: row.stage ?? null,
          stageEnteredAt: row.stageEnteredAt ?? null,
          createdAt: row.createdAt,
        },
        context: {
          user: { id: owner.id, roles: owner.roles, orgUnit: owner.orgUnitId },
          now: row.createdAt,
          locale: options.locale,
        },
      });
      if (!checked.ok)
        return fail(checked.issues.map((i) => ({ ...i, path: `/demo/${entity.id}/${index}${i.path}` })));
      batch.push({
        id: row.id,
        owner: owner.id,
        orgUnit: owner.orgUnitId,
        stage: row.stage ?? null,
        stageEnteredAt: row.stageEnteredAt ?? null,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt ?? row.createdAt,
        values: checked.value,
      });
      index++;
      if (batch.length >= BATCH) {
        const flushed = await flush();
        if (!flushed.ok) return flushed;
      }
    }
    const flushed = await flush();
    if (!flushed.ok) return flushed;
    report.records[entity.id] = inserted;

    if (part.stageHistory) {
      let moves: ImportStageMove[] = [];
      const push = async (): Promise<Result<null>> => {
        const result = await store.imports!.appendStageHistory(actor, app.id, entity.id, moves);
        moves = [];
        if (!result.ok) return result;
        report.stageMoves += result.value.inserted;
        return { ok: true, value: null };
      };
      let last: { recordId: string; at: number } | null = null;
      for (const move of part.stageHistory()) {
        const at = Date.parse(move.at);
        const since = move.since ? Date.parse(move.since) : last?.recordId === move.recordId ? last.at : null;
        moves.push({
          recordId: move.recordId,
          transitionId: move.transition,
          from: move.from,
          to: move.to,
          at: move.at,
          actor: users.get(move.by)?.id ?? null,
          dwellMs: since === null ? null : at - since,
        });
        last = { recordId: move.recordId, at };
        if (moves.length >= BATCH * 2) {
          const pushed = await push();
          if (!pushed.ok) return pushed;
        }
      }
      const pushed = await push();
      if (!pushed.ok) return pushed;
    }
    options.log(`  ${entity.id}: ${inserted.toLocaleString('en')} records`);
  }
  const approvals = await startDemoApprovals(store, actor, app, data, users);
  if (!approvals.ok) return approvals;
  report.approvals = approvals.value;
  const snapshots = await storeDemoSnapshots(store, actor, app, data, users);
  if (!snapshots.ok) return snapshots;
  report.forecastSnapshots = snapshots.value;
  const byKey = new Map(data.users.map((u) => [u.key, u]));
  report.logins = data.logins.flatMap((l) => {
    const demo = byKey.get(l.user);
    const user = users.get(l.user);
    return demo && user
      ? [{ role: l.role, email: user.email, password: demo.password, name: demo.name }]
      : [];
  });
  report.ms = Date.now() - started;
  return { ok: true, value: report };
}
