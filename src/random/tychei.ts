import type { Rng } from './rng.js';

/**
 * The Tyche-i generator of seedrandom (`seedrandom.tychei`), written as a class so that V8 keeps the
 * hot loops that call it monomorphic (PERF-NOTES: a fresh seedrandom closure per run halves the
 * agent engine's speed). seedrandom stays the source of truth: `fromSeed` reproduces its integer
 * seeding and a test pins the stream to seedrandom's output.
 */
export class Tychei implements Rng {
  a: number;
  b: number;
  c: number;
  d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
  }

  /** The stream of `seedrandom.tychei(seed)` for an integer seed (0 <= seed < 2^53). */
  static fromSeed(seed: number): Tychei {
    const g = new Tychei((seed / 0x100000000) | 0, seed | 0, 2654435769 | 0, 1367130551);
    for (let k = 0; k < 20; k++) g.nextInt32();
    return g;
  }

  /** A generator continuing from a saved state (as `seedrandom.tychei(s, { state: true }).state()`). */
  static fromState(s: { a: number; b: number; c: number; d: number }): Tychei {
    return new Tychei(s.a, s.b, s.c, s.d);
  }

  /** The next signed 32-bit integer of the stream. */
  nextInt32(): number {
    let b = this.b;
    let c = this.c;
    let d = this.d;
    let a = this.a;
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    this.b = b = (b << 20) ^ (b >>> 12) ^ c;
    this.c = c = (c - d) | 0;
    this.d = (d << 16) ^ (c >>> 16) ^ a;
    return (this.a = (a - b) | 0);
  }

  /** A uniform draw in [0, 1), identical to seedrandom's `prng()`. */
  next(): number {
    return (this.nextInt32() >>> 0) / 0x100000000;
  }
}
