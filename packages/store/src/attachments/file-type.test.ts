import { describe, expect, it } from 'vitest';
import { checkFileType, sniff } from './file-type.js';

const bytes = (...b: (number | string)[]) =>
  Uint8Array.from(b.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const PNG = bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a);
const PDF = bytes('%PDF-1.7');
const ZIP = bytes('PK', 3, 4);
const WEBP = bytes('RIFF', 0, 0, 0, 0, 'WEBP');

describe('checkFileType', () => {
  it('accepts files whose name, declared type and bytes agree, storing the canonical type', () => {
    expect(checkFileType('door.JPG', 'image/jpeg', JPEG)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(checkFileType('shelf.png', undefined, PNG)).toEqual({ ok: true, mime: 'image/png' });
    expect(checkFileType('shot.webp', 'application/octet-stream', WEBP)).toEqual({
      ok: true,
      mime: 'image/webp',
    });
    expect(checkFileType('last-page.pdf', 'application/x-pdf', PDF)).toEqual({
      ok: true,
      mime: 'application/pdf',
    });
    expect(checkFileType('list.csv', 'application/vnd.ms-excel', bytes('sku,qty\n'))).toEqual({
      ok: true,
      mime: 'text/csv',
    });
    expect(checkFileType('offer.docx', undefined, ZIP).ok).toBe(true);
  });

  it('refuses disallowed extensions, disguised content and contradicting declared types', () => {
    expect(checkFileType('tool.exe', undefined, bytes('MZ')).ok).toBe(false);
    expect(checkFileType('noext', undefined, PDF).ok).toBe(false);
    expect(checkFileType('photo.jpg', 'image/jpeg', PNG).ok).toBe(false);
    expect(checkFileType('photo.jpg', 'image/jpeg', bytes('<svg onload=x>')).ok).toBe(false);
    expect(checkFileType('notes.txt', 'text/plain', bytes(0x7f, 'ELF')).ok).toBe(false);
    expect(checkFileType('notes.txt', 'text/plain', PDF).ok).toBe(false);
    expect(checkFileType('page.pdf', 'text/html', PDF).ok).toBe(false);
    expect(checkFileType('offer.docx', undefined, bytes('plain text')).ok).toBe(false);
  });

  it('sniffs the magic bytes of images, PDF, ZIP and executables', () => {
    expect([JPEG, PNG, PDF, ZIP, WEBP, bytes('GIF89a'), bytes('MZ'), bytes('hello')].map(sniff)).toEqual([
      'image/jpeg',
      'image/png',
      'application/pdf',
      'application/zip',
      'image/webp',
      'image/gif',
      'application/x-executable',
      undefined,
    ]);
  });
});
