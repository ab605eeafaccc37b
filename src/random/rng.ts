/** A source of uniform random numbers in [0, 1). Every sampler takes one as its first argument. */
export interface Rng {
  /** A uniform draw in [0, 1) with 32 bits of resolution. */
  next(): number;
}
