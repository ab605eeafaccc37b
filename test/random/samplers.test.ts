/**
 * One block per sampler: mean and variance against the closed forms within Z standard errors
 * (Var(s^2) from the law's known excess kurtosis), and, where the CDF has a closed form, a
 * one-sample Kolmogorov-Smirnov test at alpha = 0.001 (see test/support/stats.ts).
 */
import { describe, expect, it } from 'vitest';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { Tychei } from '../../src/random/tychei.js';
import { sampleUniform, openUniform } from '../../src/random/samplers/uniform.js';
import { sampleTriangular } from '../../src/random/samplers/triangular.js';
import { pertShape, samplePert } from '../../src/random/samplers/pert.js';
import { sampleBeta } from '../../src/random/samplers/beta.js';
import { sampleGamma } from '../../src/random/samplers/gamma.js';
import { sampleNormal, sampleStandardNormal } from '../../src/random/samplers/normal.js';
import { lognormalParams, sampleLognormal } from '../../src/random/samplers/lognormal.js';
import { sampleTruncatedNormal } from '../../src/random/samplers/truncatedNormal.js';
import type { Rng } from '../../src/random/rng.js';
import { checkMoments, draw, ksCritical, ksStatistic, moments, seMean, Z } from '../support/stats.js';

const N = 100_000;

function expectMoments(xs: Float64Array, mu: number, variance: number, exKurt: number): void {
  const r = checkMoments(xs, mu, variance, exKurt);
  expect(r.ok, r.message).toBe(true);
}

function expectKs(xs: Float64Array, cdf: (x: number) => number): void {
  const d = ksStatistic(xs, cdf);
  expect(d, `KS D = ${d}, critical ${ksCritical(xs.length)}`).toBeLessThan(ksCritical(xs.length));
}

/** Closed-form moments of Beta(a, b) on [0, 1]. */
function betaMoments(a: number, b: number): { mean: number; variance: number; exKurt: number } {
  const s = a + b;
  return {
    mean: a / s,
    variance: (a * b) / (s * s * (s + 1)),
    exKurt: (6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3)),
  };
}

describe('uniform', () => {
  it('Uniform(a, b): mean (a+b)/2, variance (b-a)^2/12, CDF (x-a)/(b-a)', () => {
    for (const [a, b, seed] of [[0, 1, 1], [-3, 7, 2], [100, 100.5, 3]] as const) {
      const rng = Tychei.fromSeed(seed);
      const xs = draw(N, () => sampleUniform(rng, a, b));
      expectMoments(xs, (a + b) / 2, ((b - a) * (b - a)) / 12, -6 / 5);
      expectKs(xs, (x) => (x - a) / (b - a));
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(a);
      expect(Math.max(...xs)).toBeLessThan(b);
    }
  });
  it('openUniform never returns 0 even from a source that does', () => {
    const zeros = [0, 0, 0, 0.25];
    const rng: Rng = { next: () => zeros.shift() ?? 0.5 };
    expect(openUniform(rng)).toBe(0.25);
  });
});

describe('triangular', () => {
  const cdf = (a: number, c: number, b: number) => (x: number) =>
    x <= a ? 0 : x >= b ? 1 : x <= c ? ((x - a) * (x - a)) / ((b - a) * (c - a)) : 1 - ((b - x) * (b - x)) / ((b - a) * (b - c));
  it('Triangular(a, c, b): mean (a+b+c)/3, variance (a^2+b^2+c^2-ab-ac-bc)/18, its CDF', () => {
    for (const [a, c, b, seed] of [[0, 0.3, 1], [2, 2, 5], [2, 5, 5], [-10, 4, 12]].map((v, i) => [...v, 10 + i]) as [number, number, number, number][]) {
      const rng = Tychei.fromSeed(seed);
      const xs = draw(N, () => sampleTriangular(rng, a, c, b));
      const variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
      expectMoments(xs, (a + b + c) / 3, variance, -3 / 5);
      expectKs(xs, cdf(a, c, b));
    }
  });
  it('a degenerate range gives its one value', () => {
    const rng = Tychei.fromSeed(1);
    expect(sampleTriangular(rng, 4, 4, 4)).toBe(4);
  });
});

