import { z } from 'zod';
import { Id, LocalizedText, Rule } from '../common.js';

/** Who receives a notification, a task or an approval step. */
export const Recipient = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('owner') }).strict(),
    z
      .object({ type: z.literal('owner_manager'), levels: z.number().int().min(1).max(5).optional() })
      .strict(),
    z.object({ type: z.literal('role'), role: Id }).strict(),
    z.object({ type: z.literal('users'), users: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ type: z.literal('field'), field: Id }).strict(),
  ])
  .meta({ id: 'Recipient', description: 'Who receives a notification, a task or an approval step.' });
export type Recipient = z.infer<typeof Recipient>;

/** What starts an automation. */
export const Trigger = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('record_created') }).strict(),
    z.object({ type: z.literal('record_updated'), fields: z.array(Id).optional() }).strict(),
    z.object({ type: z.literal('record_deleted') }).strict(),
    z
      .object({
        type: z.literal('stage_changed'),
        stageMachine: Id.optional(),
        from: z.array(Id).optional(),
        to: z.array(Id).optional(),
      })
      .strict(),
    z
      .object({ type: z.literal('schedule'), cron: z.string().min(9), timeZone: z.string().optional() })
      .strict(),
    z
      .object({
        type: z.literal('relative_time'),
        /** A date/datetime field or a system field such as `createdAt` or `stageEnteredAt`. */
        field: Id,
        offsetHours: z.number(),
        /** The automation is skipped when this became true in the meantime. */
        unless: Rule.optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('stage_sla'),
        stageMachine: Id.optional().describe("The entity's stage machine (the default)."),
        stages: z
          .array(Id)
          .optional()
          .describe(
            'Only records in these stages (each must have an SLA); default: every stage with an SLA.',
          ),
        offsetHours: z
          .number()
          .optional()
          .describe(
            "Hours after the stage's `sla.maxHours` (negative: before it, as an early warning); default 0.",
          ),
        unless: Rule.optional().describe('The automation is skipped when this became true in the meantime.'),
      })
      .strict()
      .describe(
        "Fires once per stage entry when a record has stayed in its current stage longer than that stage's SLA (`sla.maxHours`, plus `offsetHours`); a record that moved on before is not flagged, and its new stage's SLA counts from its new entry.",
      ),
  ])
  .meta({
    id: 'Trigger',
    description:
      "What starts an automation: record events, a schedule (cron), a time relative to a date field, or a record outstaying its stage's SLA.",
  });
export type Trigger = z.infer<typeof Trigger>;

/**
 * What an automation does. Values that are rules are evaluated against the record; `update_fields`
 * may read referenced records (`lookups`, `target`) and write to a referenced record (`target`).
 */
export const Action = z
  .discriminatedUnion('type', [
    z
      .object({
        id: Id,
        type: z.literal('notify'),
        recipients: z.array(Recipient).min(1),
        title: LocalizedText,
        message: LocalizedText.optional(),
      })
      .strict(),
    z
      .object({
        id: Id,
        type: z.literal('create_task'),
        entity: Id,
        assignee: Recipient,
        values: z.record(z.string(), Rule).optional(),
        dueInHours: z.number().positive().optional(),
      })
      .strict(),
    z
      .object({
        id: Id,
        type: z.literal('update_fields'),
        target: Id.optional().describe(
          'A reference field: write to the record it points at (e.g. the account of a follow-up) instead of this record; nothing is written while it is empty.',
        ),
        lookups: z
          .array(Id)
          .optional()
          .describe(
            'Reference fields whose records the value rules may read as `{ "var": "field.otherField" }`; `target` is always readable.',
          ),
        values: z.record(z.string(), Rule),
      })
      .strict(),
    z
      .object({
        id: Id,
        type: z.literal('assign'),
        strategy: z.enum(['round_robin', 'load_balanced']),
        pool: z
          .object({
            orgUnitField: Id.optional(),
            orgUnits: z.array(z.string()).optional(),
            role: Id.optional(),
            users: z.array(z.string()).optional(),
            skillTags: z.array(z.string()).optional(),
          })
          .strict(),
        rules: z
          .array(
            z
              .object({
                when: Rule,
                orgUnits: z.array(z.string()).optional(),
                skillTags: z.array(z.string()).optional(),
              })
              .strict(),
          )
          .optional(),
      })
      .strict(),
    z
      .object({
        id: Id,
        type: z.literal('webhook'),
        url: z.string().url(),
        secret: z.string().optional(),
        fields: z.array(Id).optional(),
      })
      .strict(),
    z.object({ id: Id, type: z.literal('start_approval'), approval: Id }).strict(),
  ])
  .meta({
    id: 'Action',
    description:
      'What an automation does: notify, create a task, update fields, assign, call a webhook, start an approval.',
  });
export type Action = z.infer<typeof Action>;

/** Trigger → condition → actions, run by the job runner. */
export const Automation = z
  .object({
    kind: z.literal('automation').optional(),
    schemaVersion: z.number().int().positive().optional(),
    id: Id,
    label: LocalizedText,
    entity: Id,
    enabled: z.boolean().optional(),
    trigger: Trigger,
    condition: Rule.optional(),
    actions: z.array(Action).min(1),
  })
  .strict()
  .meta({ id: 'Automation', description: 'Trigger → condition → actions, run by the job runner.' });
export type Automation = z.infer<typeof Automation>;
