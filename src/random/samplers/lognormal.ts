import type { Rng } from '../rng.js';
import { sampleStandardNormal } from './normal.js';

/** The log-scale parameters of a lognormal with the given mean and standard deviation. */
export function lognormalParams(mean: number, sd: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** Lognormal given by the mean and standard deviation of the value itself. */
export function sampleLognormal(rng: Rng, mean: number, sd: number): number {
  const { mu, sigma } = lognormalParams(mean, sd);
  return Math.exp(mu + sigma * sampleStandardNormal(rng));
}
