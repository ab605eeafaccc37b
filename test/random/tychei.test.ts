import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { Tychei, seedAt, uniformAt } from '../../src/random/tychei.js';

type TycheiState = { a: number; b: number; c: number; d: number };
/**
 * seedrandom.tychei with a numeric seed: @types/seedrandom only declares string seeds, but an
 * integer seed takes a different path (it sets a and b directly) and is what the engine uses.
 */
const ref = seedrandom.tychei as unknown as {
  (seed: number | string): seedrandom.PRNG;
  (seed: number | string, options: { state: true | TycheiState }): seedrandom.PRNG & { state(): TycheiState };
};

/**
 * PERF-NOTES: seedrandom stays the source of truth; the class port must give the identical stream.
 * The seeds cover 0, small, 2^31 - 1 and 2^31 (where `seed | 0` wraps), 2^32 + 5 (a non-zero high
 * word) and a large safe integer.
 */
const SEEDS = [0, 1, 42, 12345, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, 987654321987];

describe('Tychei (class port of seedrandom.tychei)', () => {
  for (const seed of SEEDS) {
    it(`fromSeed(${seed}) gives seedrandom.tychei(${seed})'s first 1000 numbers`, () => {
      const r = ref(seed);
      const g = Tychei.fromSeed(seed);
      for (let i = 0; i < 1000; i++) {
        const want = r();
        const got = g.next();
        if (got !== want) expect.fail(`seed ${seed}, draw ${i}: ${got} != ${want}`);
      }
    });
  }

  it('nextInt32 is the signed integer behind next() and int32()', () => {
    const r = ref(7);
    const g = Tychei.fromSeed(7);
    for (let i = 0; i < 1000; i++) expect(g.nextInt32()).toBe(r.int32());
  });

  it('fromState of seedrandom state() continues the same stream', () => {
    for (const seed of [3, 2 ** 31 + 11, 99999]) {
      for (const skip of [0, 1, 17, 500]) {
        const r = ref(seed, { state: true });
        for (let i = 0; i < skip; i++) r();
        const g = Tychei.fromState(r.state());
        for (let i = 0; i < 1000; i++) {
          const want = r();
          const got = g.next();
          if (got !== want) expect.fail(`seed ${seed}, skip ${skip}, draw ${i}: ${got} != ${want}`);
        }
      }
    }
  });

  it('a state saved from the class restarts seedrandom at the same point', () => {
    const g = Tychei.fromSeed(2024);
    for (let i = 0; i < 33; i++) g.next();
    const r = ref('', { state: { a: g.a, b: g.b, c: g.c, d: g.d } });
    for (let i = 0; i < 200; i++) expect(g.next()).toBe(r());
  });

  it('draws lie in [0, 1)', () => {
    const g = Tychei.fromSeed(5);
    for (let i = 0; i < 100_000; i++) {
      const u = g.next();
      if (!(u >= 0 && u < 1)) expect.fail(`draw ${i} = ${u}`);
    }
  });

  it('seedAt and uniformAt keep several streams side by side in one array, each seedrandom.tychei(seed)', () => {
    const st = new Int32Array(4 * SEEDS.length + 3);
    SEEDS.forEach((seed, k) => seedAt(st, 3 + 4 * k, seed));
    const refs = SEEDS.map((seed) => ref(seed));
    for (let i = 0; i < 500; i++) {
      // interleaved, as the agent engine draws customer after customer
      SEEDS.forEach((seed, k) => {
        const want = refs[k]!();
        const got = uniformAt(st, 3 + 4 * k);
        if (got !== want) expect.fail(`seed ${seed}, draw ${i}: ${got} != ${want}`);
      });
    }
    expect(Array.from(st.subarray(0, 3))).toEqual([0, 0, 0]);
  });
});
