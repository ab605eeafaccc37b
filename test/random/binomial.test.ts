/**
 * BinomialSampler in both regimes (inversion below n min(p, 1-p) = 10, BTRD above), the
 * reflection for p > 0.5, and the edge cases. Each case: mean and variance within Z SE of n p and
 * n p q (Var(s^2) from the binomial excess kurtosis (1 - 6pq) / (npq)), and a chi-square goodness
 * of fit against the exact pmf at alpha = 0.001.
 */
import { describe, expect, it } from 'vitest';
import { BinomialProbabilities, BinomialSampler } from '../../src/random/samplers/binomial.js';
import { PoissonSampler } from '../../src/random/samplers/poisson.js';
import { Tychei } from '../../src/random/tychei.js';
import { binomialPmf, checkMoments, chiSquareCritical, chiSquareDiscrete, draw, poissonPmf } from '../support/stats.js';

const DRAWS = 50_000;

function checkBinomial(n: number, p: number, seed: number): void {
  const b = new BinomialSampler(Tychei.fromSeed(seed));
  const xs = draw(DRAWS, () => b.sample(n, p));
  for (const x of xs) if (!(Number.isInteger(x) && x >= 0 && x <= n)) expect.fail(`Binomial(${n}, ${p}) gave ${x}`);
  const q = 1 - p;
  const r = checkMoments(xs, n * p, n * p * q, (1 - 6 * p * q) / (n * p * q));
  expect(r.ok, `Binomial(${n}, ${p}): ${r.message}`).toBe(true);
  const sd = Math.sqrt(n * p * q);
  const lo = Math.max(0, Math.floor(n * p - 12 * sd - 10));
  const hi = Math.min(n, Math.ceil(n * p + 12 * sd + 10));
  const { stat, df } = chiSquareDiscrete(xs, (k) => binomialPmf(n, p, k), lo, hi);
  if (df > 0) expect(stat, `Binomial(${n}, ${p}): chi-square ${stat} on ${df} df`).toBeLessThan(chiSquareCritical(df));
}

describe('BinomialSampler', () => {
  describe('small n min(p, 1-p): sequential inversion', () => {
    const cases: [number, number][] = [
      [1, 0.3],
      [20, 0.1],
      [100, 0.095], // n p = 9.5, just under the switch
      [1_000_000, 5e-6], // PERF-NOTES: the case that made stdlib draw n uniforms
      [2_000_000_000, 1e-9], // n near 2^31: the inversion must not depend on n
      [50, 0.9], // reflected: n (1 - p) = 5
      [1000, 0.995],
    ];
    cases.forEach(([n, p], i) => it(`Binomial(${n}, ${p})`, () => checkBinomial(n, p, 100 + i)));
  });

  describe('large n min(p, 1-p): BTRD', () => {
    const cases: [number, number][] = [
      [100, 0.11], // n p = 11, just over the switch
      [30, 0.5],
      [40, 0.3], // n p q = 8.4: where an error in BTRD's recursive f(k) shows most
      [200, 0.06],
      [1000, 0.3],
      [1000, 0.7], // reflected
      [1_000_000, 0.012],
      [123_456_789, 0.4],
    ];
    cases.forEach(([n, p], i) => it(`Binomial(${n}, ${p})`, () => checkBinomial(n, p, 200 + i)));
  });

  it('n = 0, p = 0 and p = 1 are exact and use no random number', () => {
    const counted = { calls: 0 };
    const rng = { next: () => (counted.calls++, 0.5) };
    const b = new BinomialSampler(rng);
    expect(b.sample(0, 0.3)).toBe(0);
    expect(b.sample(0, 0)).toBe(0);
    expect(b.sample(0, 1)).toBe(0);
    expect(b.sample(1000, 0)).toBe(0);
    expect(b.sample(1000, 1)).toBe(1000);
    expect(b.sample(7, 1)).toBe(7);
    expect(counted.calls).toBe(0);
  });

  it('samplePrepared gives the same draws from the same random numbers as sample', () => {
    const a = new BinomialSampler(Tychei.fromSeed(310));
    const b = new BinomialSampler(Tychei.fromSeed(310));
    const rng = Tychei.fromSeed(311);
    const probs = [0, 1, 0.5, 1e-12, 1 - 1e-12, 0.07, 0.93, 0.3, 0.7, 0.999];
    const table = new BinomialProbabilities(probs.length + 200);
    for (let i = 0; i < table.length; i++) table.set(i, probs[i] ?? rng.next());
    for (let k = 0; k < 50_000; k++) {
      const n = Math.floor(Math.pow(10, 7 * rng.next()));
      const i = k % table.length;
      const x = a.sample(n, table.p(i));
      const y = b.samplePrepared(n, table, i);
      if (x !== y) expect.fail(`Binomial(${n}, ${table.p(i)}): sample ${x}, samplePrepared ${y}`);
    }
  });

  it('never returns NaN or leaves [0, n] for any n and p (including stdlib edge cases)', () => {
    const b = new BinomialSampler(Tychei.fromSeed(300));
    const rng = Tychei.fromSeed(301);
    for (let i = 0; i < 20_000; i++) {
      const n = Math.floor(Math.pow(10, 7 * rng.next()));
      const p = rng.next() < 0.1 ? [0, 1, 0.5, 1e-12, 1 - 1e-12][i % 5] ?? 0 : rng.next();
      const x = b.sample(n, p);
      if (!(Number.isInteger(x) && x >= 0 && x <= n)) expect.fail(`Binomial(${n}, ${p}) gave ${x}`);
    }
  });

  it('the small-mean branch costs O(np), not O(n): 20,000 draws at n = 1e8, p = 1e-8 within a second', () => {
    const b = new BinomialSampler(Tychei.fromSeed(302));
    const t0 = performance.now();
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += b.sample(100_000_000, 1e-8);
    expect(performance.now() - t0).toBeLessThan(1000);
    // mean 1, variance ~1: within 4 SE
    expect(Math.abs(sum / 20_000 - 1)).toBeLessThan(4 * Math.sqrt(1 / 20_000));
  });
});

describe('PoissonSampler', () => {
  const cases: [number, number][] = [
    [0.3, 400],
    [4, 401],
    [12, 405],
    [25, 406],
    [45, 402],
    [2000, 403],
  ];
  for (const [mean, seed] of cases) {
    it(`Poisson(${mean}): mean = variance = lambda, excess kurtosis 1/lambda, its pmf`, () => {
      const s = new PoissonSampler(Tychei.fromSeed(seed));
      const xs = draw(DRAWS, () => s.sample(mean));
      for (const x of xs) if (!(Number.isInteger(x) && x >= 0)) expect.fail(`Poisson(${mean}) gave ${x}`);
      const r = checkMoments(xs, mean, mean, 1 / mean);
      expect(r.ok, r.message).toBe(true);
      const { stat, df } = chiSquareDiscrete(xs, (k) => poissonPmf(mean, k), Math.max(0, Math.floor(mean - 12 * Math.sqrt(mean) - 10)), Math.ceil(mean + 12 * Math.sqrt(mean) + 10));
      expect(stat, `chi-square ${stat} on ${df} df`).toBeLessThan(chiSquareCritical(df));
    });
  }
  it('a mean of 0 or less gives 0', () => {
    const s = new PoissonSampler(Tychei.fromSeed(404));
    expect(s.sample(0)).toBe(0);
    expect(s.sample(-3)).toBe(0);
  });
});
