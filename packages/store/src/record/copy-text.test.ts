import { describe, expect, it } from 'vitest';
import { copyField, copyLines } from './copy-text.js';

describe('COPY text format', () => {
  it('writes null as \\N and escapes the separators', () => {
    expect(copyField(null, 'text')).toBe('\\N');
    expect(copyField(undefined, 'date')).toBe('\\N');
    expect(copyField('a\tb\nc\rd\\e', 'text')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('\\N', 'text')).toBe('\\\\N');
  });

  it('writes JSON for jsonb and text for the rest', () => {
    expect(copyField({ a: 'x\ny' }, 'jsonb')).toBe('{"a":"x\\\\ny"}');
    expect(copyField('plain', 'jsonb')).toBe('"plain"');
    expect(copyField(12.5, 'numeric(20,2)')).toBe('12.5');
    expect(copyField(false, 'boolean')).toBe('false');
    expect(copyField(new Date(0), 'timestamptz')).toBe('1970-01-01T00:00:00.000Z');
  });

  it('joins rows into lines in the columns order', () => {
    const columns = [
      ['line', 'integer'],
      ['title', 'text'],
    ] as const;
    expect(copyLines([{ title: 't', line: 2 }, { line: 3 }], columns)).toEqual(['2\tt\n3\t\\N\n']);
    expect(copyLines([], columns)).toEqual([]);
  });

  it('cuts long batches into chunks of whole lines', () => {
    const long = 'x'.repeat(40_000);
    const chunks = copyLines(
      [1, 2, 3].map((line) => ({ line, title: long })),
      [
        ['line', 'integer'],
        ['title', 'text'],
      ],
    );
    expect(chunks.length).toBe(2);
    expect(chunks.join('').split('\n')).toEqual([`1\t${long}`, `2\t${long}`, `3\t${long}`, '']);
  });
});
