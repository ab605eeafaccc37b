import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Rng } from '../rng.js';
import { openUniform } from './uniform.js';

/**
 * Normal(mean, sd) truncated to [lo, hi], by inverting the CDF on the allowed part of the
 * probability scale: exact, with one uniform per draw and no rejection loop.
 */
export function sampleTruncatedNormal(rng: Rng, mean: number, sd: number, lo: number, hi: number): number {
  if (sd === 0) return Math.min(hi, Math.max(lo, mean));
  const flo = Number.isFinite(lo) ? normalCdf(lo, mean, sd) : 0;
  const fhi = Number.isFinite(hi) ? normalCdf(hi, mean, sd) : 1;
  if (!(fhi > flo)) return Math.min(hi, Math.max(lo, mean));
  const x = normalQuantile(flo + (fhi - flo) * openUniform(rng), mean, sd);
  return Math.min(hi, Math.max(lo, x));
}
