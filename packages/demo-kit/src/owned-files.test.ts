import { describe, expect, it } from 'vitest';
import { ownedFileKey, ownedFiles } from './owned-files.js';

describe('ownedFiles', () => {
  it('gives every owner a copy of every file, under a key of its own', () => {
    const bytes = Uint8Array.of(1, 2, 3);
    const files = ownedFiles(
      [
        { key: 'door', name: 'door.png', mime: 'image/png', bytes },
        { key: 'shelf', name: 'shelf.png', mime: 'image/png', bytes },
      ],
      ['rep1', 'rep2'],
    );
    expect(files.map((f) => f.key)).toEqual(['door@rep1', 'shelf@rep1', 'door@rep2', 'shelf@rep2']);
    expect(new Set(files.map((f) => f.key)).size).toBe(4);
    expect(files[2]).toMatchObject({ name: 'door.png', mime: 'image/png', bytes });
    expect(ownedFileKey('door', 'rep2')).toBe('door@rep2');
  });
});
