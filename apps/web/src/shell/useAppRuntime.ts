import {
  createDefaultRegistry,
  createRuleSession,
  defaultRuleRuntime,
  type Runtime,
  withDefaultListViews,
} from '@stagecraft/renderer';
import { APP_LISTS, type App } from '@stagecraft/schema';
import { useEffect, useState } from 'react';
import { HttpRuntimeServices } from '../api/http-runtime-services.js';
import { sessionApi } from '../api/session-api.js';
import { href } from './route.js';

const registry = createDefaultRegistry();

/** Fills the lists a stored document may leave out, so the renderer can read them directly. */
function complete(stored: App): App {
  const filled: Record<string, unknown> = { ...stored };
  for (const list of Object.keys(APP_LISTS)) filled[list] ??= [];
  return withDefaultListViews(filled as App);
}

/**
 * Loads the published version of an app and builds the renderer runtime over the HTTP API, with
 * the rule session the server sent along (its clock, the app's zone, the user).
 */
export function useAppRuntime(appId: string | null): { runtime: Runtime | null; error: string | null } {
  const [state, setState] = useState<{ runtime: Runtime | null; error: string | null }>({
    runtime: null,
    error: null,
  });
  useEffect(() => {
    if (!appId) return setState({ runtime: null, error: null });
    let live = true;
    setState({ runtime: null, error: null });
    void sessionApi.published(appId).then((r) => {
      if (!live) return;
      if (!r.ok) return setState({ runtime: null, error: r.error.message });
      setState({
        runtime: {
          app: complete(r.value.definition),
          services: new HttpRuntimeServices(appId),
          registry,
          rules: defaultRuleRuntime,
          // Rules run on the server's clock (offset measured on this request), zone and user.
          session: createRuleSession(r.value.ruleContext, r.value),
          links: {
            record: (entity, id) => href({ page: 'record', app: appId, entity, id }),
            newRecord: (entity, prefill) => href({ page: 'new', app: appId, entity, prefill }),
          },
        },
        error: null,
      });
    });
    return () => {
      live = false;
    };
  }, [appId]);
  return state;
}
