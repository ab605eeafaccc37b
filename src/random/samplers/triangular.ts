import type { Rng } from '../rng.js';

/** Triangular on [min, max] with mode `mode`, by inverting its CDF. */
export function sampleTriangular(rng: Rng, min: number, mode: number, max: number): number {
  if (max === min) return min;
  const u = rng.next();
  const f = (mode - min) / (max - min);
  return u < f ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}
