import { z } from 'zod';
import { Id, LocalizedText, Rule } from '../common.js';

/** A sort key: a field id or a system field such as `updatedAt`. */
export const SortKey = z
  .object({ field: Id, direction: z.enum(['asc', 'desc']) })
  .strict()
  .meta({ id: 'SortKey', description: 'A sort key: a field id or a system field such as `updatedAt`.' });
export type SortKey = z.infer<typeof SortKey>;

/** A column of a list view. */
export const ListColumn = z
  .object({ id: Id, field: Id, width: z.number().int().positive().optional() })
  .strict()
  .meta({ id: 'ListColumn', description: 'A column of a list view.' });
export type ListColumn = z.infer<typeof ListColumn>;

/** An aggregate shown in a board column header (count of cards, sum of amount…). */
export const ColumnAggregate = z
  .object({
    id: Id,
    op: z.enum(['count', 'sum', 'avg', 'min', 'max']),
    field: Id.optional(),
    label: LocalizedText.optional(),
  })
  .strict()
  .meta({
    id: 'ColumnAggregate',
    description: 'An aggregate shown in a board column header (count, sum of a numeric field…).',
  });
export type ColumnAggregate = z.infer<typeof ColumnAggregate>;

const viewBase = {
  kind: z.literal('view').optional(),
  schemaVersion: z.number().int().positive().optional(),
  id: Id,
  entity: Id,
  label: LocalizedText,
  filter: Rule.optional(),
};

/** A table of records with columns, a default filter and a default sort. */
export const ListView = z
  .object({
    ...viewBase,
    type: z.literal('list'),
    columns: z.array(ListColumn).min(1),
    sort: z.array(SortKey).optional(),
    pageSize: z.number().int().min(1).max(500).optional(),
  })
  .strict()
  .meta({
    id: 'ListView',
    description: 'A table of records with columns, a default filter and a default sort (`type: "list"`).',
  });
export type ListView = z.infer<typeof ListView>;

/** A kanban board: one column per stage of a stage machine. */
export const BoardView = z
  .object({
    ...viewBase,
    type: z.literal('board'),
    stageMachine: Id,
    cardFields: z.array(Id),
    aggregates: z.array(ColumnAggregate).optional(),
    sort: z.array(SortKey).optional(),
  })
  .strict()
  .meta({
    id: 'BoardView',
    description: 'A kanban board with one column per stage of the entity\'s stage machine (`type: "board"`).',
  });
export type BoardView = z.infer<typeof BoardView>;

/** A saved way to look at an entity's records. */
export const View = z
  .discriminatedUnion('type', [ListView, BoardView])
  .meta({ id: 'View', description: "A saved way to look at an entity's records: a list or a board." });
export type View = z.infer<typeof View>;
