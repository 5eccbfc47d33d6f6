/**
 * The embedded default BlobStorage: one file per key under a root folder (`DATA_DIR/files`).
 * Bytes are written to a `.part` file and renamed into place only when complete, so a refused or
 * broken upload never leaves a file under its key.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type BlobStorage, BlobTooLargeError, type PutResult } from './blob-storage.js';

const HEAD_BYTES = 32;

export class DiskBlobStorage implements BlobStorage {
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file of a key; keys are `a-z0-9-_/.` paths that never leave the root. */
  pathOf(key: string): string {
    if (!/^[A-Za-z0-9_\-./]+$/.test(key) || key.split('/').some((p) => p === '' || p === '.' || p === '..')) {
      throw new TypeError(`invalid blob key: ${key}`);
    }
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new TypeError(`invalid blob key: ${key}`);
    return path;
  }

  async put(
    key: string,
    body: Readable | AsyncIterable<Uint8Array>,
    options: { maxBytes?: number } = {},
  ): Promise<PutResult> {
    const path = this.pathOf(key);
    const part = `${path}.part`;
    await mkdir(dirname(path), { recursive: true });
    const out = createWriteStream(part, { flags: 'wx' });
    // Open before reading: a stream destroyed while still opening would create the file after cleanup.
    await once(out, 'ready');
    const hash = createHash('sha256');
    const head: number[] = [];
    let size = 0;
    try {
      for await (const chunk of body) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.length;
        if (options.maxBytes !== undefined && size > options.maxBytes)
          throw new BlobTooLargeError(options.maxBytes);
        for (let i = 0; head.length < HEAD_BYTES && i < bytes.length; i++) head.push(bytes[i] as number);
        hash.update(bytes);
        if (!out.write(bytes)) await new Promise<void>((done) => out.once('drain', done));
      }
      out.end();
      await finished(out);
      await rename(part, path);
    } catch (error) {
      // Let pending writes settle (destroying now would fail them asynchronously), then remove the part file.
      if (!out.writableFinished) out.end();
      await finished(out).catch(() => undefined);
      await rm(part, { force: true });
      throw error;
    }
    return { size, sha256: hash.digest('hex'), head: Uint8Array.from(head) };
  }

  async get(key: string): Promise<Readable | null> {
    const path = this.pathOf(key);
    try {
      await stat(path);
    } catch {
      return null;
    }
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  /** Every file under the root, `.part` files included (tests assert a refused upload left none). */
  async listAll(): Promise<string[]> {
    try {
      const entries = await readdir(this.root, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(this.root.length + 1));
    } catch {
      return [];
    }
  }
}
