import type { Recipient } from '@stagecraft/schema';

/** A user as recipient and assignment resolution needs it. */
export interface DirectoryUser {
  id: string;
  roles: string[];
  managerId: string | null;
  orgUnitId: string | null;
  disabled?: boolean;
  skillTags?: string[];
}

/** The walk up the manager chain from a user, `levels` steps at most. */
export function managerChain(
  users: readonly DirectoryUser[],
  userId: string | null,
  levels: number,
): string[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  const out: string[] = [];
  let current = userId ? byId.get(userId) : undefined;
  while (current?.managerId && out.length < levels) {
    if (out.includes(current.managerId)) break;
    out.push(current.managerId);
    current = byId.get(current.managerId);
  }
  return out;
}

/**
 * The user ids a list of recipients names for a record, in order, without duplicates or disabled
 * users: owner, the owner's manager(s), a role, named users, a user field of the record.
 */
export function resolveRecipients(
  recipients: readonly Recipient[],
  record: Record<string, unknown>,
  users: readonly DirectoryUser[],
): string[] {
  const active = new Map(users.filter((u) => !u.disabled).map((u) => [u.id, u]));
  const out: string[] = [];
  const add = (id: unknown) => {
    if (typeof id === 'string' && active.has(id) && !out.includes(id)) out.push(id);
  };
  const owner = typeof record.owner === 'string' ? record.owner : null;
  for (const r of recipients) {
    switch (r.type) {
      case 'owner':
        add(owner);
        break;
      case 'owner_manager':
        for (const m of managerChain(users, owner, r.levels ?? 1)) add(m);
        break;
      case 'role':
        for (const u of active.values()) if (u.roles.includes(r.role)) add(u.id);
        break;
      case 'users':
        for (const id of r.users) add(id);
        break;
      case 'field': {
        const value = record[r.field];
        for (const id of Array.isArray(value) ? value : [value]) add(id);
        break;
      }
    }
  }
  return out;
}