describe('gamma', () => {
  it('Gamma(k, 1): mean k, variance k, excess kurtosis 6/k (shape below 1 through the boost)', () => {
    for (const [k, seed] of [[0.3, 21], [0.8, 22], [1, 23], [2.5, 24], [30, 25]] as const) {
      const rng = Tychei.fromSeed(seed);
      const xs = draw(N, () => sampleGamma(rng, k));
      expectMoments(xs, k, k, 6 / k);
      expect(Math.min(...xs)).toBeGreaterThan(0);
    }
  });
  it('integer shapes follow the Erlang CDF 1 - e^-x sum_{j<k} x^j / j!', () => {
    for (const [k, seed] of [[1, 31], [2, 32], [5, 33]] as const) {
      const rng = Tychei.fromSeed(seed);
      const xs = draw(N, () => sampleGamma(rng, k));
      expectKs(xs, (x) => {
        let term = 1;
        let sum = 1;
        for (let j = 1; j < k; j++) {
          term *= x / j;
          sum += term;
        }
        return 1 - Math.exp(-x) * sum;
      });
    }
  });
});

describe('beta', () => {
  it('Beta(a, b): closed-form mean, variance and kurtosis', () => {
    for (const [a, b, seed] of [[2, 5, 41], [0.5, 0.5, 42], [0.3, 3, 43], [10, 10, 44], [1, 1, 45]] as const) {
      const rng = Tychei.fromSeed(seed);
      const xs = draw(N, () => sampleBeta(rng, a, b));
      const m = betaMoments(a, b);
      expectMoments(xs, m.mean, m.variance, m.exKurt);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThanOrEqual(1);
    }
  });
  it('Beta(1, 1) is uniform and Beta(2, 1) has CDF x^2', () => {
    const rng = Tychei.fromSeed(46);
    expectKs(draw(N, () => sampleBeta(rng, 1, 1)), (x) => x);
    expectKs(draw(N, () => sampleBeta(rng, 2, 1)), (x) => x * x);
  });
});

describe('PERT', () => {
  it('PERT(min, mode, max, lambda) is min + range Beta(1 + lambda (mode-min)/range, 1 + lambda (max-mode)/range)', () => {
    const cases: [number, number, number, number, number][] = [
      [0.01, 0.012, 0.016, 4, 51],
      [0, 0, 10, 4, 52],
      [0, 10, 10, 4, 53],
      [-5, 1, 20, 6, 54],
      [100, 150, 400, 2, 55],
    ];
    for (const [min, mode, max, lambda, seed] of cases) {
      const range = max - min;
      // Shapes written out here, independently of pertShape (Vose, "Risk Analysis", 3rd ed., 2008).
      const a = 1 + (lambda * (mode - min)) / range;
      const b = 1 + (lambda * (max - mode)) / range;
      expect(pertShape(min, mode, max, lambda).alpha).toBeCloseTo(a, 12);
      expect(pertShape(min, mode, max, lambda).beta).toBeCloseTo(b, 12);
      const m = betaMoments(a, b);
      const rng = Tychei.fromSeed(seed);
      const xs = draw(N, () => samplePert(rng, min, mode, max, lambda));
      // The PERT mean: (min + lambda mode + max) / (lambda + 2).
      expect(min + range * m.mean).toBeCloseTo((min + lambda * mode + max) / (lambda + 2), 10);
      expectMoments(xs, min + range * m.mean, range * range * m.variance, m.exKurt);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(min);
      expect(Math.max(...xs)).toBeLessThanOrEqual(max);
    }
  });
  it('the default lambda is 4 and a zero range gives min', () => {
    const r1 = Tychei.fromSeed(56);
    const r2 = Tychei.fromSeed(56);
    for (let i = 0; i < 100; i++) expect(samplePert(r1, 1, 2, 6)).toBe(samplePert(r2, 1, 2, 6, 4));
    expect(samplePert(r1, 3, 3, 3)).toBe(3);
  });
});

