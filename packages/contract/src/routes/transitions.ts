/** Stage transitions of a record: what is available now, running one, the stage history. */
import { Id } from '@stagecraft/schema';
import { z } from 'zod';
import { ErrorDetail, RecordParams } from '../common.js';
import { route } from '../route.js';
import { SlaStateEnum } from './list-query.js';
import { RecordOut } from './records.js';

/** One stage move of a record. */
export const HistoryEntry = z.object({
  id: z.number(),
  from: z.string().nullable(),
  to: z.string(),
  transitionId: z.string(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  dwellMs: z.number().nullable(),
  definitionVersion: z.number(),
  fields: z.record(z.string(), z.unknown()),
  evidence: z.record(z.string(), z.array(z.string())),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A transition out of the current stage: allowed now, or blocked with every reason. */
export const AvailableTransition = z.object({
  id: z.string(),
  to: z.string(),
  label: z.string(),
  toLabel: z.string(),
  allowed: z.boolean(),
  reasons: z.array(ErrorDetail),
  requires: z.object({
    fields: z.array(z.object({ field: z.string(), label: z.string() })),
    evidence: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        minCount: z.number(),
        accept: z.array(z.string()).optional(),
      }),
    ),
  }),
});

/** The SLA state of the record's stage (null when the stage has no SLA). */
export const SlaOut = z.object({ state: SlaStateEnum, dwellMs: z.number(), dueAt: z.string() }).nullable();

/** The 422 of a refused transition: every unmet condition. */
export const TransitionBlocked = z.object({
  error: z.object({
    code: z.literal('TRANSITION_BLOCKED'),
    message: z.string(),
    details: z.array(ErrorDetail),
  }),
});

const base = '/api/apps/:app/entities/:entity/records/:id';

/** `GET …/records/:id/transitions` */
export const listTransitions = route({
  method: 'GET',
  path: `${base}/transitions`,
  tags: ['transitions'],
  summary: 'Transitions from the current stage, with allowed and the reasons',
  params: RecordParams,
  responses: {
    200: z.object({ stage: z.string(), sla: SlaOut, transitions: z.array(AvailableTransition) }),
  },
});

/** `POST …/records/:id/transitions` */
export const runTransition = route({
  method: 'POST',
  path: `${base}/transitions`,
  tags: ['transitions'],
  summary:
    'Move the record: { to, fields, evidence: { requirementId: [attachmentId] }, version }; 422 TRANSITION_BLOCKED lists every unmet condition, 409 on a stale version',
  params: RecordParams,
  body: z
    .object({
      to: Id,
      transitionId: Id.optional(),
      fields: z.record(z.string(), z.unknown()).optional(),
      evidence: z.record(Id, z.array(z.string().min(1).max(100)).max(50)).optional(),
      version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    })
    .strict(),
  responses: {
    200: z.object({
      record: RecordOut,
      history: HistoryEntry,
    }),
    422: TransitionBlocked,
  },
});

/** `GET …/records/:id/history` */
export const stageHistory = route({
  method: 'GET',
  path: `${base}/history`,
  tags: ['transitions'],
  summary: 'Stage history: from, to, who, when, time spent in the previous stage',
  params: RecordParams,
  responses: { 200: z.object({ history: z.array(HistoryEntry) }) },
});
