import type { Distribution } from '../scenario/distribution.js';
import type { Rng } from './rng.js';
import { sampleBeta } from './samplers/beta.js';
import { logScale } from './samplers/lognormal.js';
import { samplePert } from './samplers/pert.js';
import { sampleTriangular } from './samplers/triangular.js';
import { sampleTruncatedNormal } from './samplers/truncatedNormal.js';
import { sampleUniform } from './samplers/uniform.js';

/**
 * Is `x` a distribution object (as opposed to a fixed number)? Here, apart from the schema, so that
 * the worker threads, which draw worlds, do not load zod (about 80 ms per worker).
 */
export function isDistribution(x: unknown): x is Distribution {
  return typeof x === 'object' && x !== null && 'dist' in x;
}

/**
 * One draw of an uncertain input. Normal and lognormal inputs are truncated to [min, max] where the
 * scenario (or the field's range) sets them.
 */
export function sampleDistribution(rng: Rng, d: Distribution): number {
  switch (d.dist) {
    case 'uniform':
      return sampleUniform(rng, d.min, d.max);
    case 'triangular':
      return sampleTriangular(rng, d.min, d.mode, d.max);
    case 'pert':
      return samplePert(rng, d.min, d.mode, d.max, d.lambda);
    case 'beta':
      return d.min + (d.max - d.min) * sampleBeta(rng, d.alpha, d.beta);
    case 'normal':
      return sampleTruncatedNormal(rng, d.mean, d.sd, d.min ?? -Infinity, d.max ?? Infinity);
    case 'lognormal': {
      const { mu, sigma, lo, hi } = logScale(d.mean, d.sd, d.min, d.max);
      return Math.exp(sampleTruncatedNormal(rng, mu, sigma, lo, hi));
    }
  }
}

/** The mean of a distribution before truncation (used for the "median world" and for reports). */
export function distributionMean(d: Distribution): number {
  switch (d.dist) {
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'pert':
      return (d.min + d.lambda * d.mode + d.max) / (d.lambda + 2);
    case 'beta':
      return d.min + ((d.max - d.min) * d.alpha) / (d.alpha + d.beta);
    case 'normal':
    case 'lognormal':
      return d.mean;
  }
}
