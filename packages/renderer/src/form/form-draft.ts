/**
 * Offline drafts of new records: what the user typed is kept in this browser (localStorage) until
 * Save succeeds, so a closed tab, a lost connection or a refused Save loses nothing. A draft is
 * never sent to the server: no record exists before Save.
 */
export class FormDraftStore {
  constructor(
    private readonly key: string,
    private readonly storage:
      | Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
      | undefined = globalThis.localStorage,
  ) {}

  load(): Record<string, unknown> | null {
    try {
      const raw = this.storage?.getItem(this.key);
      const parsed = raw ? (JSON.parse(raw) as unknown) : null;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  }

  save(values: Record<string, unknown>): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(values));
    } catch {
      // storage full or disabled: the form still works, only without a draft
    }
  }

  clear(): void {
    this.storage?.removeItem(this.key);
  }
}
