import { FormRenderer, formFor, useRuntime } from '@stagecraft/renderer';
import type { Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import { navigate } from '../shell/route.js';

/** Creates a record: nothing is sent before Save; after it the record page opens. */
export function FormPage({
  app,
  entity,
  form,
  prefill,
}: {
  app: string;
  entity: string;
  form?: string;
  /** Field values the form starts with (`?field=id` in the address: "new … here" of a related list). */
  prefill?: Record<string, string> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const runtime = useRuntime();
  const doc = runtime.app.entities.find((e) => e.id === entity);
  if (!doc) return <p className="sc-state">{t('shell.notFound')}</p>;
  const formDoc = formFor(runtime.app, doc, form);
  return (
    <section className="form-page">
      <h1>{t('shell.newRecord', { entity: localize(doc.label, locale) })}</h1>
      <FormRenderer
        form={formDoc}
        entity={doc}
        draftKey={`stagecraft:draft:${app}:${entity}:${formDoc.id}`}
        {...(prefill ? { initial: prefill } : {})}
        onSaved={(r) => navigate({ page: 'record', app, entity, id: r.id })}
        onCancel={() => window.history.back()}
      />
    </section>
  );
}
