/**
 * The Monte Carlo standard error of a mean over runs: sd / sqrt(n), with the sample standard
 * deviation (n - 1 in the denominator). It measures how far the reported mean could move if the
 * forecast were run again with another seed, not the spread of outcomes (that is P5..P95).
 */

/** sd(x) / sqrt(n), in the unit of x; NaN for fewer than two values or a NaN among them. */
export function meanStandardError(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (x[i] ?? Number.NaN) / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] ?? Number.NaN) - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1) / n);
}
