import { z } from 'zod';
import { Id, LocalizedText, Rule } from '../common.js';

/** Who may decide a branch of an approval step. */
export const Approvers = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('role'), role: Id }).strict(),
    z.object({ type: z.literal('manager_chain'), levels: z.number().int().min(1).max(5) }).strict(),
    z.object({ type: z.literal('users'), users: z.array(z.string().min(1)).min(1) }).strict(),
  ])
  .meta({
    id: 'Approvers',
    description: 'Who may decide a branch: a role, the manager chain, or named users.',
  });
export type Approvers = z.infer<typeof Approvers>;

/** One line of sign-off inside a step; the branches of a step run in parallel. */
export const ApprovalBranch = z
  .object({ id: Id, label: LocalizedText, approvers: Approvers, mode: z.enum(['all', 'any']) })
  .strict()
  .meta({
    id: 'ApprovalBranch',
    description: 'One line of sign-off inside a step; the branches of a step run in parallel.',
  });

/** Steps run in sequence; a step completes when all its branches approve; one rejection stops it. */
export const ApprovalStep = z
  .object({ id: Id, label: LocalizedText, branches: z.array(ApprovalBranch).min(1) })
  .strict()
  .meta({
    id: 'ApprovalStep',
    description:
      'Steps run in sequence; a step completes when all its branches approve; one rejection stops it.',
  });

/** A sign-off process that locks the listed transitions until it completes. */
export const Approval = z
  .object({
    kind: z.literal('approval').optional(),
    schemaVersion: z.number().int().positive().optional(),
    id: Id,
    label: LocalizedText,
    entity: Id,
    entryCriteria: Rule.optional(),
    guardsTransitions: z.array(Id).optional(),
    steps: z.array(ApprovalStep).min(1),
  })
  .strict()
  .meta({
    id: 'Approval',
    description: 'A sign-off process that locks the listed transitions until it completes.',
  });
export type Approval = z.infer<typeof Approval>;
