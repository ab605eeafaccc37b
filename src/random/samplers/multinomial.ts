import { BinomialProbabilities, type BinomialSampler } from './binomial.js';

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

/**
 * `sampleMultinomial` prepared for a table of rows of `width` probabilities: for each row, the
 * categories that get a binomial draw, with their conditional probabilities (which do not depend
 * on n), and the last category with a positive probability, which takes what is left. Drawing
 * with a plan (`MultinomialPlan.sample`) gives the same counts from the same random numbers as
 * `sampleMultinomial` on the row, at less cost per draw.
 */
export class MultinomialPlan {
  readonly width: number;
  readonly rows: number;
  /** Categories drawn by binomials, per row, in order: `category[row * width + t]`, t < `drawn[row]`. */
  readonly category: Int32Array;
  readonly drawn: Int32Array;
  /** The last category with a positive probability per row (-1: none). */
  readonly last: Int32Array;
  /** Conditional probabilities of the drawn categories, at the same index as `category`. */
  readonly probabilities: BinomialProbabilities;

  constructor(table: ArrayLike<number>, width: number) {
    this.width = width;
    this.rows = Math.floor(table.length / width);
    this.category = new Int32Array(this.rows * width);
    this.drawn = new Int32Array(this.rows);
    this.last = new Int32Array(this.rows);
    this.probabilities = new BinomialProbabilities(this.rows * width);
    for (let row = 0; row < this.rows; row++) {
      const off = row * width;
      // As in sampleMultinomial: the row's mass, reduced by each category's probability in turn.
      let mass = 0;
      for (let j = 0; j < width; j++) mass += table[off + j] ?? 0;
      let last = -1;
      for (let j = width - 1; j >= 0; j--) {
        if ((table[off + j] ?? 0) > 0) {
          last = j;
          break;
        }
      }
      let t = 0;
      for (let j = 0; j < width; j++) {
        const pj = table[off + j] ?? 0;
        if (pj > 0 && j !== last) {
          this.category[off + t] = j;
          this.probabilities.set(off + t, Math.min(1, pj / mass));
          t++;
        }
        mass -= pj;
      }
      this.drawn[row] = t;
      this.last[row] = last;
    }
  }

  /**
   * Multinomial(n, row `row`) into `out[outOffset + j]`, j < width: the same counts as
   * `sampleMultinomial(binomial, n, table, row * width, width, out, outOffset)`.
   */
  sample(binomial: BinomialSampler, n: number, row: number, out: Float64Array, outOffset: number): void {
    const width = this.width;
    out.fill(0, outOffset, outOffset + width);
    const off = row * width;
    const drawn = this.drawn[row] ?? 0;
    let left = n;
    for (let t = 0; t < drawn && left !== 0; t++) {
      const x = binomial.samplePrepared(left, this.probabilities, off + t);
      out[outOffset + (this.category[off + t] ?? 0)] = x;
      left -= x;
    }
    const last = this.last[row] ?? -1;
    if (left !== 0 && last >= 0) out[outOffset + last] = left;
  }
}
