import type { App, Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';

/** One entry of the app's navigation as the shell shows it. */
export interface NavEntry {
  id: string;
  label: string;
  view: string;
  type: 'list' | 'board';
}

/**
 * The navigation of an app: its declared `navigation` when present (view entries), otherwise every
 * view in document order. Nothing here knows any entity; it reads the document.
 */
export function navItems(app: App, locale: Locale): NavEntry[] {
  const views = new Map(app.views.map((v) => [v.id, v]));
  const declared = (app.navigation ?? []).flatMap((n) => {
    const v = n.view ? views.get(n.view) : undefined;
    return v ? [{ id: n.id, label: localize(n.label ?? v.label, locale), view: v.id, type: v.type }] : [];
  });
  if (declared.length > 0) return declared;
  return app.views.map((v) => ({ id: v.id, label: localize(v.label, locale), view: v.id, type: v.type }));
}
