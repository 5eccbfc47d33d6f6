import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewProps } from '../registry/component-registry.js';
import { useRuntime } from '../runtime/runtime-context.js';

/**
 * Shows a view document with the component its type is registered under, so list, board and any
 * view type a shell adds go through one door. Lazy view components load behind a loading state.
 */
export function ViewRenderer(props: ViewProps) {
  const { t } = useTranslation();
  const { registry } = useRuntime();
  const View = registry.view(props.view.type);
  if (!View)
    return (
      <p className="sc-state" role="alert">
        {t('view.unknownType', { type: props.view.type })}
      </p>
    );
  return (
    <Suspense fallback={<p className="sc-state">{t('view.loading')}</p>}>
      <View key={props.view.id} {...props} />
    </Suspense>
  );
}
