/** Approvals: waiting for me, a record's approvals, start one, decide. */
import { Id } from '@stagecraft/schema';
import { z } from 'zod';
import { IdParams, RecordParams, Text } from '../common.js';
import { route } from '../route.js';

/** One decision of an approval's history. */
export const DecisionOut = z.object({
  step: z.string(),
  branch: z.string(),
  user: z.string(),
  userName: z.string().nullable(),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().nullable(),
  at: z.string(),
});

/** An approval on a record: its state, the current step's branches and the history. */
export const ApprovalOut = z.object({
  id: z.string(),
  appId: z.string(),
  entityId: z.string(),
  recordId: z.string(),
  approvalId: z.string(),
  label: Text,
  status: z.enum(['pending', 'approved', 'rejected']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  step: z.object({ id: z.string(), label: Text }).nullable(),
  branches: z.array(
    z.object({ id: z.string(), label: Text, approvers: z.array(z.string()), waitingForMe: z.boolean() }),
  ),
  history: z.array(DecisionOut),
});
export type ApprovalOut = z.infer<typeof ApprovalOut>;

const Approvals = z.object({ approvals: z.array(ApprovalOut) });
const base = '/api/apps/:app/entities/:entity/records/:id/approvals';

/** `GET /api/approvals/waiting` */
export const waitingApprovals = route({
  method: 'GET',
  path: '/api/approvals/waiting',
  tags: ['approvals'],
  summary: 'Approvals waiting for my decision',
  responses: { 200: Approvals },
});

/** `GET …/records/:id/approvals` */
export const recordApprovals = route({
  method: 'GET',
  path: base,
  tags: ['approvals'],
  summary: "A record's approvals, newest first, with the full decision history",
  params: RecordParams,
  responses: { 200: Approvals },
});

/** `POST …/records/:id/approvals` */
export const startApproval = route({
  method: 'POST',
  path: base,
  tags: ['approvals'],
  summary: 'Start an approval on a record (its entry criteria must hold)',
  params: RecordParams,
  body: z.object({ approval: Id }).strict(),
  responses: { 201: ApprovalOut },
});

/** `POST /api/approvals/:id/decision` */
export const decideApproval = route({
  method: 'POST',
  path: '/api/approvals/:id/decision',
  tags: ['approvals'],
  summary: 'Approve or reject (with a comment) the branches of the current step waiting for me',
  params: IdParams,
  body: z
    .object({
      decision: z.enum(['approve', 'reject']),
      comment: z.string().max(2000).optional(),
      branch: Id.optional(),
    })
    .strict(),
  responses: { 200: ApprovalOut },
});

/** A person as the record page names them (never by id on screen). */
const Person = z.object({ id: z.string(), name: z.string() });

/** One approval of a record's entity as it stands before the guarded move. */
export const ApprovalStateOut = z.object({
  approvalId: z.string(),
  label: Text,
  /** The entry criteria in words (`金额 > 500,000`); null when the approval always applies. */
  threshold: Text.nullable(),
  /** Whether the record meets the threshold now. */
  applies: z.boolean(),
  status: z.enum(['not_required', 'not_started', 'pending', 'approved', 'rejected']),
  /** The newest instance on the record, if one was started. */
  instanceId: z.string().nullable(),
  /** The moves this approval must clear first. */
  guards: z.array(z.object({ id: z.string(), label: Text })),
  steps: z.array(
    z.object({
      id: z.string(),
      label: Text,
      current: z.boolean(),
      branches: z.array(
        z.object({
          id: z.string(),
          label: Text,
          /** Who may decide, in words: a role, the owner's manager, named users. */
          rule: Text,
          deciders: z.array(Person),
          status: z.enum(['waiting', 'pending', 'approved', 'rejected']),
          decisions: z.array(DecisionOut),
        }),
      ),
    }),
  ),
});
export type ApprovalStateOut = z.infer<typeof ApprovalStateOut>;

/** `GET …/records/:id/approval-state` */
export const recordApprovalState = route({
  method: 'GET',
  path: '/api/apps/:app/entities/:entity/records/:id/approval-state',
  tags: ['approvals'],
  summary:
    "How the entity's approvals stand on a record before its guarded moves: threshold, branches, who decides, decisions",
  params: RecordParams,
  responses: { 200: z.object({ approvals: z.array(ApprovalStateOut) }) },
});
