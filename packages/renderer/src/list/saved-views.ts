import type { FilterState } from './filter-logic.js';

/** A user's named list setup: filter, sort and search. */
export interface SavedView {
  name: string;
  filter: FilterState;
  sort: { field: string; direction: 'asc' | 'desc' }[];
  search: string;
}

/**
 * Saved views live in the browser's localStorage, per app and view (documented in the user guide):
 * they are personal shortcuts, not shared documents.
 */
export class SavedViewStore {
  constructor(
    private readonly key: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage,
  ) {}

  list(): SavedView[] {
    try {
      const raw = this.storage?.getItem(this.key);
      const parsed = raw ? (JSON.parse(raw) as unknown) : [];
      return Array.isArray(parsed) ? (parsed as SavedView[]) : [];
    } catch {
      return [];
    }
  }

  save(view: SavedView): SavedView[] {
    const next = [...this.list().filter((v) => v.name !== view.name), view];
    this.storage?.setItem(this.key, JSON.stringify(next));
    return next;
  }

  remove(name: string): SavedView[] {
    const next = this.list().filter((v) => v.name !== name);
    this.storage?.setItem(this.key, JSON.stringify(next));
    return next;
  }
}