describe('normal', () => {
  it('standard normal: mean 0, variance 1, excess kurtosis 0, and its CDF', () => {
    const rng = Tychei.fromSeed(61);
    const xs = draw(N, () => sampleStandardNormal(rng));
    expectMoments(xs, 0, 1, 0);
    expectKs(xs, (x) => normalCdf(x, 0, 1));
  });
  it('Normal(mu, sd)', () => {
    for (const [mu, sd, seed] of [[10, 2, 62], [-0.5, 0.01, 63]] as const) {
      const rng = Tychei.fromSeed(seed);
      const xs = draw(N, () => sampleNormal(rng, mu, sd));
      expectMoments(xs, mu, sd * sd, 0);
      expectKs(xs, (x) => normalCdf(x, mu, sd));
    }
  });
});

describe('lognormal', () => {
  it('lognormalParams inverts the mean and sd of the value', () => {
    for (const [mean, sd] of [[1, 0.5], [30, 4], [0.02, 0.03]] as const) {
      const { mu, sigma } = lognormalParams(mean, sd);
      expect(Math.exp(mu + (sigma * sigma) / 2)).toBeCloseTo(mean, 12);
      const v = (Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma);
      expect(Math.sqrt(v) / sd).toBeCloseTo(1, 12);
    }
  });
  it('draws have the requested mean and sd, and a normal log', () => {
    for (const [mean, sd, seed] of [[30, 4, 71], [1, 0.5, 72]] as const) {
      const { mu, sigma } = lognormalParams(mean, sd);
      const s2 = sigma * sigma;
      const exKurt = Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 6;
      const rng = Tychei.fromSeed(seed);
      const xs = draw(N, () => sampleLognormal(rng, mean, sd));
      expectMoments(xs, mean, sd * sd, exKurt);
      expectKs(xs, (x) => normalCdf(Math.log(x), mu, sigma));
    }
  });
});

describe('truncated normal', () => {
  const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  const cases: [number, number, number, number, number][] = [
    [0, 1, -1, 2, 81],
    [0.5, 0.3, 0, 1, 82],
    [0.01, 0.05, 0, 1, 83],
    [10, 5, 0, Infinity, 84],
    [0, 1, 2.5, 4, 85],
    [0, 1, -Infinity, -3, 86],
  ];
  it('stays within [lo, hi], has the truncated mean, and follows the truncated CDF', () => {
    for (const [mu, sd, lo, hi, seed] of cases) {
      const rng = Tychei.fromSeed(seed);
      const xs = draw(N, () => sampleTruncatedNormal(rng, mu, sd, lo, hi));
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...xs)).toBeLessThanOrEqual(hi);
      const a = (lo - mu) / sd;
      const b = (hi - mu) / sd;
      const pa = Number.isFinite(a) ? phi(a) : 0;
      const pb = Number.isFinite(b) ? phi(b) : 0;
      const z = normalCdf(b, 0, 1) - normalCdf(a, 0, 1);
      const mean = mu + (sd * (pa - pb)) / z;
      const aPa = Number.isFinite(a) ? a * pa : 0;
      const bPb = Number.isFinite(b) ? b * pb : 0;
      const variance = sd * sd * (1 + (aPa - bPb) / z - ((pa - pb) / z) ** 2);
      const m = moments(xs);
      expect(Math.abs(m.mean - mean), `mean ${m.mean} vs ${mean}`).toBeLessThan(Z * seMean(variance, N));
      expectKs(xs, (x) => (normalCdf(x, mu, sd) - normalCdf(lo, mu, sd)) / z);
    }
  });
  it('sd 0 or an empty window gives the mean clamped to the window', () => {
    const rng = Tychei.fromSeed(87);
    expect(sampleTruncatedNormal(rng, 0.3, 0, 0, 1)).toBe(0.3);
    expect(sampleTruncatedNormal(rng, 1.7, 0, 0, 1)).toBe(1);
    expect(sampleTruncatedNormal(rng, 0.5, 0.1, 0.2, 0.2)).toBe(0.2);
    // A window so far in the tail that its probability underflows: still inside the window.
    const x = sampleTruncatedNormal(rng, 0, 1, 40, 41);
    expect(x).toBeGreaterThanOrEqual(40);
    expect(x).toBeLessThanOrEqual(41);
  });
});
