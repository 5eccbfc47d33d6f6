import { APP_LISTS, type App } from '@stagecraft/schema';

/** Every list of an app document, from the schema's own table (so new lists need no change here). */
const LISTS = Object.keys(APP_LISTS);

/**
 * A draft as the designer edits it: every list present, nothing else touched. Drafts may be
 * invalid (that is what the problems panel is for), so this never parses or throws.
 */
export function normalizeDraft(input: unknown): App {
  const doc = (input && typeof input === 'object' ? { ...(input as Record<string, unknown>) } : {}) as Record<
    string,
    unknown
  >;
  for (const key of LISTS) if (!Array.isArray(doc[key])) doc[key] = [];
  return doc as unknown as App;
}
