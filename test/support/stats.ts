/**
 * Statistical yardsticks shared by the tests. Every tolerance in the suite is derived here from a
 * standard error or a test statistic's known null distribution, at a stated significance, never
 * picked by hand:
 *
 * - Z = 4 for a mean or a variance against its closed form: a two-sided false alarm of 6.3e-5 per
 *   comparison, so a file with a hundred comparisons fails by chance less than once in 150 seeds
 *   (and the seeds are fixed, so a pass is reproducible).
 * - Kolmogorov-Smirnov at alpha = 0.001: D < c(alpha) sqrt(1/n) (one sample) or
 *   c(alpha) sqrt((n + m) / (n m)) (two samples), c(alpha) = sqrt(-ln(alpha / 2) / 2) = 1.9495.
 * - Chi-square at alpha = 0.001 through the Wilson-Hilferty approximation of its quantile.
 */

/** Standard errors allowed between an estimate and its expected value. */
export const Z = 4;
/** Significance of the distribution tests (KS, chi-square, F). */
export const ALPHA = 0.001;
/** Upper 1 - ALPHA quantile of the standard normal (one-sided 0.001): 3.0902. */
export const Z_ALPHA = 3.090232306167813;

export interface Moments {
  readonly n: number;
  readonly mean: number;
  /** Unbiased sample variance. */
  readonly variance: number;
}

export function moments(xs: ArrayLike<number>): Moments {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i] ?? 0;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (xs[i] ?? 0) - mean;
    ss += d * d;
  }
  return { n, mean, variance: n > 1 ? ss / (n - 1) : 0 };
}

/** Standard error of the mean of n draws with the given (known) variance. */
export const seMean = (variance: number, n: number): number => Math.sqrt(variance / n);

/**
 * Standard error of the unbiased sample variance of n draws from a law with variance `variance`
 * and excess kurtosis `excessKurtosis`: Var(s^2) = sigma^4 (2 / (n - 1) + kappa / n).
 */
export const seVariance = (variance: number, excessKurtosis: number, n: number): number =>
  variance * Math.sqrt(2 / (n - 1) + excessKurtosis / n);

/** Asserts |mean - mu| < Z SE and |s^2 - sigma^2| < Z SE(s^2); returns a message on failure. */
export function checkMoments(
  xs: ArrayLike<number>,
  mu: number,
  variance: number,
  excessKurtosis: number,
): { ok: boolean; message: string } {
  const m = moments(xs);
  const se1 = seMean(variance, m.n);
  const se2 = seVariance(variance, excessKurtosis, m.n);
  const zMean = se1 > 0 ? (m.mean - mu) / se1 : m.mean === mu ? 0 : Infinity;
  const zVar = se2 > 0 ? (m.variance - variance) / se2 : m.variance === variance ? 0 : Infinity;
  const ok = Math.abs(zMean) < Z && Math.abs(zVar) < Z;
  return {
    ok,
    message: `mean ${m.mean} vs ${mu} (z = ${zMean.toFixed(2)}), variance ${m.variance} vs ${variance} (z = ${zVar.toFixed(2)})`,
  };
}

/** c(alpha) of the Kolmogorov-Smirnov test. */
export const KS_C = Math.sqrt(-Math.log(ALPHA / 2) / 2);

/** One-sample KS statistic of xs against the continuous CDF `cdf`. */
export function ksStatistic(xs: ArrayLike<number>, cdf: (x: number) => number): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i] ?? 0);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** Critical value of the one-sample KS test at ALPHA. */
export const ksCritical = (n: number): number => KS_C / Math.sqrt(n);

/** Two-sample KS statistic (ties handled by stepping over equal values together). */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i] ?? 0, y[j] ?? 0);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** Critical value of the two-sample KS test at ALPHA. */
export const ksCritical2 = (n: number, m: number): number => KS_C * Math.sqrt((n + m) / (n * m));

/** Upper 1 - ALPHA quantile of chi-square with k degrees of freedom (Wilson-Hilferty). */
export function chiSquareCritical(k: number): number {
  const h = 2 / (9 * k);
  return k * Math.pow(1 - h + Z_ALPHA * Math.sqrt(h), 3);
}

/** log Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] ?? 0;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] ?? 0) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

export function binomialPmf(n: number, p: number, k: number): number {
  if (k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

export function poissonPmf(mean: number, k: number): number {
  return Math.exp(-mean + k * Math.log(mean) - logGamma(k + 1));
}

/**
 * Pearson chi-square of integer draws against a pmf. Cells are the values with an expected count of
 * at least 5; everything else is pooled into one lower-tail and one upper-tail cell (themselves
 * pooled with their neighbour when they hold less than 5). Returns the statistic and the degrees of
 * freedom (cells - 1).
 */
export function chiSquareDiscrete(
  xs: ArrayLike<number>,
  pmf: (k: number) => number,
  lo: number,
  hi: number,
): { stat: number; df: number } {
  const n = xs.length;
  const observed = new Map<number, number>();
  for (let i = 0; i < n; i++) observed.set(xs[i] ?? 0, (observed.get(xs[i] ?? 0) ?? 0) + 1);
  // Cells [from, to] over lo..hi, grown until each expects >= 5.
  const cells: { exp: number; obs: number }[] = [];
  let exp = 0;
  let obs = 0;
  for (let k = lo; k <= hi; k++) {
    exp += n * pmf(k);
    obs += observed.get(k) ?? 0;
    if (exp >= 5) {
      cells.push({ exp, obs });
      exp = 0;
      obs = 0;
    }
  }
  // Leftover mass (the upper tail) goes into the last cell; draws outside lo..hi are counted too.
  let outside = 0;
  for (const [k, c] of observed) if (k < lo || k > hi) outside += c;
  const last = cells[cells.length - 1];
  if (last) {
    last.exp += exp + Math.max(0, n - cells.reduce((a, c) => a + c.exp, 0) - exp);
    last.obs += obs + outside;
  }
  let stat = 0;
  for (const c of cells) stat += ((c.obs - c.exp) * (c.obs - c.exp)) / c.exp;
  return { stat, df: cells.length - 1 };
}

/** Draws `n` values from `f` into a Float64Array. */
export function draw(n: number, f: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f();
  return out;
}
