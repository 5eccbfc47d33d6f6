import { z } from 'zod';
import { Id, LocalizedText, Rule } from '../common.js';
import { MODEL_TEXTS } from '../model-messages.js';
import type { FieldType } from './entity.js';

/**
 * The inputs the language ships besides each field type's default one, with the field types each
 * can edit. A form item names one in `widget`; the renderer registers a component under every name
 * here, and publish refuses other names unless the host declares them as its own.
 */
export const FORM_WIDGETS = {
  /** Several lines for a short text (a one-line summary that sometimes runs long). */
  textarea: ['text'],
  /** All options visible as radio buttons, for a choice among a few. */
  radio: ['single_select'],
  /** A range slider from the field's `min` (default 0) to its `max` (default 100). */
  slider: ['number', 'currency', 'percent'],
} as const satisfies Record<string, readonly FieldType[]>;
export type FormWidget = keyof typeof FORM_WIDGETS;

/** The name of a registered input: kebab-case, so built-in and host widgets share one namespace. */
export const WidgetName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, MODEL_TEXTS.widgetName.en)
  .meta({
    id: 'WidgetName',
    description:
      "The name of a registered input that replaces the field type's default one: `textarea` (text), `radio` (single_select), `slider` (number, currency, percent), or a widget the host registers.",
  });

/** One field placed on a form, with conditions evaluated live in the browser and again on the server. */
export const FormItem = z
  .object({
    id: Id,
    field: Id,
    help: LocalizedText.optional(),
    span: z.number().int().min(1).max(4).optional(),
    widget: WidgetName.optional().describe(
      "Input to use instead of the field type's default; an input the app cannot show falls back to the default.",
    ),
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
