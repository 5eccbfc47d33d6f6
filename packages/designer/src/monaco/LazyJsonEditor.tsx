import { lazy, Suspense } from 'react';
import type { MonacoJsonEditorProps } from './MonacoJsonEditor.js';

const Editor = lazy(() => import('./MonacoJsonEditor.js').then((m) => ({ default: m.MonacoJsonEditor })));

/** The JSON editor, fetched with Monaco on first use only. */
export function LazyJsonEditor(props: MonacoJsonEditorProps & { loading: string }) {
  const { loading, ...rest } = props;
  return (
    <Suspense fallback={<p className="sc-state">{loading}</p>}>
      <Editor {...rest} />
    </Suspense>
  );
}
