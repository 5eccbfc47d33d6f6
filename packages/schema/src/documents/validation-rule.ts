import { z } from 'zod';
import { Id, LocalizedText, Rule } from '../common.js';

/**
 * A condition every saved record must satisfy. When `appliesWhen` holds (or is absent) and `assert`
 * is false, the save is refused with `message` at `field`.
 */
export const ValidationRule = z
  .object({
    kind: z.literal('validationRule').optional(),
    schemaVersion: z.number().int().positive().optional(),
    id: Id,
    entity: Id,
    label: LocalizedText.optional(),
    on: z.array(z.enum(['create', 'update'])).optional(),
    appliesWhen: Rule.optional(),
    assert: Rule,
    message: LocalizedText,
    field: Id.optional(),
  })
  .strict()
  .meta({
    id: 'ValidationRule',
    description:
      'A condition every saved record must satisfy: when `appliesWhen` holds (or is absent) and `assert` is false, the save is refused with `message` at `field` (code RULE_FAILED).',
  });
export type ValidationRule = z.infer<typeof ValidationRule>;
