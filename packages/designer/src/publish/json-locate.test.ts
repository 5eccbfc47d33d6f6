import { describe, expect, it } from 'vitest';
import { lineColumn, locatePointer } from './json-locate.js';

describe('locatePointer', () => {
  const text = JSON.stringify(
    { forms: [{ id: 'f', sections: [{ items: [{ id: 'a' }, { id: 'b', visibleWhen: { '==': [1] } }] }] }] },
    null,
    2,
  );
  it('finds the value at a pointer', () => {
    const r = locatePointer(text, '/forms/0/sections/0/items/1/visibleWhen');
    expect(r && text.slice(r.start, r.end).replace(/\s/g, '')).toBe('{"==":[1]}');
    expect(lineColumn(text, r?.start ?? 0).line).toBe(text.slice(0, r?.start).split('\n').length);
  });
  it('falls back to the nearest existing member and gives up on broken JSON', () => {
    const r = locatePointer(text, '/forms/0/label');
    expect(r && text.slice(r.start, r.end)).toMatch(/^\{\s+"id": "f"[\s\S]*\}$/);
    expect(locatePointer('{"a": [1,', '/a')).toBeNull();
  });
});
