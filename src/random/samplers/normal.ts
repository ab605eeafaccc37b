import type { Rng } from '../rng.js';
import { openUniform } from './uniform.js';

/** Standard normal by the Box-Muller transform (two uniforms per draw, no cached state). */
export function sampleStandardNormal(rng: Rng): number {
  const u1 = openUniform(rng);
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Normal(mean, sd). */
export function sampleNormal(rng: Rng, mean: number, sd: number): number {
  return mean + sd * sampleStandardNormal(rng);
}
