/**
 * Quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, the default
 * of R and NumPy): for sorted x of length n, Q(p) = x[h] + (h - floor h)(x[h+1] - x[h]),
 * h = (n - 1) p.
 */

/** The p-quantile (0 <= p <= 1) of values already sorted ascending; NaN for none. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[Math.min(n - 1, lo + 1)] ?? a;
  if (b === a || h === lo) return a;
  return a + (h - lo) * (b - a);
}

/** The percentiles the forecast reports. */
export const PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
export const PERCENTILE_NAMES = ['p5', 'p25', 'p50', 'p75', 'p95'] as const;
export type PercentileName = (typeof PERCENTILE_NAMES)[number];

/** Mean and the reported percentiles of a sample. */
export interface Summary {
  readonly mean: number;
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

/** Mean and percentiles of `values` (sorted in place). */
export function summarise(values: Float64Array): Summary {
  values.sort();
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  const q = (p: number) => quantileSorted(values, p);
  return { mean: values.length ? sum / values.length : Number.NaN, p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) };
}
