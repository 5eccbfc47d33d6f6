import { z } from 'zod';
import { Id, LocalizedText } from '../common.js';

/** Built-in roles every workspace has; an app may refine their permissions with a role of the same id. */
export const BUILTIN_ROLES = ['admin', 'manager', 'member'] as const;

/** Which records of an entity a role reaches: the user's own, the user's org subtree, or all. */
export const RECORD_SCOPES = ['own', 'subtree', 'all'] as const;
export type RecordScope = (typeof RECORD_SCOPES)[number];

/** A role's rights on one entity, down to single fields. */
export const EntityPermission = z
  .object({
    entity: Id,
    create: z.boolean(),
    read: z.boolean(),
    update: z.boolean(),
    delete: z.boolean(),
    scope: z.enum(RECORD_SCOPES),
    fields: z.array(z.object({ field: Id, access: z.enum(['none', 'read', 'write']) }).strict()).optional(),
  })
  .strict()
  .meta({
    id: 'EntityPermission',
    description: "A role's rights on one entity, down to single fields, with its record scope.",
  });
export type EntityPermission = z.infer<typeof EntityPermission>;

/** A named set of permissions a user can hold. */
export const Role = z
  .object({
    kind: z.literal('role').optional(),
    schemaVersion: z.number().int().positive().optional(),
    id: Id,
    label: LocalizedText,
    description: LocalizedText.optional(),
    permissions: z.array(EntityPermission),
  })
  .strict()
  .meta({
    id: 'Role',
    description: 'A named set of permissions a user can hold; built-in roles are admin, manager and member.',
  });
export type Role = z.infer<typeof Role>;
