/**
 * Quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, the default
 * of R and NumPy): for sorted x of length n, Q(p) = x[h] + (h - floor h)(x[h+1] - x[h]),
 * h = (n - 1) p.
 */
import quickselect from 'quickselect';

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

/** Above this many values, `summarise` selects its order statistics instead of sorting. */
const SELECT_ABOVE = 4096;

/**
 * Mean and percentiles of `values`, which it reorders in place: sorted up to 4096 values; above,
 * only partially, with quickselect (Floyd-Rivest), which finds the order statistics type 7 needs
 * (x[h] and x[h + 1] for each percentile) in linear time. The agent engine summarises one value
 * per customer, 200,000 for default.yaml: 6-7 ms instead of 23 ms for the sort.
 */
export function summarise(values: Float64Array): Summary {
  const n = values.length;
  if (n <= SELECT_ABOVE) {
    values.sort();
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i] ?? 0;
    const q = (p: number) => quantileSorted(values, p);
    return { mean: n ? sum / n : Number.NaN, p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) };
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] ?? 0;
  const [p5, p25, p50, p75, p95] = selectQuantiles(values, PERCENTILES);
  return { mean: sum / n, p5: p5 ?? Number.NaN, p25: p25 ?? Number.NaN, p50: p50 ?? Number.NaN, p75: p75 ?? Number.NaN, p95: p95 ?? Number.NaN };
}

/** Ascending order for quickselect, infinities included (a - b is NaN for two equal infinities). */
const ascending = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Type-7 quantiles of `values` at the probabilities `ps` (ascending), by selection: the same
 * numbers as `quantileSorted` of the sorted values, NaN last as the sort puts it. Reorders
 * `values`.
 */
export function selectQuantiles(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => Number.NaN);
  // NaN to the end, as Float64Array.sort leaves it: the numbers are values[0 .. m).
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] ?? Number.NaN;
    if (!Number.isNaN(x)) {
      values[i] = values[m] ?? Number.NaN;
      values[m++] = x;
    }
  }
  // quickselect's declaration asks for an array; it only reads, writes and compares by index.
  const arr = values as unknown as number[];
  let left = 0;
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    if (lo >= m) return Number.NaN;
    if (lo >= left) quickselect(arr, lo, left, m - 1, ascending);
    left = lo + 1;
    const a = values[lo] ?? Number.NaN;
    if (h === lo || lo + 1 >= n) return a;
    if (lo + 1 >= m) return Number.NaN;
    // x[lo + 1] is the smallest of what lies above x[lo]
    let b = Number.POSITIVE_INFINITY;
    for (let i = lo + 1; i < m; i++) if ((values[i] ?? 0) < b) b = values[i] ?? 0;
    return b === a ? a : a + (h - lo) * (b - a);
  });
}
