/**
 * Multinomial(n, probs) by conditional binomials: the counts sum to n, zero-probability categories
 * get nothing, each marginal is Binomial(n, p_j) (mean and variance within Z SE) and each pair
 * has covariance -n p_i p_j (checked through Var(X_i + X_j) = n (p_i + p_j)(1 - p_i - p_j)).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BinomialSampler } from '../../src/random/samplers/binomial.js';
import { MultinomialPlan, sampleMultinomial } from '../../src/random/samplers/multinomial.js';
import { Tychei } from '../../src/random/tychei.js';
import { checkMoments } from '../support/stats.js';

function run(n: number, weights: number[], reps: number, seed: number): Float64Array[] {
  const b = new BinomialSampler(Tychei.fromSeed(seed));
  const k = weights.length;
  // Put the row at an offset inside a longer table and write at an offset, as the engines do.
  const table = new Float64Array(k + 5).fill(0.77);
  table.set(weights, 3);
  const out = new Float64Array(k + 2).fill(-1);
  const cols = weights.map(() => new Float64Array(reps));
  for (let r = 0; r < reps; r++) {
    sampleMultinomial(b, n, table, 3, k, out, 1);
    if (out[0] !== -1 || out[k + 1] !== -1) expect.fail('wrote outside its k cells');
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const x = out[1 + j] ?? NaN;
      if (!(Number.isInteger(x) && x >= 0)) expect.fail(`category ${j}: ${x}`);
      (cols[j] as Float64Array)[r] = x;
      sum += x;
    }
    if (sum !== n) expect.fail(`counts sum to ${sum}, not ${n}`);
  }
  return cols;
}

describe('sampleMultinomial', () => {
  const cases: [number, number[], number][] = [
    [1000, [0.1, 0, 0.25, 0.05, 0.6], 1],
    [37, [0.5, 0.5], 2],
    [1_000_000, [1e-6, 2e-5, 0.3, 0.7 - 2.1e-5], 3],
    [500, [2, 1, 1, 0], 4], // weights, not probabilities; the last category is empty
    [250, [0, 0, 1], 5],
    [12, [0.3, 0.2, 0.1, 0.15, 0.05, 0.1, 0.1], 6],
  ];
  for (const [n, weights, seed] of cases) {
    it(`n = ${n}, weights ${weights.join(', ')}: marginals Binomial(n, w_j / sum w)`, () => {
      const reps = 20_000;
      const cols = run(n, weights, reps, 500 + seed);
      const total = weights.reduce((a, b) => a + b, 0);
      const p = weights.map((w) => w / total);
      p.forEach((pj, j) => {
        const xs = cols[j] as Float64Array;
        if (pj === 0) {
          expect(xs.every((x) => x === 0)).toBe(true);
          return;
        }
        if (pj === 1) {
          expect(xs.every((x) => x === n)).toBe(true);
          return;
        }
        const r = checkMoments(xs, n * pj, n * pj * (1 - pj), (1 - 6 * pj * (1 - pj)) / (n * pj * (1 - pj)));
        expect(r.ok, `category ${j}: ${r.message}`).toBe(true);
      });
      // Pairwise covariance through the sum of the first two non-degenerate categories.
      const live = p.map((pj, j) => [pj, j] as const).filter(([pj]) => pj > 0 && pj < 1);
      if (live.length >= 3) {
        const [[pa, a], [pb, b]] = live as [readonly [number, number], readonly [number, number]];
        const xa = cols[a] as Float64Array;
        const xb = cols[b] as Float64Array;
        const sum = xa.map((x, i) => x + (xb[i] ?? 0));
        const q = pa + pb;
        const r = checkMoments(sum, n * q, n * q * (1 - q), (1 - 6 * q * (1 - q)) / (n * q * (1 - q)));
        expect(r.ok, `X_${a} + X_${b}: ${r.message}`).toBe(true);
      }
    });
  }

  it('n = 0 gives all zeros', () => {
    const cols = run(0, [0.2, 0.3, 0.5], 10, 600);
    for (const c of cols) expect(c.every((x) => x === 0)).toBe(true);
  });

  it('property: any n and any non-negative weights with a positive sum give non-negative counts summing to n', () => {
    const b = new BinomialSampler(Tychei.fromSeed(601));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 1, noNaN: true })), { minLength: 1, maxLength: 12 }),
        (n, w) => {
          fc.pre(w.some((x) => x > 0));
          const out = new Float64Array(w.length);
          sampleMultinomial(b, n, w, 0, w.length, out, 0);
          let sum = 0;
          for (let j = 0; j < w.length; j++) {
            const x = out[j] ?? NaN;
            if (!(Number.isInteger(x) && x >= 0)) return false;
            if (w[j] === 0 && x !== 0) return false;
            sum += x;
          }
          return sum === n;
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('MultinomialPlan', () => {
  it('draws the same counts from the same random numbers as sampleMultinomial, row by row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 1, noNaN: true }), fc.constant(1)), { minLength: 3, maxLength: 12 }),
        fc.integer({ min: 0, max: 1000 }),
        (n, w, seed) => {
          // Three rows of the table: w, w reversed, and w with a leading zero row-shifted.
          const width = w.length;
          const table = new Float64Array(3 * width);
          table.set(w, 0);
          table.set([...w].reverse(), width);
          table.set([0, ...w.slice(0, width - 1)], 2 * width);
          const plan = new MultinomialPlan(table, width);
          const a = new BinomialSampler(Tychei.fromSeed(seed));
          const b = new BinomialSampler(Tychei.fromSeed(seed));
          const outA = new Float64Array(width + 1).fill(-1);
          const outB = new Float64Array(width + 1).fill(-1);
          for (let rep = 0; rep < 3; rep++) {
            for (let row = 0; row < 3; row++) {
              sampleMultinomial(a, n, table, row * width, width, outA, 1);
              plan.sample(b, n, row, outB, 1);
              if (outA.some((x, i) => x !== outB[i])) return false;
            }
          }
          // The streams are in the same place afterwards.
          return a.sample(1000, 0.3) === b.sample(1000, 0.3);
        },
      ),
      { seed: 7, numRuns: 1000 },
    );
  });
});
