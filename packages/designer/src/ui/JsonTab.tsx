import { APP_LISTS, appJsonSchema, type DocumentKind, documentJsonSchema } from '@stagecraft/schema';
import { useMemo, useState } from 'react';
import { pointerToPath } from '../core/path-edit.js';
import { LazyJsonEditor } from '../monaco/LazyJsonEditor.js';
import { replaceDocument, setAt } from '../ops/validation-rule-ops.js';
import { problemsOf } from '../publish/problems.js';
import { useDesigner } from './designer-context.js';

const KINDS: Record<string, DocumentKind> = APP_LISTS;

/**
 * Any document in Monaco: the whole app or one element, validated against its JSON Schema by
 * Monaco and against the publish checks by us (markers at the exact JSON path), with field-id
 * completion. Apply makes the text one undoable edit.
 */
export function JsonTab() {
  const { state, t, locale, run, published } = useDesigner();
  const app = state.doc;
  const [target, setTarget] = useState('');
  const docs = useMemo(
    () =>
      Object.keys(KINDS).flatMap((list) =>
        ((app as unknown as Record<string, { id: string }[]>)[list] ?? []).map((d, i) => ({
          key: `/${list}/${i}`,
          label: `${list} / ${d.id}`,
        })),
      ),
    [app],
  );
  const path = pointerToPath(target);
  const current = path.reduce<unknown>(
    (v, k) => (v as Record<string | number, unknown> | undefined)?.[k],
    app,
  );
  const original = useMemo(() => JSON.stringify(current, null, 2), [current]);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = text ?? original;
  const schema = useMemo(
    () => (path.length === 0 ? appJsonSchema() : documentJsonSchema(KINDS[String(path[0])] as DocumentKind)),
    [path[0], path.length],
  );
  const fieldIds = useMemo(() => [...new Set(app.entities.flatMap((e) => e.fields.map((f) => f.id)))], [app]);
  const check = (parsed: unknown) => {
    const whole = path.length === 0 ? parsed : setAt(path, parsed).run(app);
    return problemsOf(whole as typeof app, published, locale)
      .filter((p) => p.path === target || p.path.startsWith(`${target}/`))
      .map((p) => ({ path: p.path.slice(target.length) || '', message: p.message }));
  };
  return (
    <div className="sc-json-tab">
      <div className="sc-toolbar-row">
        <label>
          {t('jsonDocument')}{' '}
          <select
            aria-label={t('jsonDocument')}
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              setText(null);
            }}
          >
            <option value="">app / {app.id}</option>
            {docs.map((d) => (
              <option key={d.key} value={d.key}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="sc-button sc-primary"
          disabled={text === null || text === original}
          onClick={() => {
            try {
              const parsed: unknown = JSON.parse(shown);
              run(path.length === 0 ? replaceDocument(parsed) : setAt(path, parsed));
              setText(null);
              setError(null);
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          {t('jsonApply')}
        </button>
      </div>
      {error && <p className="sc-state sc-state-error">{t('jsonInvalid', { m: error })}</p>}
      <LazyJsonEditor
        key={target}
        loading={t('loadingEditor')}
        label={t('tabJson')}
        value={shown}
        onChange={setText}
        schema={schema}
        check={check}
        completions={fieldIds}
        height={Math.max(400, (typeof window === 'undefined' ? 800 : window.innerHeight) - 280)}
      />
    </div>
  );
}
