/**
 * Demo files per owner. Access to a file follows the records that hold it, so one photo shared by
 * every rep's records would be readable by everyone who can read any of them. Each owner gets
 * copies of their own instead, and a record refers to its owner's copy.
 */
import type { DemoFile } from './demo-data.js';

/** The key of `owner`'s copy of the file `key`. */
export function ownedFileKey(key: string, owner: string): string {
  return `${key}@${owner}`;
}

/** One copy of each file per owner, keyed by `ownedFileKey` (same name and bytes). */
export function ownedFiles(files: readonly DemoFile[], owners: readonly string[]): DemoFile[] {
  return owners.flatMap((owner) => files.map((f) => ({ ...f, key: ownedFileKey(f.key, owner) })));
}
