import { z } from 'zod';
import type { Bilingual } from './errors.js';
import { MODEL_TEXTS } from './model-messages.js';

/** The locales every label and message can be written in; the UI falls back from one to the other. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A stable identifier of an element (entity, field, stage, …). It never changes when the label is
 * renamed, so templates can be upgraded without losing user edits, and it doubles as a SQL column name.
 */
export const Id = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, MODEL_TEXTS.id.en)
  .meta({
    id: 'Id',
    description:
      'A stable identifier: a lower-case letter, then letters, digits or _ (max 40). Never changes when the label does; field ids are SQL column names.',
  });
export type Id = z.infer<typeof Id>;

/** A text shown to users, in one or more locales; at least one must be present. */
export const LocalizedText = z
  .object({ 'zh-CN': z.string().min(1).optional(), en: z.string().min(1).optional() })
  .strict()
  .refine((t) => t['zh-CN'] !== undefined || t.en !== undefined, { message: MODEL_TEXTS.localizedText.en })
  .meta({
    id: 'LocalizedText',
    description: 'A text shown to users: `{ "zh-CN": "…", "en": "…" }`, at least one locale.',
  });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A JSON Logic rule; its operators and types are checked by @stagecraft/rules at publish. */
export const Rule = z.json().meta({
  id: 'Rule',
  description:
    'A JSON Logic rule over the record (`{"var": "fieldId"}`); checked by @stagecraft/rules at publish.',
});
export type Rule = z.infer<typeof Rule>;

/** A condition with the message shown when it does not hold, and the field it is about. */
export const Criterion = z
  .object({
    id: Id,
    rule: Rule,
    message: LocalizedText,
    field: Id.optional().describe('The field the message is shown at.'),
  })
  .strict()
  .meta({ id: 'Criterion', description: 'A condition with the message shown when it does not hold.' });
export type Criterion = z.infer<typeof Criterion>;

/** Picks the text for a locale, falling back to the other locale. */
export function localize(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] ?? text[locale === 'en' ? 'zh-CN' : 'en'] ?? '';
}

/** A text in both locales, each falling back to the other: an admin's message as an issue carries it. */
export function bothLocales(text: LocalizedText | undefined): Bilingual {
  return { en: localize(text, 'en'), 'zh-CN': localize(text, 'zh-CN') };
}
