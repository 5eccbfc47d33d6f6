import type { App, Locale } from '@stagecraft/schema';
import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { Command } from '../core/command.js';
import type { DesignerCore, DesignerState } from '../core/designer-core.js';
import type { T } from '../i18n/messages.js';
import { useDesignerT } from '../i18n/use-designer-t.js';
import type { Target } from '../publish/problems.js';

/** What every designer component reads: the core, its state, the language and the selection. */
export interface DesignerContextValue {
  core: DesignerCore;
  locale: Locale;
  t: T;
  published: App | undefined;
  /** The element the property panels show (set by clicks and by problem links). */
  selection: Target;
  select(target: Target): void;
}

const Ctx = createContext<DesignerContextValue | null>(null);

/** Puts one designer session under its components. */
export function DesignerProvider({
  value,
  children,
}: {
  value: Omit<DesignerContextValue, 't'>;
  children: ReactNode;
}) {
  const t = useDesignerT(value.locale);
  return <Ctx.Provider value={{ ...value, t }}>{children}</Ctx.Provider>;
}

/** The designer session plus its current state and a shortcut to run a command. */
export function useDesigner(): DesignerContextValue & { state: DesignerState; run(cmd: Command): void } {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('designer components must be inside <DesignerProvider>');
  const state = useSyncExternalStore(
    (cb) => ctx.core.subscribe(cb),
    () => ctx.core.state,
  );
  return { ...ctx, state, run: (cmd) => ctx.core.execute(cmd) };
}
