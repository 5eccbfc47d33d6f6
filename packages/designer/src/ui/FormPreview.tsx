import { FormRenderer, type RecordData, RuntimeProvider, useRuntime } from '@stagecraft/renderer';
import type { App, Entity, Form } from '@stagecraft/schema';
import { Component, type ReactNode, useMemo, useState } from 'react';
import { useDesigner } from './designer-context.js';

/**
 * The form as end users will get it: the runtime's own FormRenderer over the draft, with writes
 * answered locally so trying the form saves nothing. The sample record pre-fills it to try conditions.
 */
export function FormPreview({ app, form, entity }: { app: App; form: Form; entity: Entity }) {
  const { t } = useDesigner();
  const outer = useRuntime();
  const [sample, setSample] = useState('{}');
  const [note, setNote] = useState('');
  const parsed = useMemo(() => {
    try {
      const v = JSON.parse(sample) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }, [sample]);
  const runtime = useMemo(() => {
    const fake = async (_e: string, ...rest: unknown[]) => {
      const values = rest.find((x) => x && typeof x === 'object') as Record<string, unknown>;
      setNote(t('previewSaved'));
      return { ok: true as const, value: { id: 'preview', version: 1, ...values } as RecordData };
    };
    return {
      ...outer,
      app,
      services: { ...outer.services, createRecord: fake, updateRecord: fake } as typeof outer.services,
    };
  }, [outer, app, t]);
  const record =
    parsed && Object.keys(parsed).length > 0
      ? ({ id: 'sample', version: 1, ...parsed } as RecordData)
      : undefined;
  return (
    <section className="sc-preview" aria-label={t('preview')}>
      <h3>{t('preview')}</h3>
      <label className="sc-sample">
        {t('sampleRecord')}
        <textarea rows={3} value={sample} onChange={(e) => setSample(e.target.value)} spellCheck={false} />
      </label>
      {note && <p className="sc-muted">{note}</p>}
      <PreviewBoundary key={JSON.stringify([form, entity, record])}>
        <RuntimeProvider runtime={runtime}>
          <FormRenderer
            form={form}
            entity={entity}
            {...(record ? { record } : {})}
            onSaved={() => setNote(t('previewSaved'))}
          />
        </RuntimeProvider>
      </PreviewBoundary>
    </section>
  );
}

/** A draft can be half-edited; a preview that cannot render says so instead of breaking the designer. */
class PreviewBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    return this.state.error ? (
      <p className="sc-state sc-state-error">{this.state.error}</p>
    ) : (
      this.props.children
    );
  }
}
