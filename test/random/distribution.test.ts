/** sampleDistribution dispatches each scenario distribution to its sampler with the right parameters. */
import { describe, expect, it } from 'vitest';
import { distributionMean, sampleDistribution } from '../../src/random/distribution.js';
import { Tychei } from '../../src/random/tychei.js';
import { Distribution } from '../../src/scenario/distribution.js';
import { lognormalParams } from '../../src/random/samplers/lognormal.js';
import { checkMoments, draw } from '../support/stats.js';

const N = 60_000;

function betaMoments(a: number, b: number) {
  const s = a + b;
  return {
    mean: a / s,
    variance: (a * b) / (s * s * (s + 1)),
    exKurt: (6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3)),
  };
}

describe('sampleDistribution and distributionMean', () => {
  const cases: { d: unknown; mean: number; variance: number; exKurt: number }[] = [
    { d: { dist: 'uniform', min: 2, max: 4 }, mean: 3, variance: 4 / 12, exKurt: -6 / 5 },
    { d: { dist: 'triangular', min: 0, mode: 1, max: 4 }, mean: 5 / 3, variance: (0 + 1 + 16 - 0 - 0 - 4) / 18, exKurt: -3 / 5 },
    { d: { dist: 'normal', mean: 5, sd: 2 }, mean: 5, variance: 4, exKurt: 0 },
    (() => {
      const { sigma } = lognormalParams(10, 3);
      const s2 = sigma * sigma;
      return { d: { dist: 'lognormal', mean: 10, sd: 3 }, mean: 10, variance: 9, exKurt: Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 6 };
    })(),
    (() => {
      const m = betaMoments(3, 2);
      return { d: { dist: 'beta', alpha: 3, beta: 2, min: 10, max: 20 }, mean: 10 + 10 * m.mean, variance: 100 * m.variance, exKurt: m.exKurt };
    })(),
    (() => {
      const m = betaMoments(1 + (4 * 2) / 8, 1 + (4 * 6) / 8);
      return { d: { dist: 'pert', min: 0, mode: 2, max: 8 }, mean: 8 * m.mean, variance: 64 * m.variance, exKurt: m.exKurt };
    })(),
  ];
  cases.forEach(({ d, mean, variance, exKurt }, i) => {
    const dist = Distribution.parse(d);
    it(`${dist.dist}: draws have the closed-form mean and variance; distributionMean is the mean`, () => {
      const rng = Tychei.fromSeed(900 + i);
      const r = checkMoments(draw(N, () => sampleDistribution(rng, dist)), mean, variance, exKurt);
      expect(r.ok, r.message).toBe(true);
      expect(distributionMean(dist)).toBeCloseTo(mean, 10);
    });
  });
  it('normal and lognormal bounds truncate the draws', () => {
    const rng = Tychei.fromSeed(950);
    const n = Distribution.parse({ dist: 'normal', mean: 0, sd: 1, min: -0.5, max: 0.25 });
    const l = Distribution.parse({ dist: 'lognormal', mean: 1, sd: 2, min: 0.5, max: 3 });
    for (let i = 0; i < 20_000; i++) {
      const x = sampleDistribution(rng, n);
      const y = sampleDistribution(rng, l);
      if (!(x >= -0.5 && x <= 0.25)) expect.fail(`normal draw ${x}`);
      if (!(y >= 0.5 && y <= 3 + 1e-12)) expect.fail(`lognormal draw ${y}`);
    }
  });
});
