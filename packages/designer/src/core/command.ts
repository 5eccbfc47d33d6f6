import type { App } from '@stagecraft/schema';

/**
 * One designer edit: a named pure step from one app document to the next. Undo keeps the document
 * before the step; a rebase after a draft conflict replays the unsaved steps on the newer draft,
 * which is why a command is a function of the document and not a stored patch.
 */
export interface Command {
  /** What the edit did, for the undo menu and the conflict banner ("Add field Amount"). */
  label: string;
  run(app: App): App;
}

/** Builds a command from a label and a step. */
export function command(label: string, run: (app: App) => App): Command {
  return { label, run };
}

/** Several edits as one undo step (dropping a field type on a form adds the field and the item). */
export function batch(label: string, ...commands: Command[]): Command {
  return { label, run: (app) => commands.reduce((doc, c) => c.run(doc), app) };
}
