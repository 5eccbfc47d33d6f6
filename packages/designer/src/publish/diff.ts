import type { App, Field, LocalizedText } from '@stagecraft/schema';

/** One line of the publish diff. */
export interface FieldChange {
  entity: string;
  field: string;
  kind: 'added' | 'removed' | 'changed';
  label: LocalizedText;
  /** Properties that differ, for `changed` (type, required, label, options…). */
  keys?: string[];
}

/** Everything that differs between the published app and the draft, field by field and per document. */
export interface AppDiff {
  entities: { added: string[]; removed: string[] };
  fields: FieldChange[];
  /** Other documents (forms, views, stage machines…) added, removed or changed, as `list/id`. */
  documents: { kind: 'added' | 'removed' | 'changed'; list: string; id: string }[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changedKeys(a: Field, b: Field): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((k) => !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    .sort();
}

const LISTS = [
  'forms',
  'views',
  'stageMachines',
  'validationRules',
  'dashboards',
  'automations',
  'approvals',
  'roles',
] as const;

/** The diff the publish dialog shows before anything is written. `published` is absent before a first publish. */
export function diffApps(published: App | undefined, draft: App): AppDiff {
  const before = new Map((published?.entities ?? []).map((e) => [e.id, e]));
  const after = new Map(draft.entities.map((e) => [e.id, e]));
  const diff: AppDiff = {
    entities: {
      added: [...after.keys()].filter((id) => !before.has(id)),
      removed: [...before.keys()].filter((id) => !after.has(id)),
    },
    fields: [],
    documents: [],
  };
  for (const [id, next] of after) {
    const prev = before.get(id);
    const prevFields = new Map((prev?.fields ?? []).map((f) => [f.id, f]));
    const nextFields = new Map(next.fields.map((f) => [f.id, f]));
    for (const [fid, f] of nextFields) {
      const p = prevFields.get(fid);
      if (!p) diff.fields.push({ entity: id, field: fid, kind: 'added', label: f.label });
      else if (!same(p, f))
        diff.fields.push({
          entity: id,
          field: fid,
          kind: 'changed',
          label: f.label,
          keys: changedKeys(p, f),
        });
    }
    for (const [fid, p] of prevFields)
      if (!nextFields.has(fid)) diff.fields.push({ entity: id, field: fid, kind: 'removed', label: p.label });
  }
  for (const list of LISTS) {
    const prev = new Map(((published?.[list] ?? []) as { id: string }[]).map((d) => [d.id, d]));
    const next = new Map(((draft[list] ?? []) as { id: string }[]).map((d) => [d.id, d]));
    for (const [id, d] of next) {
      const p = prev.get(id);
      if (!p) diff.documents.push({ kind: 'added', list, id });
      else if (!same(p, d)) diff.documents.push({ kind: 'changed', list, id });
    }
    for (const id of prev.keys()) if (!next.has(id)) diff.documents.push({ kind: 'removed', list, id });
  }
  return diff;
}

/** What a publish does to the tables (the server's dry run), as the store reports it. */
export interface TableChange {
  entity: string;
  kind: 'create_table' | 'add_column' | 'archive_column' | 'convert_column' | 'restore_column';
  field?: string;
  values?: number;
}

/** Whether the diff is empty (nothing to publish). */
export function isEmptyDiff(d: AppDiff): boolean {
  return d.entities.added.length + d.entities.removed.length + d.fields.length + d.documents.length === 0;
}
