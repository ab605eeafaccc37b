/**
 * Latin Hypercube sampling of the uncertain inputs (McKay, Beckman & Conover 1979). For a block of
 * n runs, each input's probability scale is cut into n equal strata; every stratum is used by
 * exactly one run, at a uniformly jittered point inside it, and the strata are assigned to runs by a
 * seeded shuffle, independently per input. The values are the inputs' quantile functions at those
 * points, so each input's marginal is exact and evenly covered, which lowers the variance of means
 * of any function that is (close to) additive in the inputs; the inputs stay independent.
 *
 * Streams are named, as everything else: (seed, 'lhs', block, input path). A design therefore
 * depends only on the seed, the block size and the runs, never on the worker count.
 */
import type { Distribution } from '../scenario/distribution.js';
import { distributionQuantile } from './quantiles.js';
import type { Rng } from './rng.js';
import { openUniform } from './samplers/uniform.js';
import { stream } from './streams.js';

/** Fisher-Yates shuffle in place (Durstenfeld), with one draw per position. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(rng: Rng, a: T): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
  return a;
}

/**
 * n stratified uniforms: u[k] = (perm[k] + v[k]) / n with perm a random permutation of 0..n-1 and
 * v[k] uniform in (0, 1): exactly one value in each stratum [j/n, (j+1)/n). The permutation is drawn
 * first, then the n jitters, from the same stream.
 */
export function stratifiedUniforms(rng: Rng, n: number): Float64Array {
  const perm = new Float64Array(n);
  for (let k = 0; k < n; k++) perm[k] = k;
  shuffleInPlace(rng, perm);
  const u = new Float64Array(n);
  for (let k = 0; k < n; k++) u[k] = ((perm[k] ?? 0) + openUniform(rng)) / n;
  return u;
}

/** What LHS needs of an uncertain input. */
export interface LhsInput {
  readonly path: string;
  readonly dist: Distribution;
}

/**
 * The Latin Hypercube values of every input for runs [from, to): `[(r - from) * I + i]`. Runs are
 * grouped into blocks of `block` runs ([0, block), [block, 2 block) ...), each a Latin Hypercube of
 * its own (the last one may be cut short by `to`, and is then only part of a hypercube).
 */
export function latinHypercube(inputs: readonly LhsInput[], seed: number, from: number, to: number, block: number): Float64Array {
  const I = inputs.length;
  const out = new Float64Array(Math.max(0, to - from) * I);
  if (!(block >= 1)) throw new RangeError(`LHS block must be at least 1 run (got ${block})`);
  for (let b = Math.floor(from / block); b * block < to; b++) {
    const start = b * block;
    const lo = Math.max(from, start);
    const hi = Math.min(to, start + block);
    inputs.forEach((input, i) => {
      const u = stratifiedUniforms(stream(seed, 'lhs', b, input.path), block);
      for (let r = lo; r < hi; r++) out[(r - from) * I + i] = distributionQuantile(input.dist, u[r - start] ?? 0.5);
    });
  }
  return out;
}
