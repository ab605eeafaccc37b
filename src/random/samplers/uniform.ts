import type { Rng } from '../rng.js';

/** Uniform on [min, max). */
export function sampleUniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng.next();
}

/** A uniform in the open interval (0, 1), for samplers that take logarithms. */
export function openUniform(rng: Rng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return u;
}
