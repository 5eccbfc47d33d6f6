/**
 * Monaco with its web workers set up for Vite. Only this module imports monaco-editor, and it is
 * reached through dynamic import() alone, so Monaco lands in its own chunk that only the designer
 * loads; the runtime pages never download it. The worker paths follow monaco-editor's export map
 * (`./*` → `esm/vs/*.js`), which is why they read `monaco-editor/editor/editor.worker`.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

/** Field ids offered by completion, per model URI (set by each editor for its own model). */
export const completionIds = new Map<string, string[]>();

monaco.languages.registerCompletionItemProvider('json', {
  triggerCharacters: ['"'],
  provideCompletionItems(model, position) {
    const ids = completionIds.get(model.uri.toString()) ?? [];
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(
      position.lineNumber,
      word.startColumn,
      position.lineNumber,
      word.endColumn,
    );
    return {
      suggestions: ids.map((id) => ({
        label: id,
        kind: monaco.languages.CompletionItemKind.Field,
        insertText: id,
        detail: 'field',
        range,
      })),
    };
  },
});

/** Schemas known to the JSON language service, by model URI (each editor adds its own). */
const schemas = new Map<string, { uri: string; fileMatch: string[]; schema: unknown }>();

/** Validates the model at `modelUri` against `schema` (markers from Monaco's JSON worker). */
export function applySchema(modelUri: string, schema: unknown): void {
  schemas.set(modelUri, {
    uri: `stagecraft://schema/${schemas.size}/${encodeURIComponent(modelUri)}`,
    fileMatch: [modelUri],
    schema,
  });
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    enableSchemaRequest: false,
    schemas: [...schemas.values()],
  });
}

export { monaco };
