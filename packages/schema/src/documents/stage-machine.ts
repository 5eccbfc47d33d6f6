import { z } from 'zod';
import { Criterion, Id, LocalizedText, Rule } from '../common.js';

/** Whether a stage is still in play or closed one way or the other. */
export const STAGE_CATEGORIES = ['open', 'won', 'lost'] as const;
/** Forecast categories, as in Salesforce forecasts. */
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;

/** A field the stage asks the rep to keep complete, with guidance on what good looks like. */
export const KeyField = z
  .object({ field: Id, guidance: LocalizedText.optional() })
  .strict()
  .meta({ id: 'KeyField', description: 'A field the stage asks the rep to keep complete, with guidance.' });

/** One stage of a process, with its probability, forecast category and SLA. */
export const Stage = z
  .object({
    id: Id,
    label: LocalizedText,
    category: z.enum(STAGE_CATEGORIES),
    probability: z.number().min(0).max(100),
    forecastCategory: z.enum(FORECAST_CATEGORIES),
    guidance: LocalizedText.optional(),
    keyFields: z.array(KeyField).optional(),
    /** Maximum dwell time; past it the record is overdue, within `dueSoonHours` of it, due soon. */
    sla: z
      .object({ maxHours: z.number().positive(), dueSoonHours: z.number().positive().optional() })
      .strict()
      .optional(),
    color: z.string().optional(),
  })
  .strict()
  .meta({
    id: 'Stage',
    description: 'One stage of a process, with its probability, forecast category and SLA.',
  });
export type Stage = z.infer<typeof Stage>;

/** A field the user fills while running a transition, optionally checked by a rule. */
export const TransitionField = z
  .object({ field: Id, validation: Criterion.omit({ id: true, field: true }).optional() })
  .strict()
  .meta({
    id: 'TransitionField',
    description: 'A field the user fills while running a transition, optionally checked by a rule.',
  });
export type TransitionField = z.infer<typeof TransitionField>;

/** Files the transition needs, e.g. three shelf photos or the signed last page. */
export const EvidenceRequirement = z
  .object({
    id: Id,
    label: LocalizedText,
    minCount: z.number().int().min(1),
    accept: z.array(z.string()).optional(),
    help: LocalizedText.optional(),
  })
  .strict()
  .meta({
    id: 'EvidenceRequirement',
    description: 'Files a transition needs, e.g. three shelf photos or a signed last page.',
  });
export type EvidenceRequirement = z.infer<typeof EvidenceRequirement>;

/**
 * A declared move between stages. `from` lists stages or a category wildcard (`@open`, `@won`,
 * `@lost`, `*`), which is how common transitions such as "lost from any open stage" are written.
 * Entry criteria hold on the record before the move; exit criteria on the record with the
 * transition's fields applied. Work after a move (notify, create a task…) is an automation with a
 * `stage_changed` trigger, not part of the transition (schema version 3 dropped `afterActions`).
 * `setFields` are written by the server as part of the move, in the same write: each value is a
 * rule over the record with the transition's fields applied, on the server clock, so
 * `{ "arrivedAt": { "now": [] } }` stamps the time of the move and no user can type it.
 */
export const Transition = z
  .object({
    id: Id,
    label: LocalizedText,
    from: z.array(z.union([Id, z.enum(['@open', '@won', '@lost', '*'])])).min(1),
    to: Id,
    roles: z.array(Id).optional(),
    entryCriteria: z.array(Criterion).optional(),
    exitCriteria: z.array(Criterion).optional(),
    fields: z.array(TransitionField).optional(),
    evidence: z.array(EvidenceRequirement).optional(),
    setFields: z
      .record(Id, Rule)
      .optional()
      .describe(
        'Fields the server sets in the same write as the move, each a rule over the record with the transition fields applied, e.g. `{ "arrivedAt": { "now": [] } }`.',
      ),
  })
  .strict()
  .meta({
    id: 'Transition',
    description:
      "A declared move between stages: who may run it, entry and exit criteria, fields to fill, evidence, fields the server sets. `from` accepts stage ids or `@open`, `@won`, `@lost`, `*`. Work after a move (notify, create a task, call a webhook) is an automation with a `stage_changed` trigger, whose event is written in the move's transaction (the audit trail is the outbox), so it is never lost; a transition has no after-actions of its own (schema version 3 dropped `afterActions`).",
  });
export type Transition = z.infer<typeof Transition>;

/** The stages of one entity and the only moves allowed between them. */
export const StageMachine = z
  .object({
    kind: z.literal('stageMachine').optional(),
    schemaVersion: z.number().int().positive().optional(),
    id: Id,
    entity: Id,
    label: LocalizedText,
    initialStage: Id,
    stages: z.array(Stage).min(1),
    transitions: z.array(Transition),
  })
  .strict()
  .meta({
    id: 'StageMachine',
    description:
      'The stages of one entity and the only moves allowed between them; an entity has at most one.',
  });
export type StageMachine = z.infer<typeof StageMachine>;
