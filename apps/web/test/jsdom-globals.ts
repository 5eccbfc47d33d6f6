/**
 * A DOM for a test that also runs the real server in the same process. Vitest's jsdom environment
 * replaces globals the server needs (its `URL` and `import.meta.url` are not file URLs to
 * `fileURLToPath`), so such a test stays in the node environment and imports this module first:
 * it adds jsdom's window properties that Node lacks, keeping Node's own (URL, fetch, FormData, File).
 */
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', {
  url: 'http://localhost/',
  pretendToBeVisual: true,
});
const win = dom.window as unknown as Record<string, unknown>;
for (const key of Object.getOwnPropertyNames(win)) {
  if (key.startsWith('_') || key in globalThis) continue;
  Object.defineProperty(globalThis, key, { configurable: true, get: () => win[key] });
}
Object.defineProperty(globalThis, 'window', { configurable: true, value: dom.window });
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
