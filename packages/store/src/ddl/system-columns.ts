import type { SYSTEM_FIELDS } from '@stagecraft/schema';

/** Record keys of the system fields and their columns. */
export const SYSTEM_COLUMNS: Record<keyof typeof SYSTEM_FIELDS, string> = {
  id: 'id',
  version: 'version',
  owner: 'owner_id',
  orgUnit: 'org_unit_id',
  stage: 'stage',
  stageEnteredAt: 'stage_entered_at',
  createdAt: 'created_at',
  createdBy: 'created_by',
  updatedAt: 'updated_at',
  updatedBy: 'updated_by',
  deletedAt: 'deleted_at',
};
