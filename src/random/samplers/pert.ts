import type { Rng } from '../rng.js';
import { sampleBeta } from './beta.js';

/** The beta shape parameters of a PERT(min, mode, max, lambda). */
export function pertShape(min: number, mode: number, max: number, lambda: number): { alpha: number; beta: number } {
  const range = max - min;
  return { alpha: 1 + (lambda * (mode - min)) / range, beta: 1 + (lambda * (max - mode)) / range };
}

/** Beta-PERT on [min, max] with most likely value `mode` (mean (min + lambda mode + max) / (lambda + 2)). */
export function samplePert(rng: Rng, min: number, mode: number, max: number, lambda = 4): number {
  if (max === min) return min;
  const { alpha, beta } = pertShape(min, mode, max, lambda);
  return min + (max - min) * sampleBeta(rng, alpha, beta);
}
