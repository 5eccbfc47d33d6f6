import type { AppInput, Locale } from '@stagecraft/schema';
import { App } from '@stagecraft/schema';
import { formFor } from '../form/default-form.js';
import { FormRenderer } from '../form/FormRenderer.js';
import type { RuleSession } from '../rules/rule-session.js';
import type { RecordData } from '../services/runtime-services.js';
import type { MemoryServices } from './memory-services.js';
import { renderWithRuntime } from './render-runtime.js';

/**
 * Renders the form of one entity of an app document as the runtime shows it, for suites that
 * cannot write JSX (template packs test their own documents with it). Saves go to `services`.
 */
export function renderForm(
  app: AppInput,
  options: {
    entity: string;
    form?: string;
    session: RuleSession;
    services: MemoryServices;
    locale?: Locale;
    onSaved?: (record: RecordData) => void;
  },
) {
  const parsed = App.parse(app);
  const entity = parsed.entities.find((e) => e.id === options.entity);
  if (!entity) throw new Error(`no entity ${options.entity}`);
  const form = formFor(parsed, entity, options.form);
  return renderWithRuntime(
    <FormRenderer form={form} entity={entity} onSaved={options.onSaved ?? (() => {})} />,
    app,
    {
      services: options.services,
      session: options.session,
      ...(options.locale ? { locale: options.locale } : {}),
    },
  );
}
