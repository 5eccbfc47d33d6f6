/** Where the embedded blob storage keeps files: `DATA_DIR/files`, or a fresh temp folder for in-memory stores. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function filesDirOf(options: { filesDir?: string; dataDir?: string; memory?: boolean }): string {
  if (options.filesDir) return options.filesDir;
  if (options.memory) return mkdtempSync(join(tmpdir(), 'stagecraft-files-'));
  return join(options.dataDir ?? process.env.DATA_DIR ?? './data', 'files');
}
