import { z } from 'zod';
import { Id, LocalizedText, Rule } from '../common.js';

/** One field placed on a form, with conditions evaluated live in the browser and again on the server. */
export const FormItem = z
  .object({
    id: Id,
    field: Id,
    help: LocalizedText.optional(),
    span: z.number().int().min(1).max(4).optional(),
    visibleWhen: Rule.optional(),
    requiredWhen: Rule.optional(),
    readOnlyWhen: Rule.optional(),
  })
  .strict()
  .meta({
    id: 'FormItem',
    description:
      'One field placed on a form, with conditions evaluated live in the browser and again on the server.',
  });
export type FormItem = z.infer<typeof FormItem>;

/** A titled group of fields laid out in columns. */
export const FormSection = z
  .object({
    id: Id,
    label: LocalizedText.optional(),
    description: LocalizedText.optional(),
    columns: z.number().int().min(1).max(4).optional(),
    visibleWhen: Rule.optional(),
    items: z.array(FormItem),
  })
  .strict()
  .meta({ id: 'FormSection', description: 'A titled group of fields laid out in columns.' });
export type FormSection = z.infer<typeof FormSection>;

/** How an entity's records are created and edited. */
export const Form = z
  .object({
    kind: z.literal('form').optional(),
    schemaVersion: z.number().int().positive().optional(),
    id: Id,
    entity: Id,
    label: LocalizedText,
    sections: z.array(FormSection).min(1),
  })
  .strict()
  .meta({
    id: 'Form',
    description:
      'How records of an entity are created and edited: sections, columns, field order, help and conditions.',
  });
export type Form = z.infer<typeof Form>;
