import type { App } from '@stagecraft/schema';
import { createContext, type ReactNode, useContext } from 'react';
import type { ComponentRegistry } from '../registry/component-registry.js';
import type { RuleRuntime } from '../rules/rule-runtime.js';
import type { RuleSession } from '../rules/rule-session.js';
import type { RuntimeServices } from '../services/runtime-services.js';

/** Where a record and a new-record form live in the shell; the renderer never builds URLs itself. */
export interface RuntimeLinks {
  /** The address of a record's page. */
  record(entity: string, id: string): string;
  /** The address of a new record's form, starting with `prefill` (field id → value). */
  newRecord(entity: string, prefill: Record<string, string>): string;
}

/** Everything a rendered document needs: the published app, the ports, the registry, the rules. */
export interface Runtime {
  app: App;
  services: RuntimeServices;
  registry: ComponentRegistry;
  rules: RuleRuntime;
  /** The server's clock (as measured), the app's zone and the user that rules evaluate with. */
  session: RuleSession;
  /** Addresses of records: references show as links when the shell gives them. */
  links?: RuntimeLinks;
}

const RuntimeContext = createContext<Runtime | null>(null);

/** Gives every renderer component below it one app, one set of services and one registry. */
export function RuntimeProvider({ runtime, children }: { runtime: Runtime; children: ReactNode }) {
  return <RuntimeContext.Provider value={runtime}>{children}</RuntimeContext.Provider>;
}

/** The runtime of the surrounding RuntimeProvider; using a renderer component outside one is a bug. */
export function useRuntime(): Runtime {
  const r = useContext(RuntimeContext);
  if (!r) throw new Error('renderer components must be inside <RuntimeProvider>');
  return r;
}
