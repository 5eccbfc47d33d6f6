import type { App } from '@stagecraft/schema';
import type { Command } from './command.js';
import { History } from './history.js';
import { normalizeDraft } from './normalize.js';

interface Step {
  cmd: Command;
  after: App;
}

/** A step that puts back a whole document (undo past the last save). */
function snapshotStep(label: string, doc: App): Step {
  return { cmd: { label, run: () => doc }, after: doc };
}

/** What the UI renders from: the document, the draft revision it is based on, and the edit state. */
export interface DesignerState {
  doc: App;
  /** Draft revision the document was loaded from or last saved as. */
  revision: number;
  /** True when edits have not reached the server yet. */
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel?: string;
  redoLabel?: string;
}

/**
 * The headless designer: every edit is a command run here, so undo/redo covers all of them, the
 * unsaved ones can be replayed on a newer draft after a conflict, and React is only a view of it.
 */
export class DesignerCore {
  private doc: App;
  private revision: number;
  private readonly history = new History<App>();
  /** Commands in effect since the last save the server acknowledged, with the document each produced. */
  private unsaved: Step[] = [];
  /** Unsaved steps taken back by undo, for redo. */
  private undone: Step[] = [];
  /** The document as the server last stored it. */
  private saved: App;
  private readonly listeners = new Set<(s: DesignerState) => void>();
  private snapshot: DesignerState;

  constructor(draft: unknown, revision: number) {
    this.doc = normalizeDraft(draft);
    this.saved = this.doc;
    this.revision = revision;
    this.snapshot = this.makeState();
  }

  get state(): DesignerState {
    return this.snapshot;
  }

  /** Runs an edit; a command that returns the same document records nothing. */
  execute(cmd: Command): void {
    const next = cmd.run(this.doc);
    if (next === this.doc) return;
    this.history.push(this.doc, cmd.label);
    this.unsaved.push({ cmd, after: next });
    this.undone = [];
    this.doc = next;
    this.emit();
  }

  undo(): boolean {
    const entry = this.history.undo(this.doc);
    if (!entry) return false;
    const last = this.unsaved.at(-1);
    if (last && last.after === this.doc) this.undone.push(this.unsaved.pop() as Step);
    else this.unsaved.push(snapshotStep(`undo ${entry.label}`, entry.state));
    this.doc = entry.state;
    this.emit();
    return true;
  }

  redo(): boolean {
    const entry = this.history.redo(this.doc);
    if (!entry) return false;
    const top = this.undone.at(-1);
    if (top && top.after === entry.state) this.unsaved.push(this.undone.pop() as Step);
    else this.unsaved.push(snapshotStep(`redo ${entry.label}`, entry.state));
    this.doc = entry.state;
    this.emit();
    return true;
  }

  /** Labels of the edits not saved yet (what a conflict would otherwise lose). */
  get unsavedLabels(): string[] {
    return this.unsaved.map((s) => s.cmd.label);
  }

  /** The document the server holds as of the last load or save. */
  get savedDoc(): App {
    return this.saved;
  }

  /** The server stored `doc` as `revision`; edits made meanwhile stay unsaved. */
  markSaved(doc: App, revision: number): void {
    this.revision = revision;
    this.saved = doc;
    if (doc === this.doc) this.unsaved = [];
    else this.unsaved = this.unsaved.slice(this.unsaved.findIndex((s) => s.after === doc) + 1);
    this.emit();
  }

  /** Replaces everything with a fresh draft from the server (history cleared). */
  load(draft: unknown, revision: number): void {
    this.doc = normalizeDraft(draft);
    this.saved = this.doc;
    this.revision = revision;
    this.unsaved = [];
    this.undone = [];
    this.history.clear();
    this.emit();
  }

  /**
   * After a DRAFT_CONFLICT: takes the other admin's draft as the base and replays this admin's
   * unsaved edits on it, so neither side is lost. Undo/redo snapshots are replaced by one step
   * back to the other admin's draft.
   */
  rebase(draft: unknown, revision: number): void {
    const base = normalizeDraft(draft);
    let doc = base;
    for (const step of this.unsaved) doc = step.cmd.run(doc);
    this.history.clear();
    if (doc !== base) this.history.push(base, 'rebase');
    this.saved = base;
    this.revision = revision;
    this.doc = doc;
    this.unsaved = doc === base ? [] : [snapshotStep('rebase', doc)];
    this.undone = [];
    this.emit();
  }

  subscribe(listener: (s: DesignerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private makeState(): DesignerState {
    return {
      doc: this.doc,
      revision: this.revision,
      dirty: this.doc !== this.saved,
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
      ...(this.history.undoLabel ? { undoLabel: this.history.undoLabel } : {}),
      ...(this.history.redoLabel ? { redoLabel: this.history.redoLabel } : {}),
    };
  }

  private emit(): void {
    this.snapshot = this.makeState();
    for (const l of this.listeners) l(this.snapshot);
  }
}
