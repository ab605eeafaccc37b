/**
 * Latin Hypercube sampling and the quantile functions it stands on.
 *
 * - Each quantile function is checked against its sampler (the ground truth of what a run draws,
 *   truncation included): the quantiles at a midpoint grid of N probabilities are a near-exact
 *   sample of the law, so a two-sample KS test against N sampler draws must pass at ALPHA = 0.001.
 * - The design is stratified (each input's n values fall one in each of n equal-probability
 *   strata), reproducible, and the same whether computed at once or in pieces.
 * - Variance: on a known case (mean NPV of a one-segment book with three uncertain inputs, expected
 *   engine, so that the only randomness is the inputs), the Monte Carlo estimator's variance over
 *   20 seeds is compared for random and Latin Hypercube sampling. Under "no reduction" the ratio of
 *   the two sample variances is F(19, 19), whose upper 0.1% point is about 4.1; LHS must beat that.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { describe, expect, it } from 'vitest';
import { openMonteCarlo, runMonteCarlo } from '../../src/engine/montecarlo.js';
import { expectedNpvs } from '../../src/forecast/sensitivity.js';
import { sampleDistribution } from '../../src/random/distribution.js';
import { latinHypercube, stratifiedUniforms } from '../../src/random/lhs.js';
import { distributionMedian, distributionQuantile } from '../../src/random/quantiles.js';
import { lognormalParams } from '../../src/random/samplers/lognormal.js';
import { Tychei } from '../../src/random/tychei.js';
import { Distribution } from '../../src/scenario/distribution.js';
import { Scenario } from '../../src/scenario/schema.js';
import { drawWorld, meanWorld, uncertainInputs } from '../../src/scenario/world.js';
import { ksCritical2, ksTwoSample, moments } from '../support/stats.js';

const N = 20_000;
const grid = (n: number) => Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n);

describe('distributionQuantile', () => {
  const cases = [
    { dist: 'uniform', min: 2, max: 4 },
    { dist: 'triangular', min: 0, mode: 1, max: 4 },
    { dist: 'triangular', min: 0, mode: 0, max: 1 },
    { dist: 'pert', min: 0.008, mode: 0.012, max: 0.02 },
    { dist: 'pert', min: 0, mode: 2, max: 8, lambda: 2 },
    { dist: 'beta', alpha: 3, beta: 2, min: 10, max: 20 },
    { dist: 'beta', alpha: 0.5, beta: 0.5 },
    { dist: 'normal', mean: 5, sd: 2 },
    { dist: 'normal', mean: 0.1, sd: 0.2, min: 0, max: 1 },
    { dist: 'lognormal', mean: 10, sd: 3 },
    { dist: 'lognormal', mean: 1, sd: 2, min: 0.5, max: 3 },
  ];
  cases.forEach((c, k) => {
    const d = Distribution.parse(c);
    it(`${JSON.stringify(c)}: quantiles at a probability grid are distributed as the sampler's draws`, () => {
      const q = Float64Array.from(grid(N), (u) => distributionQuantile(d, u));
      for (let i = 1; i < N; i++) if (!((q[i] ?? 0) >= (q[i - 1] ?? 0))) expect.fail(`not monotone at ${i}`);
      const rng = Tychei.fromSeed(4200 + k);
      const draws = Float64Array.from({ length: N }, () => sampleDistribution(rng, d));
      expect(ksTwoSample(q, draws)).toBeLessThan(ksCritical2(N, N));
      const lo = 'min' in d && d.min !== undefined ? d.min : -Infinity;
      const hi = 'max' in d && d.max !== undefined ? d.max : Infinity;
      expect(distributionQuantile(d, 0)).toBeGreaterThanOrEqual(lo);
      expect(distributionQuantile(d, 1)).toBeLessThanOrEqual(hi);
    });
  });

  it('closed forms: uniform, triangular, normal and lognormal medians; symmetric truncation keeps the median', () => {
    expect(distributionQuantile(Distribution.parse({ dist: 'uniform', min: 2, max: 4 }), 0.25)).toBe(2.5);
    // Triangular(0, 1, 4): F(1) = 1/4; below the mode Q(u) = sqrt(4u).
    expect(distributionQuantile(Distribution.parse({ dist: 'triangular', min: 0, mode: 1, max: 4 }), 0.16)).toBeCloseTo(0.8, 12);
    expect(distributionMedian(Distribution.parse({ dist: 'normal', mean: 5, sd: 2 }))).toBeCloseTo(5, 12);
    expect(distributionQuantile(Distribution.parse({ dist: 'normal', mean: 5, sd: 2 }), 0.9)).toBeCloseTo(5 + 2 * normalQuantile(0.9, 0, 1), 10);
    expect(distributionMedian(Distribution.parse({ dist: 'normal', mean: 5, sd: 2, min: 3, max: 7 }))).toBeCloseTo(5, 12);
    const { mu } = lognormalParams(10, 3);
    expect(distributionMedian(Distribution.parse({ dist: 'lognormal', mean: 10, sd: 3 }))).toBeCloseTo(Math.exp(mu), 10);
    // PERT with a symmetric mode has its median at the mode.
    expect(distributionMedian(Distribution.parse({ dist: 'pert', min: 0, mode: 5, max: 10 }))).toBeCloseTo(5, 10);
  });
});

describe('Latin Hypercube design', () => {
  it('stratifiedUniforms puts exactly one value in each of n strata', () => {
    const n = 1000;
    const u = stratifiedUniforms(Tychei.fromSeed(3), n);
    const strata = Array.from(u, (x) => Math.floor(x * n)).sort((a, b) => a - b);
    expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(Array.from(u).every((x) => x > 0 && x < 1)).toBe(true);
  });

  const inputs = [
    { path: 'a', dist: Distribution.parse({ dist: 'uniform', min: 0, max: 10 }) },
    { path: 'b', dist: Distribution.parse({ dist: 'uniform', min: -1, max: 1 }) },
  ];

  it('each block of runs is a Latin Hypercube of every input, and the inputs are shuffled independently', () => {
    const design = latinHypercube(inputs, 7, 0, 200, 100);
    for (const [block, i, min, width] of [[0, 0, 0, 10], [1, 0, 0, 10], [0, 1, -1, 2], [1, 1, -1, 2]] as const) {
      const strata = Array.from({ length: 100 }, (_, k) => Math.floor((((design[(block * 100 + k) * 2 + i] ?? 0) - min) / width) * 100)).sort((x, y) => x - y);
      expect(strata).toEqual(Array.from({ length: 100 }, (_, k) => k));
    }
    const a = Array.from({ length: 100 }, (_, k) => design[k * 2] ?? 0);
    const b = Array.from({ length: 100 }, (_, k) => design[k * 2 + 1] ?? 0);
    expect(a).not.toEqual([...a].sort((x, y) => x - y));
    expect(Math.abs(pearson(a, b))).toBeLessThan(0.35); // independent shuffles: |r| < 3.5 / sqrt(100)
  });

  it('is the same computed at once or in pieces, and depends on the seed', () => {
    const whole = latinHypercube(inputs, 7, 0, 250, 100);
    const pieces = [latinHypercube(inputs, 7, 0, 40, 100), latinHypercube(inputs, 7, 40, 170, 100), latinHypercube(inputs, 7, 170, 250, 100)];
    expect(Array.from(pieces.flatMap((p) => Array.from(p)))).toEqual(Array.from(whole));
    expect(Array.from(latinHypercube(inputs, 8, 0, 250, 100))).not.toEqual(Array.from(whole));
  });
});

function pearson(a: readonly number[], b: readonly number[]): number {
  const ma = moments(a).mean;
  const mb = moments(b).mean;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    sab += (x - ma) * (y - mb);
    saa += (x - ma) ** 2;
    sbb += (y - mb) ** 2;
  });
  return sab / Math.sqrt(saa * sbb);
}

const scenario = Scenario.parse({
  baseline: 'base',
  horizonMonths: 12,
  runs: 24,
  seed: 11,
  segments: {
    c: {
      customers: 2000,
      revenuePerMonth: { dist: 'uniform', min: 20, max: 40 },
      grossMargin: 0.7,
      baseChurn: { dist: 'pert', min: 0.008, mode: 0.012, max: 0.025 },
      problemRate: { dist: 'triangular', min: 0.05, mode: 0.08, max: 0.15 },
    },
  },
  policies: { base: {}, better: { channels: { phone: { resolution: 0.9 } }, costs: { oneOff: { dist: 'uniform', min: 1000, max: 5000 } } } },
});

describe('Latin Hypercube Monte Carlo', () => {
  it('is reproducible, the same run at once or in steps, and the runs record the design values', async () => {
    // (Worker-count independence with LHS: test/forecast/precision.test.ts runs it on 1 and 2 workers.)
    const once = await runMonteCarlo(scenario, { engine: 'expected', workers: 1, sampling: 'lhs' });
    const session = openMonteCarlo(scenario, { engine: 'expected', workers: 1, sampling: 'lhs', lhsBlock: scenario.runs });
    await session.extend(7);
    const steps = await session.extend(scenario.runs);
    await session.close();
    expect(Array.from(steps.metrics)).toEqual(Array.from(once.metrics));
    expect(Array.from(steps.inputs)).toEqual(Array.from(once.inputs));
    const inputs = uncertainInputs(scenario);
    expect(Array.from(once.inputs)).toEqual(Array.from(latinHypercube(inputs, scenario.seed, 0, scenario.runs, scenario.runs)));
    const random = await runMonteCarlo(scenario, { engine: 'expected', workers: 1 });
    expect(Array.from(random.inputs)).not.toEqual(Array.from(once.inputs));
  });

  it('gives a smaller variance of the mean NPV than random sampling (F test, 20 seeds of 10 runs)', () => {
    const one = { ...scenario, policies: { base: scenario.policies['base'] ?? { costs: { oneOff: 0, monthly: 0, perContact: 0 }, rampMonths: 0 } } };
    const inputs = uncertainInputs(one);
    const n = 10;
    const seeds = 20;
    const estimate = (worlds: (r: number) => ReturnType<typeof meanWorld>) => {
      let s = 0;
      for (let r = 0; r < n; r++) s += (expectedNpvs(worlds(r), ['base'])[0] ?? 0) / n;
      return s;
    };
    const mc: number[] = [];
    const lhs: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const s = { ...one, seed };
      mc.push(estimate((r) => drawWorld(s, r)));
      const design = latinHypercube(inputs, seed, 0, n, n);
      lhs.push(estimate((r) => meanWorld(s, new Map(inputs.map((inp, i) => [inp.path, design[r * inputs.length + i] ?? 0])))));
    }
    const vMc = moments(mc).variance;
    const vLhs = moments(lhs).variance;
    // Both estimate the same mean: within 4 standard errors of each other.
    expect(Math.abs(moments(mc).mean - moments(lhs).mean)).toBeLessThan(4 * Math.sqrt(vMc / seeds + vLhs / seeds));
    // F(19, 19) upper 0.1% point ~ 4.1 (exp(3.09 sqrt(2/19 + 2/19))); here the ratio is in the hundreds:
    // the NPV is close to additive in the inputs, the case LHS is made for.
    expect(vMc / vLhs).toBeGreaterThan(4.1);
  });
});
