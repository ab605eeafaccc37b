import { createRequire } from 'node:module';
import type poissonModule from '@stdlib/random-base-poisson';
import type { Rng } from '../rng.js';

/**
 * `@stdlib/random-base-poisson`, loaded on first use: it pulls in ~100 ms of stdlib modules that
 * a worker thread of the expected engine never needs.
 */
let stdlibPoisson: typeof poissonModule | undefined;
function poissonFactory(): typeof poissonModule {
  stdlibPoisson ??= createRequire(import.meta.url)('@stdlib/random-base-poisson') as typeof poissonModule;
  return stdlibPoisson;
}

/** Poisson(mean) draws on one random stream, through `@stdlib/random-base-poisson`. */
export class PoissonSampler {
  private readonly draw: (mean: number) => number;

  constructor(rng: Rng) {
    this.draw = poissonFactory().factory({ prng: () => rng.next() });
  }

  /** A Poisson draw; a mean of 0 (or less) gives 0. */
  sample(mean: number): number {
    return mean > 0 ? this.draw(mean) : 0;
  }
}
