import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, tooDeepAt } from './json-depth.js';
import { badTextAt, decodeUtf8, isStorableText } from './text-check.js';

const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;

describe('tooDeepAt', () => {
  it('accepts JSON up to the limit and refuses one level more', () => {
    expect(tooDeepAt(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(tooDeepAt(nested(MAX_JSON_DEPTH + 1))).toBe('/0'.repeat(MAX_JSON_DEPTH));
    expect(tooDeepAt(nested(100_000))).not.toBeNull();
  });

  it('names the path through keys and indices, and ignores brackets inside strings', () => {
    expect(tooDeepAt('{"a":[1,{"b/c":[[]]}]}', 4)).toBe('/a/1/b~1c/0');
    expect(tooDeepAt('{"a":"[[[[[[["}', 1)).toBeNull();
    expect(tooDeepAt('{"a\\"[":{"b":1}}', 1)).toBe('/a"[');
  });
});

describe('text checks', () => {
  it('refuses NUL and lone surrogates, keeps pairs', () => {
    expect(isStorableText('ok 😀 中文')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\uD800x')).toBe(false);
    expect(isStorableText('x\uDC00')).toBe(false);
  });

  it('names the first bad string or key', () => {
    expect(badTextAt({ a: [1, 'ok', 'b\u0000'] })).toBe('/a/2');
    expect(badTextAt({ 'k\uD800': 1 }, '/query')).toBe('/query/k\uD800');
    expect(badTextAt({ a: { b: 'fine' } })).toBeNull();
  });

  it('decodes UTF-8 strictly', () => {
    expect(decodeUtf8(Buffer.from('中文'))).toBe('中文');
    expect(decodeUtf8(Buffer.from([0x7b, 0xff, 0x7d]))).toBeNull();
    expect(decodeUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBeNull();
  });
});
