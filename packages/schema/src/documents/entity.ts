import { z } from 'zod';
import { Id, LocalizedText, Rule } from '../common.js';
import { MODEL_TEXTS } from '../model-messages.js';

/** Every field type of the definition language, in the order the designer's palette shows them. */
export const FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'currency',
  'percent',
  'date',
  'datetime',
  'boolean',
  'single_select',
  'multi_select',
  'reference',
  'user',
  'org_unit',
  'phone',
  'email',
  'url',
  'attachment',
  'image',
  'geo_point',
  'subtable',
  'formula',
  'auto_number',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * System fields every record has. Field ids may not use these names: records are flat JSON objects
 * and rules read system fields with the same `var` as user fields.
 */
export const SYSTEM_FIELDS = {
  id: 'text',
  version: 'number',
  owner: 'user',
  orgUnit: 'org_unit',
  stage: 'text',
  stageEnteredAt: 'datetime',
  createdAt: 'datetime',
  createdBy: 'user',
  updatedAt: 'datetime',
  updatedBy: 'user',
  deletedAt: 'datetime',
} as const satisfies Record<string, FieldType>;
export type SystemFieldId = keyof typeof SYSTEM_FIELDS;

/** Names reserved for system columns and keys, in any spelling that reaches the database. */
export const RESERVED_FIELD_IDS: ReadonlySet<string> = new Set([
  ...Object.keys(SYSTEM_FIELDS),
  'owner_id',
  'org_unit_id',
  'stage_entered_at',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deleted_at',
]);

const FieldId = Id.refine((id) => !RESERVED_FIELD_IDS.has(id), {
  message: MODEL_TEXTS.reservedField.en,
});

/** One choice of a select field; `id` is the stored value, the label is what users see. */
export const SelectOption = z
  .object({
    id: z.string().min(1).max(64).describe('The stored value; keep it when the label changes.'),
    label: LocalizedText,
    color: z.string().optional().describe('CSS colour of the chip.'),
  })
  .strict()
  .meta({ id: 'SelectOption', description: 'One choice of a select field.' });
export type SelectOption = z.infer<typeof SelectOption>;

const base = {
  id: FieldId.describe('The field id, also the column name; may not be a system field name.'),
  label: LocalizedText,
  help: LocalizedText.optional().describe('Help text shown under the input.'),
  required: z.boolean().optional().describe('Must be filled on create, and may not be cleared on update.'),
  unique: z.boolean().optional().describe('No two records may hold the same value.'),
  readOnly: z.boolean().optional().describe('Shown but not editable in forms.'),
  defaultValue: z.json().optional().describe('Value a new record starts with in forms.'),
};

/** Field properties every field type has, for documentation. */
export const FIELD_BASE_KEYS: readonly string[] = [...Object.keys(base), 'type'];

const number = {
  min: z.number().optional().describe('Smallest allowed value.'),
  max: z.number().optional().describe('Largest allowed value.'),
};
const files = {
  minFiles: z.number().int().min(0).optional().describe('Fewest files when the field is filled.'),
  maxFiles: z.number().int().positive().optional().describe('Most files.'),
  maxSizeBytes: z.number().int().positive().optional().describe('Largest size of one file, in bytes.'),
};

/** Value types a formula may produce. */
export const FORMULA_RESULT_TYPES = [
  'number',
  'currency',
  'percent',
  'text',
  'boolean',
  'date',
  'datetime',
] as const;

/** One field type: its literal, its own options and a description for the reference docs. */
function fieldType<T extends string, S extends z.ZodRawShape>(
  type: T,
  id: string,
  description: string,
  shape: S,
) {
  return z
    .object({ ...base, type: z.literal(type), ...shape })
    .strict()
    .meta({ id, description });
}

