import type { Rng } from '../rng.js';
import { sampleStandardNormal } from './normal.js';

/** The log-scale parameters of a lognormal with the given mean and standard deviation. */
export function lognormalParams(mean: number, sd: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/**
 * The log-scale normal of a lognormal truncated to [min, max] (value scale; either bound may be
 * absent, a min <= 0 is no bound): its mu and sigma, and the bounds on the log scale.
 */
export function logScale(mean: number, sd: number, min: number | undefined, max: number | undefined): { mu: number; sigma: number; lo: number; hi: number } {
  const { mu, sigma } = lognormalParams(mean, sd);
  const lo = min !== undefined && min > 0 ? Math.log(min) : -Infinity;
  const hi = max !== undefined ? Math.log(max) : Infinity;
  return { mu, sigma, lo, hi };
}

/** Lognormal given by the mean and standard deviation of the value itself. */
export function sampleLognormal(rng: Rng, mean: number, sd: number): number {
  const { mu, sigma } = lognormalParams(mean, sd);
  return Math.exp(mu + sigma * sampleStandardNormal(rng));
}
