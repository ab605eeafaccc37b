/**
 * Quantile functions (inverse CDFs) of the scenario distributions, with the same truncation
 * semantics as the samplers in `distribution.ts`: normal and lognormal inputs are truncated to
 * [min, max] (the field's range, recorded on the distribution when it was validated), and the
 * quantile is taken on the allowed part of the probability scale, exactly as
 * `sampleTruncatedNormal` does with its one uniform. Used by Latin Hypercube sampling (values from
 * stratified uniforms) and by the tornado (inputs at P10 / P50 / P90).
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Distribution } from '../scenario/distribution.js';
import { logScale } from './samplers/lognormal.js';
import { pertShape } from './samplers/pert.js';

/** The u-quantile (0 <= u <= 1) of Normal(mean, sd) truncated to [lo, hi]. */
export function truncatedNormalQuantile(u: number, mean: number, sd: number, lo: number, hi: number): number {
  if (sd === 0) return Math.min(hi, Math.max(lo, mean));
  const flo = Number.isFinite(lo) ? normalCdf(lo, mean, sd) : 0;
  const fhi = Number.isFinite(hi) ? normalCdf(hi, mean, sd) : 1;
  if (!(fhi > flo)) return Math.min(hi, Math.max(lo, mean));
  const x = normalQuantile(flo + (fhi - flo) * u, mean, sd);
  return Math.min(hi, Math.max(lo, x));
}

/** The u-quantile of Triangular(min, mode, max) (the sampler's own inversion). */
export function triangularQuantile(u: number, min: number, mode: number, max: number): number {
  if (max === min) return min;
  const f = (mode - min) / (max - min);
  return u < f ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}

/** The u-quantile of Beta(alpha, beta) scaled to [min, max]. */
export function scaledBetaQuantile(u: number, alpha: number, beta: number, min: number, max: number): number {
  if (max === min) return min;
  return min + (max - min) * betaQuantile(Math.min(1, Math.max(0, u)), alpha, beta);
}

/**
 * The u-quantile of a scenario distribution, 0 <= u <= 1 (u = 0.5: the median). For normal and
 * lognormal inputs the quantile is of the truncated distribution, as drawn.
 */
export function distributionQuantile(d: Distribution, u: number): number {
  switch (d.dist) {
    case 'uniform':
      return d.min + (d.max - d.min) * u;
    case 'triangular':
      return triangularQuantile(u, d.min, d.mode, d.max);
    case 'pert': {
      if (d.max === d.min) return d.min;
      const { alpha, beta } = pertShape(d.min, d.mode, d.max, d.lambda);
      return scaledBetaQuantile(u, alpha, beta, d.min, d.max);
    }
    case 'beta':
      return scaledBetaQuantile(u, d.alpha, d.beta, d.min, d.max);
    case 'normal':
      return truncatedNormalQuantile(u, d.mean, d.sd, d.min ?? -Infinity, d.max ?? Infinity);
    case 'lognormal': {
      const { mu, sigma, lo, hi } = logScale(d.mean, d.sd, d.min, d.max);
      return Math.exp(truncatedNormalQuantile(u, mu, sigma, lo, hi));
    }
  }
}

/** The median of a scenario distribution (of the truncated one for normal and lognormal). */
export const distributionMedian = (d: Distribution): number => distributionQuantile(d, 0.5);
