import type { AppInput, Locale } from '@stagecraft/schema';
import { App } from '@stagecraft/schema';
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach } from 'vitest';
import { createI18n } from '../i18n/create-i18n.js';
import type { ComponentRegistry } from '../registry/component-registry.js';
import { createDefaultRegistry } from '../registry/default-registry.js';
import { defaultRuleRuntime } from '../rules/rule-runtime.js';
import { localRuleSession, type RuleSession } from '../rules/rule-session.js';
import { RuntimeProvider } from '../runtime/runtime-context.js';
import { MemoryServices } from './memory-services.js';

afterEach(() => cleanup());

// jsdom has no layout: give elements a viewport-sized box so virtualized lists render a window of
// rows as they do in a browser (the virtualizer reads clientWidth/clientHeight of the scroller).
for (const [prop, size] of [
  ['clientHeight', 600],
  ['clientWidth', 1024],
] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => size });
}

/**
 * Renders a renderer component inside a runtime built from a (parsed) app document, with the default
 * registry unless the test brings one (extended the way a shell would).
 */
export function renderWithRuntime(
  ui: ReactElement,
  app: AppInput,
  options: {
    locale?: Locale;
    services?: MemoryServices;
    registry?: ComponentRegistry;
    /** The rule session (server clock, zone, user); a local-clock one in the app's zone by default. */
    session?: RuleSession;
  } = {},
) {
  const services = options.services ?? new MemoryServices();
  const parsed = App.parse(app);
  services.app ??= parsed;
  const i18n = createI18n(options.locale ?? 'en');
  const result = render(
    <I18nextProvider i18n={i18n}>
      <RuntimeProvider
        runtime={{
          app: parsed,
          services,
          registry: options.registry ?? createDefaultRegistry(),
          rules: defaultRuleRuntime,
          session: options.session ?? localRuleSession(parsed.settings?.timeZone),
        }}
      >
        {ui}
      </RuntimeProvider>
    </I18nextProvider>,
  );
  return { ...result, services, app: parsed, i18n };
}
