/**
 * Undo/redo over immutable snapshots. Documents are updated with structural sharing, so keeping
 * the previous snapshot costs only the changed branch.
 */
export class History<T> {
  private past: { state: T; label: string }[] = [];
  private future: { state: T; label: string }[] = [];

  constructor(private readonly limit = 200) {}

  /** Remembers `before` as the state to return to, and forgets any redo. */
  push(before: T, label: string): void {
    this.past.push({ state: before, label });
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  /** The state before the last edit (and remembers `current` for redo), or undefined. */
  undo(current: T): { state: T; label: string } | undefined {
    const entry = this.past.pop();
    if (!entry) return undefined;
    this.future.push({ state: current, label: entry.label });
    return entry;
  }

  /** The state the last undo left, or undefined. */
  redo(current: T): { state: T; label: string } | undefined {
    const entry = this.future.pop();
    if (!entry) return undefined;
    this.past.push({ state: current, label: entry.label });
    return entry;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Label of the edit Undo would revert. */
  get undoLabel(): string | undefined {
    return this.past.at(-1)?.label;
  }

  /** Label of the edit Redo would reapply. */
  get redoLabel(): string | undefined {
    return this.future.at(-1)?.label;
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }
}
