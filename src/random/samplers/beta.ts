import type { Rng } from '../rng.js';
import { sampleGamma } from './gamma.js';

/** Beta(alpha, beta) on [0, 1], as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
export function sampleBeta(rng: Rng, alpha: number, beta: number): number {
  const x = sampleGamma(rng, alpha);
  const y = sampleGamma(rng, beta);
  return x / (x + y);
}
