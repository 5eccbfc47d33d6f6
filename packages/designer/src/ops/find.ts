import type { App } from '@stagecraft/schema';

/** Index of the element with `id` in a list of the app, or throws: commands only target what the UI shows. */
export function indexOf(list: readonly { id: string }[], id: string, what: string): number {
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) throw new Error(`designer: no ${what} ${id}`);
  return i;
}

/** Every id used anywhere in a list, for fresh ids. */
export function idsOf(list: readonly { id: string }[]): string[] {
  return list.map((x) => x.id);
}

/** The entity with `id`, or undefined. */
export function entityOf(app: App, id: string) {
  return app.entities.find((e) => e.id === id);
}
