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
