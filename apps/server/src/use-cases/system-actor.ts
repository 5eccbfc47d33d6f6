import type { Actor } from '@stagecraft/store';

/** Who automations act as: the audit shows `automation` as the author of their writes. */
export const AUTOMATION_USER = 'automation';

/** The actor of automation writes in a workspace: sees every record of the workspace. */
export function systemActor(workspaceId: string): Actor {
  return { workspaceId, userId: AUTOMATION_USER, roles: ['admin'], orgUnitId: null };
}
