import type { BinomialSampler } from './binomial.js';

/**
 * Multinomial(n, probs) by sequential conditional binomials, written into `out` (same length as
 * `probs`, offsets given). `probs` need not sum exactly to 1: the last category with a positive
 * probability takes what is left. Stops as soon as nothing is left to share out.
 */
export function sampleMultinomial(
  binomial: BinomialSampler,
  n: number,
  probs: ArrayLike<number>,
  probOffset: number,
  k: number,
  out: Float64Array | Int32Array | number[],
  outOffset: number,
): void {
  let left = n;
  let mass = 0;
  for (let j = 0; j < k; j++) mass += probs[probOffset + j] ?? 0;
  let last = -1;
  for (let j = k - 1; j >= 0; j--) {
    if ((probs[probOffset + j] ?? 0) > 0) {
      last = j;
      break;
    }
  }
  for (let j = 0; j < k; j++) {
    const pj = probs[probOffset + j] ?? 0;
    if (left === 0 || pj <= 0) {
      out[outOffset + j] = 0;
    } else if (j === last) {
      out[outOffset + j] = left;
      left = 0;
    } else {
      const x = binomial.sample(left, Math.min(1, pj / mass));
      out[outOffset + j] = x;
      left -= x;
    }
    mass -= pj;
  }
}
