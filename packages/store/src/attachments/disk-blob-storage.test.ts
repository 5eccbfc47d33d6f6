import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobTooLargeError } from './blob-storage.js';
import { DiskBlobStorage } from './disk-blob-storage.js';

const root = mkdtempSync(join(tmpdir(), 'blob-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('DiskBlobStorage', () => {
  const blobs = new DiskBlobStorage(root);

  it('streams bytes in with their size, sha256 and head, and reads them back', async () => {
    const put = await blobs.put('ws/a1', Readable.from([Buffer.from('hello '), Buffer.from('world')]));
    expect(put.size).toBe(11);
    expect(put.sha256).toBe('b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9');
    expect(Buffer.from(put.head).toString()).toBe('hello world');
    const body = await blobs.get('ws/a1');
    const chunks: Buffer[] = [];
    for await (const c of body ?? []) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello world');
    await blobs.delete('ws/a1');
    expect(await blobs.has('ws/a1')).toBe(false);
    expect(await blobs.get('ws/a1')).toBeNull();
  });

  it('stops over the limit and leaves no file, not even a partial one', async () => {
    const many = Array.from({ length: 50 }, () => Buffer.alloc(1024, 7));
    await expect(blobs.put('ws/big', Readable.from(many), { maxBytes: 10_000 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    expect(await blobs.listAll()).toEqual([]);
  });

  it('refuses keys that would leave the root', async () => {
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', 'a/./b', 'a b']) {
      await expect(blobs.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(/invalid blob key/);
    }
  });
});
