import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngFile, tinyPng } from './png.js';

/** The chunks of a PNG (type and data), each CRC checked against zlib's. */
function chunks(bytes: Uint8Array): { type: string; data: Buffer }[] {
  const buf = Buffer.from(bytes);
  const out: { type: string; data: Buffer }[] = [];
  for (let o = 8; o < buf.length; ) {
    const length = buf.readUInt32BE(o);
    expect(buf.readUInt32BE(o + 8 + length)).toBe(crc32(buf.subarray(o + 4, o + 8 + length)));
    out.push({ type: buf.toString('latin1', o + 4, o + 8), data: buf.subarray(o + 8, o + 8 + length) });
    o += 12 + length;
  }
  return out;
}

describe('tiny PNG', () => {
  it('encodes a valid RGB image whose pixels decode back', () => {
    const png = tinyPng(3, 2, (x, y) => [x * 10, y * 20, 7]);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [ihdr, idat, iend] = chunks(png);
    expect([ihdr?.type, idat?.type, iend?.type]).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([ihdr?.data.readUInt32BE(0), ihdr?.data.readUInt32BE(4)]).toEqual([3, 2]);
    const raw = inflateSync(idat?.data ?? Buffer.alloc(0));
    // each row: filter byte 0, then RGB per pixel
    expect([...raw]).toEqual([0, 0, 0, 7, 10, 0, 7, 20, 0, 7, 0, 0, 20, 7, 10, 20, 7, 20, 20, 7]);
  });

  it('wraps an image as a demo file', () => {
    const file = pngFile('door', 'door.png', { width: 2, height: 2 }, () => [1, 2, 3]);
    expect(file).toMatchObject({ key: 'door', name: 'door.png', mime: 'image/png' });
    expect(file.bytes.length).toBeGreaterThan(40);
  });
});
