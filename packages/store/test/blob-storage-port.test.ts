/**
 * The store takes any BlobStorage (the port an S3-compatible store would implement): uploads and
 * reads go through it, and the files folder is not touched.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { BlobStorage, PutResult } from '../src/attachments/blob-storage.js';
import { BlobTooLargeError } from '../src/attachments/blob-storage.js';
import { openStore } from '../src/store.js';
import { createOrgFixture } from '../src/testing/index.js';

/** Bytes in a Map: the smallest storage that honours the contract. */
class MemoryBlobStorage implements BlobStorage {
  readonly objects = new Map<string, Buffer>();
  async put(
    key: string,
    body: Readable | AsyncIterable<Uint8Array>,
    options: { maxBytes?: number } = {},
  ): Promise<PutResult> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (options.maxBytes !== undefined && size > options.maxBytes)
        throw new BlobTooLargeError(options.maxBytes);
      chunks.push(Buffer.from(chunk));
    }
    const bytes = Buffer.concat(chunks);
    this.objects.set(key, bytes);
    return { size, sha256: createHash('sha256').update(bytes).digest('hex'), head: bytes.subarray(0, 64) };
  }
  async get(key: string): Promise<Readable | null> {
    const bytes = this.objects.get(key);
    return bytes ? Readable.from([bytes]) : null;
  }
  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }
  async has(key: string): Promise<boolean> {
    return this.objects.has(key);
  }
  async listAll(): Promise<string[]> {
    return [...this.objects.keys()];
  }
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

describe('a store with its own blob storage [pglite]', () => {
  it('keeps uploaded bytes there and reads them back from there', async () => {
    const blobs = new MemoryBlobStorage();
    const store = await openStore({ memory: true, blobs });
    try {
      expect(store.blobs).toBe(blobs);
      const org = await createOrgFixture(store);
      const actor = org.actors.east1Rep;
      const up = await store.attachments.upload(actor, {
        name: 'minutes.pdf',
        declaredMime: 'application/pdf',
        declaredSize: PDF.length,
        body: Readable.from([PDF]),
        maxBytes: 1024,
        now: new Date('2026-04-01T09:00:00.000Z'),
      });
      if (!up.ok) throw new Error(JSON.stringify(up.issues));
      expect(up.value.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
      expect([...blobs.objects.values()].some((b) => b.equals(PDF))).toBe(true);
      const opened = await store.attachments.open(actor, up.value.id);
      if (!opened.ok) throw new Error('not found');
      const chunks: Buffer[] = [];
      for await (const c of opened.value.body) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).equals(PDF)).toBe(true);

      const refused = await store.attachments.upload(actor, {
        name: 'big.pdf',
        declaredMime: 'application/pdf',
        body: Readable.from([PDF, Buffer.alloc(2000, 1)]),
        maxBytes: 1024,
        now: new Date('2026-04-01T09:00:00.000Z'),
      });
      expect(refused.ok).toBe(false);
      expect(await blobs.listAll()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