const leafFieldVariants = [
  fieldType('text', 'TextField', 'One line of text (column `text`).', {
    maxLength: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Longest value, in characters (default 2000).'),
    pattern: z
      .string()
      .optional()
      .describe('Regular expression (Unicode) the whole value must match, e.g. `^[A-Z]`.'),
  }),
  fieldType('long_text', 'LongTextField', 'Several lines of text (column `text`).', {
    maxLength: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Longest value, in characters (default 200000).'),
  }),
  fieldType('number', 'NumberField', 'A number (column `double precision`).', {
    ...number,
    decimals: z
      .number()
      .int()
      .min(0)
      .max(10)
      .optional()
      .describe('Most digits after the point; 0 for whole numbers.'),
  }),
  fieldType('currency', 'CurrencyField', 'An amount of money with 2 decimals (column `numeric(20,2)`).', {
    ...number,
    currency: z.string().length(3).optional().describe('ISO 4217 code; the app setting when absent.'),
  }),
  fieldType('percent', 'PercentField', 'A percentage, stored as the number shown (50 means 50 %).', number),
  fieldType('date', 'DateField', 'A calendar date `YYYY-MM-DD` (column `date`).', {}),
  fieldType(
    'datetime',
    'DatetimeField',
    'An instant, ISO-8601 with a time zone; stored and returned in UTC.',
    {},
  ),
  fieldType('boolean', 'BooleanField', 'Yes or no.', {}),
  fieldType('single_select', 'SingleSelectField', 'One option id out of a list.', {
    options: z.array(SelectOption).min(1).describe('The choices; ids must be unique.'),
  }),
  fieldType('multi_select', 'MultiSelectField', 'Several option ids out of a list (JSON array).', {
    options: z.array(SelectOption).min(1).describe('The choices; ids must be unique.'),
    maxSelected: z.number().int().positive().optional().describe('Most options one record may hold.'),
  }),
  fieldType('reference', 'ReferenceField', 'The id of a record of another (or the same) entity.', {
    entity: Id.describe('The entity referred to.'),
    displayField: Id.optional().describe('Field of that entity shown instead of the id.'),
  }),
  fieldType('user', 'UserField', 'The id of a user of the workspace.', {}),
  fieldType('org_unit', 'OrgUnitField', 'The id of an org unit (company, region, team).', {}),
  fieldType(
    'phone',
    'PhoneField',
    'A phone number: digits, optional leading +, spaces, dashes, parentheses.',
    {},
  ),
  fieldType('email', 'EmailField', 'An email address.', {}),
  fieldType('url', 'UrlField', 'An http or https address.', {}),
  fieldType(
    'attachment',
    'AttachmentField',
    'Uploaded files: a JSON array of `{ id, name?, size?, mime?, sha256?, url? }`.',
    {
      accept: z
        .array(z.string())
        .optional()
        .describe('Allowed MIME types (`image/*`, `application/pdf`) or extensions (`.pdf`).'),
      ...files,
    },
  ),
  fieldType('image', 'ImageField', 'Uploaded photos: like attachment, MIME type `image/*`.', {
    ...files,
    capture: z.boolean().optional().describe('Offer the phone camera instead of the file picker.'),
  }),
  fieldType(
    'geo_point',
    'GeoPointField',
    'A location `{ lat, lng, accuracy? }` (degrees; accuracy in metres).',
    {},
  ),
  fieldType('formula', 'FormulaField', 'Computed by a rule on every write; clients cannot write it.', {
    expression: Rule.describe('JSON Logic over the record (or the row, inside a subtable).'),
    resultType: z.enum(FORMULA_RESULT_TYPES).describe('Type of the value, which decides the column type.'),
  }),
  fieldType('auto_number', 'AutoNumberField', 'A sequence number assigned by the store on create.', {
    prefix: z.string().max(16).optional().describe('Text before the number, e.g. `Q-`.'),
    digits: z.number().int().min(1).max(12).optional().describe('Zero-padded width of the number.'),
  }),
] as const;

/** A field that can sit inside a subtable row (anything but another subtable). */
export const LeafField = z.discriminatedUnion('type', leafFieldVariants);
export type LeafField = z.infer<typeof LeafField>;

/** Line items: rows of leaf fields stored with the record. */
export const SubtableField = fieldType(
  'subtable',
  'SubtableField',
  'Line items: a JSON array of rows of leaf fields.',
  {
    fields: z.array(LeafField).min(1).describe('The columns of a row (any type but subtable).'),
    minRows: z.number().int().min(0).optional().describe('Fewest rows when the field is filled.'),
    maxRows: z.number().int().positive().optional().describe('Most rows.'),
  },
);
export type SubtableField = z.infer<typeof SubtableField>;

/** A field of an entity: one typed column of its table. */
export const Field = z.discriminatedUnion('type', [...leafFieldVariants, SubtableField]);
export type Field = z.infer<typeof Field>;

/** An entity: a kind of record (lead, opportunity, store visit…) with its fields. */
export const Entity = z
  .object({
    kind: z.literal('entity').optional(),
    schemaVersion: z.number().int().positive().optional(),
    id: Id,
    label: LocalizedText,
    pluralLabel: LocalizedText.optional(),
    description: LocalizedText.optional(),
    icon: z.string().optional(),
    titleField: Id.optional().describe(
      'Field shown as the record title (a system field such as `id` is allowed).',
    ),
    fields: z.array(Field).describe('The fields; each is one column of the entity table.'),
    dedupeKeys: z
      .array(z.array(Id).min(1))
      .optional()
      .describe(
        'Field combinations that identify a record; a create matching an existing record is refused.',
      ),
  })
  .strict()
  .meta({
    id: 'Entity',
    description: 'A kind of record with its fields; each published entity is a real table.',
  });
export type Entity = z.infer<typeof Entity>;
