/**
 * Seeded randomness. Every record draws from its own generator, seeded from (seed, stream, index),
 * so a row is the same whatever the scale or the order rows are produced in.
 */

/** 32-bit FNV-1a of a string, used to derive stream seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small, fast, seeded generator (mulberry32) with the draws demo data needs. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** The generator of one row of one stream. */
  static of(seed: number, stream: string, index: number): Rng {
    return new Rng(hash32(`${seed}:${stream}:${index}`));
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    return items[items.length - 1]![0];
  }
  /** A UUID-shaped id (version 4 layout) drawn from this generator. */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++)
      hex.push((Math.floor(this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0'));
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/**
 * The id of row `index` of a stream, UUID-shaped: the stream's hash in front, the index in the last
 * 12 hex digits, so ids never collide however many rows a stream has (random 32-bit seeds would,
 * from about 100,000 rows on).
 */
export function rowId(seed: number, stream: string, index: number): string {
  const a = hash32(`${seed}:${stream}:a`).toString(16).padStart(8, '0');
  const b = hash32(`${seed}:${stream}:b`).toString(16).padStart(8, '0');
  return `${a}-${b.slice(0, 4)}-4${b.slice(4, 7)}-8${a.slice(0, 3)}-${index.toString(16).padStart(12, '0')}`;
}

const DAY = 86_400_000;
/** `YYYY-MM-DD` of a time in China (UTC+8, no daylight saving). */
export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}
/** ISO-8601 UTC of a time. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
export { DAY };
