import { type Locale, localize } from '@stagecraft/schema';
import { useEffect, useState } from 'react';
import { sessionApi } from '../../api/session-api.js';

/** The published apps and their automations, labelled in the UI language (for filters and run rows). */
export interface AutomationCatalog {
  apps: {
    id: string;
    label: string;
    automations: { id: string; label: string }[];
    entities: { id: string; label: string }[];
  }[];
  /** The label of `app`'s automation `id`, or the id when it is not (or no longer) published. */
  label(app: string | undefined, id: string): string;
  /** The label of `app`'s entity `id`, or the id. */
  entityLabel(app: string, id: string): string;
}

/** Loads the catalog once: every published app's latest definition. */
export function useAutomationCatalog(locale: Locale): AutomationCatalog {
  const [apps, setApps] = useState<AutomationCatalog['apps']>([]);
  useEffect(() => {
    let live = true;
    void (async () => {
      const list = await sessionApi.apps();
      if (!list.ok) return;
      const out: AutomationCatalog['apps'] = [];
      for (const a of list.value.filter((x) => x.publishedVersion !== null)) {
        const pub = await sessionApi.published(a.id);
        out.push({
          id: a.id,
          label: localize(a.label, locale),
          automations: pub.ok
            ? pub.value.definition.automations.map((x) => ({ id: x.id, label: localize(x.label, locale) }))
            : [],
          entities: pub.ok
            ? pub.value.definition.entities.map((x) => ({ id: x.id, label: localize(x.label, locale) }))
            : [],
        });
      }
      if (live) setApps(out);
    })();
    return () => {
      live = false;
    };
  }, [locale]);
  return {
    apps,
    // Without an app (a webhook delivery knows only its job key) the first app with that id answers.
    label: (app, id) =>
      apps
        .filter((a) => app === undefined || a.id === app)
        .flatMap((a) => a.automations)
        .find((x) => x.id === id)?.label ?? id,
    entityLabel: (app, id) => apps.find((a) => a.id === app)?.entities.find((x) => x.id === id)?.label ?? id,
  };
}
