import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims a PGlite data folder for this process: PGlite has no cross-process locking, and two
 * processes writing one folder corrupt it. A lock left by a process that no longer runs is taken
 * over. The lock file sits beside the folder (`<dir>.lock`), never inside PostgreSQL's own files.
 * Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  const path = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      // Our own pid in the file is a leftover of an earlier life (containers restart as the same pid).
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder))
        throw new Error(
          `The data folder ${dir} is in use by process ${holder}; stop it first, or use PostgreSQL for several processes.`,
        );
      unlinkSync(path); // stale lock of a process that died
    }
  }
  throw new Error(`Could not lock the data folder ${dir}.`);
}
