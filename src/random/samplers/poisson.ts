import poissonFactory from '@stdlib/random-base-poisson';
import type { Rng } from '../rng.js';

/** Poisson(mean) draws on one random stream, through `@stdlib/random-base-poisson`. */
export class PoissonSampler {
  private readonly draw: (mean: number) => number;

  constructor(rng: Rng) {
    this.draw = poissonFactory.factory({ prng: () => rng.next() });
  }

  /** A Poisson draw; a mean of 0 (or less) gives 0. */
  sample(mean: number): number {
    return mean > 0 ? this.draw(mean) : 0;
  }
}
