/**
 * The roles a user can be granted: the built-in admin, manager and member, plus every role a
 * published app of the workspace declares (the approver roles among them). User create, update and
 * import refuse any other name with ROLE_UNKNOWN, so a typo cannot leave a user with a role nothing
 * knows.
 */
import type { GrantableRole } from '@stagecraft/contract';
import { BUILTIN_ROLES, type Issue, issue, type LocalizedText } from '@stagecraft/schema';
import type { Actor } from '@stagecraft/store';
import type { PublishedApps } from '../records/published-apps.js';
import type { ServerStore } from '../store-port.js';

const BUILTIN_LABELS: Record<(typeof BUILTIN_ROLES)[number], GrantableRole['label']> = {
  admin: { 'zh-CN': '管理员', en: 'Administrator' },
  manager: { 'zh-CN': '经理', en: 'Manager' },
  member: { 'zh-CN': '成员', en: 'Member' },
};

const bothLanguages = (text: LocalizedText, id: string): GrantableRole['label'] => ({
  'zh-CN': text['zh-CN'] ?? text.en ?? id,
  en: text.en ?? text['zh-CN'] ?? id,
});

/** Built-in roles first, then app roles by id; a role declared by several apps is listed once. */
export async function grantableRoles(
  store: ServerStore,
  published: PublishedApps,
  actor: Actor,
): Promise<GrantableRole[]> {
  const roles = new Map<string, GrantableRole>(
    BUILTIN_ROLES.map((id) => [id, { id, label: BUILTIN_LABELS[id], builtIn: true, apps: [] }]),
  );
  const apps = (await store.apps.list(actor)).filter((a) => a.publishedVersion !== null);
  for (const summary of apps) {
    const app = await published.latest(actor, summary.id);
    for (const role of app.definition.roles) {
      const known = roles.get(role.id);
      // The first app that refines a built-in role names it (the sales pack calls member 销售代表).
      if (known?.builtIn && known.apps.length === 0) known.label = bothLanguages(role.label, role.id);
      if (known) known.apps.push(summary.id);
      else
        roles.set(role.id, {
          id: role.id,
          label: bothLanguages(role.label, role.id),
          builtIn: false,
          apps: [summary.id],
        });
    }
  }
  const builtIn = [...roles.values()].filter((r) => r.builtIn);
  const declared = [...roles.values()].filter((r) => !r.builtIn).sort((a, b) => a.id.localeCompare(b.id));
  return [...builtIn, ...declared];
}

/** ROLE_UNKNOWN issues for the names in `roles` that are not grantable, each at `path`/index. */
export function unknownRoles(
  roles: readonly string[],
  known: readonly GrantableRole[],
  path: string,
): Issue[] {
  const ids = new Set(known.map((r) => r.id));
  return roles.flatMap((role, i) =>
    ids.has(role)
      ? []
      : [
          issue('ROLE_UNKNOWN', `${path}/${i}`, {
            en: `No such role "${role}": use ${[...ids].join(', ')}.`,
            'zh-CN': `角色“${role}”不存在，可用角色：${[...ids].join('、')}。`,
          }),
        ],
  );
}
