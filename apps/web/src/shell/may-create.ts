import { type App, resolvePermission } from '@stagecraft/schema';

/**
 * Whether a user with `roles` may create records of an entity, resolved from the published app by
 * the same function the server uses. The UI only hides what would be refused; the server still
 * decides (403 FORBIDDEN).
 */
export function mayCreate(
  app: Pick<App, 'roles' | 'entities'>,
  entityId: string,
  roles: readonly string[],
): boolean {
  return resolvePermission(app, entityId, roles).create;
}
