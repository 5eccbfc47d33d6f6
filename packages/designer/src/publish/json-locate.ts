/**
 * Where a JSON pointer lands in JSON text: the character range of the value (or of the key, for a
 * member that is missing there). Monaco markers are placed with it, so a problem found on the
 * parsed document shows at the exact spot in the editor.
 */
export interface TextRange {
  start: number;
  end: number;
}

/** Offset → 1-based line and column, as editors count them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** The range of the value at `pointer`, or of its nearest existing ancestor; null for text that does not parse. */
export function locatePointer(text: string, pointer: string): TextRange | null {
  const want =
    pointer === ''
      ? []
      : pointer
          .replace(/^\//, '')
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let pos = 0;
  const ws = () => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  const fail = (): never => {
    throw new SyntaxError('bad json');
  };
  const readString = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    if (pos >= text.length) fail();
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  let best: TextRange | null = null;
  let bestDepth = -1;
  // Parses one value; the deepest value on the pointer's path wins.
  const value = (depth: number, onPath: boolean): void => {
    ws();
    const start = pos;
    const c = text[pos];
    if (c === '{') {
      pos++;
      ws();
      if (text[pos] === '}') pos++;
      else
        for (;;) {
          ws();
          if (text[pos] !== '"') fail();
          const keyStart = pos;
          const key = readString();
          const keyEnd = pos;
          ws();
          if (text[pos] !== ':') fail();
          pos++;
          const hit = onPath && want[depth] === key;
          if (hit && depth + 1 > bestDepth) {
            best = { start: keyStart, end: keyEnd };
            bestDepth = depth + 1;
          }
          value(depth + 1, hit);
          ws();
          if (text[pos] === ',') {
            pos++;
            continue;
          }
          if (text[pos] === '}') {
            pos++;
            break;
          }
          fail();
        }
    } else if (c === '[') {
      pos++;
      ws();
      let index = 0;
      if (text[pos] === ']') pos++;
      else
        for (;;) {
          const hit = onPath && want[depth] === String(index);
          value(depth + 1, hit);
          index++;
          ws();
          if (text[pos] === ',') {
            pos++;
            continue;
          }
          if (text[pos] === ']') {
            pos++;
            break;
          }
          fail();
        }
    } else if (c === '"') readString();
    else {
      const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(pos));
      if (!m) fail();
      pos += (m as RegExpExecArray)[0].length;
    }
    if (onPath && depth >= bestDepth) {
      best = { start, end: pos };
      bestDepth = depth;
    }
  };
  try {
    value(0, true);
    return best ?? { start: 0, end: Math.min(1, text.length) };
  } catch {
    return null;
  }
}
