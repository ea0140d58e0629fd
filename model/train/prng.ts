/**
 * A small seeded pseudo-random generator for shuffling and augmentation: SFC32 (Chris
 * Doty-Humphrey's "small fast counting" generator, 128 bits of state), seeded through
 * SplitMix32 so that nearby seeds give unrelated streams. Its whole state is four 32-bit
 * words, so a training run can save it and resume the exact same stream.
 */

export type PrngState = [number, number, number, number];

/** SplitMix32 step: a well-mixed 32-bit value from a counter. */
function splitMix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit integer from any string or number, for seeding. */
export function hashSeed(seed: number | string): number {
  const text = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    const s = hashSeed(seed);
    this.a = splitMix32(s);
    this.b = splitMix32(s + 1);
    this.c = splitMix32(s + 2);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  static fromState(state: PrngState): Prng {
    const p = new Prng(0);
    p.setState(state);
    return p;
  }

  getState(): PrngState {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }

  setState([a, b, c, d]: PrngState): void {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Shuffles in place (Fisher–Yates) and returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
