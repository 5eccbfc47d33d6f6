/**
 * Where uploaded bytes live. One small interface (put/get/delete by key) so the embedded default
 * (files under `DATA_DIR/files`) and an S3-compatible store are interchangeable; the attachment
 * repository keeps the metadata in the database and only the key points here.
 */
import type { Readable } from 'node:stream';

/** What `put` learned while streaming the bytes in. */
export interface PutResult {
  size: number;
  sha256: string;
  /** The first bytes of the blob, for magic-byte type checks. */
  head: Uint8Array;
}

/** A put refused because the stream was longer than `maxBytes`; nothing is left behind. */
export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob exceeds ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

export interface BlobStorage {
  /**
   * Streams `body` to `key`, hashing and counting as it goes. Over `maxBytes` it stops reading,
   * removes what was written and throws BlobTooLargeError; any other failure also leaves nothing.
   */
  put(
    key: string,
    body: Readable | AsyncIterable<Uint8Array>,
    options?: { maxBytes?: number },
  ): Promise<PutResult>;
  /** The bytes at `key`, or null when there is none. */
  get(key: string): Promise<Readable | null>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Whether `key` holds bytes (cleanup checks and tests). */
  has(key: string): Promise<boolean>;
  /** Every stored object, partial uploads included (cleanup checks: a refused upload leaves none). */
  listAll(): Promise<string[]>;
}
