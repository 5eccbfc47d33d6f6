/**
 * Which keys of a record's audit trail a reader may see. The trail keeps every field a write
 * changed, including fields the reader may not read and fields since removed from the entity (their
 * old values outlive the column, like the archive). A key is shown when:
 * - it is a field of the current definition: the reader's field access there is `read` or `write`
 *   (the rule the records list applies);
 * - it is a system key (owner, stage, deletion…): whoever reaches the record sees it;
 * - it is a removed field: the reader's access in the LAST published version that had the field
 *   (the admin's latest word on it); if no published version had it, admins only;
 * - it is a marker (`transition`, `imported`) no version ever had as a field: shown.
 * See docs/security-audit-fields.md.
 */
import { resolvePermission, SYSTEM_FIELDS } from '@stagecraft/schema';
import { sql } from 'kysely';
import type { Actor } from '../contract.js';
import type { Db } from '../db.js';
import { type EntityContext, publishedDefinition } from '../record/entity-context.js';

/** Keys the writers add beside fields: the transition run, the import marker. */
const MARKER_KEYS: ReadonlySet<string> = new Set(['transition', 'imported']);

/** Last version (≤ the current one) with the field, by workspace, app, entity, field and version. */
const lastVersions = new Map<string, number | null>();

/**
 * The newest published version, up to `upTo`, whose entity has the field; versions are immutable,
 * so the answer is cached.
 */
async function lastVersionWithField(
  db: Db,
  ctx: Pick<EntityContext, 'workspaceId' | 'appNo' | 'version' | 'entity'>,
  fieldId: string,
): Promise<number | null> {
  const key = JSON.stringify([ctx.workspaceId, ctx.appNo, ctx.entity.id, fieldId, ctx.version]);
  const cached = lastVersions.get(key);
  if (cached !== undefined) return cached;
  const { rows } = await sql<{ v: number | null }>`
    select max(version)::int as v from app_versions
    where app_no = ${ctx.appNo} and version <= ${ctx.version}
      and jsonb_path_exists(definition, '$.entities[*] ? (@.id == $e).fields[*] ? (@.id == $f)',
                            jsonb_build_object('e', ${ctx.entity.id}::text, 'f', ${fieldId}::text))`.execute(
    db,
  );
  const version = rows[0]?.v ?? null;
  lastVersions.set(key, version === null ? null : Number(version));
  return version === null ? null : Number(version);
}

/** Whether a field that is no longer in the entity was readable by `roles` when last defined. */
async function removedFieldReadable(
  db: Db,
  ctx: EntityContext,
  roles: readonly string[],
  fieldId: string,
): Promise<boolean | 'never-a-field'> {
  const version = await lastVersionWithField(db, ctx, fieldId);
  if (version === null) return 'never-a-field';
  const definition = await publishedDefinition(db, ctx.workspaceId, ctx.appNo, version);
  if (!definition) return roles.includes('admin');
  const access = resolvePermission(definition, ctx.entity.id, roles).fieldAccess[fieldId];
  return access === 'read' || access === 'write';
}

/** The subset of `keys` (audit change keys, archived field ids) the actor may see the values of. */
export async function readableAuditKeys(
  db: Db,
  ctx: EntityContext,
  actor: Pick<Actor, 'roles'>,
  keys: Iterable<string>,
): Promise<Set<string>> {
  const readable = new Set<string>();
  for (const key of new Set(keys)) {
    if (ctx.entity.fields.some((f) => f.id === key)) {
      if (ctx.visible.has(key)) readable.add(key);
      continue;
    }
    if (Object.hasOwn(SYSTEM_FIELDS, key)) {
      readable.add(key);
      continue;
    }
    const removed = await removedFieldReadable(db, ctx, actor.roles, key);
    if (removed === true) readable.add(key);
    else if (removed === 'never-a-field' && (MARKER_KEYS.has(key) || actor.roles.includes('admin')))
      readable.add(key);
  }
  return readable;
}
