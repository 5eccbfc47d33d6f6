import { useEffect, useId, useMemo, useRef } from 'react';
import { lineColumn, locatePointer } from '../publish/json-locate.js';
import { applySchema, completionIds, monaco } from './load-monaco.js';

/** A problem found on the parsed JSON, at a JSON pointer into it. */
export interface JsonIssue {
  path: string;
  message: string;
}

/** Props of the lazy JSON editor. */
export interface MonacoJsonEditorProps {
  value: string;
  onChange(text: string): void;
  /** JSON Schema the text is validated against by Monaco's JSON worker. */
  schema?: unknown;
  /** Our own checks of the parsed value (rules, references), shown as markers at their path. */
  check?(value: unknown): JsonIssue[];
  /** Ids offered by completion (field ids). */
  completions?: string[];
  height?: number;
  label: string;
}

interface Mark {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  path: string;
  message: string;
}

/** Our checks of the text, placed at their JSON paths; none while the text does not parse. */
function marksOf(text: string, check: ((value: unknown) => JsonIssue[]) | undefined): Mark[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  return (check?.(parsed) ?? []).map((issue) => {
    const range = locatePointer(text, issue.path) ?? { start: 0, end: 1 };
    const a = lineColumn(text, range.start);
    const b = lineColumn(text, range.end);
    return { ...issue, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  });
}

/** Monaco on one JSON text, with schema validation, path-exact markers and field-id completion. */
export function MonacoJsonEditor({
  value,
  onChange,
  schema,
  check,
  completions,
  height = 320,
  label,
}: MonacoJsonEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const uid = useId().replace(/[^a-zA-Z0-9]/g, '');
  const uri = `inmemory://stagecraft/${uid}.json`;
  // Markers follow the text the host holds (`value`), computed in render so they never go stale.
  const marks = useMemo(() => marksOf(value, check), [value, check]);
  const latest = useRef({ onChange, check });
  const emitted = useRef(new Set<string>());
  latest.current = { onChange, check };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is created once per mount; later values arrive through the effect below
  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel(value, 'json', monaco.Uri.parse(uri));
    const ed = monaco.editor.create(host.current, {
      model,
      minimap: { enabled: false },
      automaticLayout: true,
      fontSize: 13,
      scrollBeyondLastLine: false,
      ariaLabel: label,
    });
    editor.current = ed;
    // Markers in the editor are placed at once from the model's own text.
    const mark = () => {
      const found = marksOf(model.getValue(), latest.current.check);
      monaco.editor.setModelMarkers(
        model,
        'stagecraft',
        found.map((m) => ({
          severity: monaco.MarkerSeverity.Error,
          message: `${m.message} (${m.path})`,
          startLineNumber: m.line,
          startColumn: m.column,
          endLineNumber: m.endLine,
          endColumn: m.endColumn,
        })),
      );
    };
    mark();
    const sub = model.onDidChangeContent(() => {
      mark();
      const text = model.getValue();
      emitted.current.add(text);
      latest.current.onChange(text);
    });
    return () => {
      sub.dispose();
      ed.dispose();
      model.dispose();
      completionIds.delete(uri);
    };
  }, []);

  // Only a value from outside replaces the text: the echo of what was typed arrives a render late,
  // and setting it back would drop the keys typed meanwhile.
  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model || emitted.current.has(value)) return;
    emitted.current.clear();
    if (model.getValue() !== value) model.setValue(value);
  }, [value]);
  useEffect(() => {
    if (schema) applySchema(uri, schema);
  }, [schema, uri]);
  useEffect(() => {
    completionIds.set(uri, completions ?? []);
  }, [completions, uri]);

  return (
    <div className="sc-json-editor">
      <div ref={host} style={{ height }} data-testid="monaco-host" />
      {marks.length > 0 && (
        <ul className="sc-json-markers" aria-live="polite">
          {marks.map((m) => (
            <li key={`${m.path}:${m.message}`} data-path={m.path}>
              <code>
                {m.line}:{m.column}
              </code>{' '}
              <code>{m.path}</code> {m.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
