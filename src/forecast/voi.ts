/**
 * Value of information: which uncertain input, if measured, could change the decision, and what
 * knowing it is worth, estimated from the Monte Carlo runs themselves (no extra simulation).
 *
 * The net benefit of policy p in run r is its NPV difference against the baseline, NB_p(r)
 * (the baseline's is 0; adding any per-run amount common to all policies changes nothing below).
 *
 * - EVPI, perfect information on everything: E_r[max_p NB_p(r)] - max_p E_r[NB_p(r)].
 * - EVPPI of input x, perfect information on x alone: E_x[max_p E(NB_p | x)] - max_p E(NB_p).
 *   E(NB_p | x) is estimated by least squares of NB_p on a cubic polynomial in x's rank
 *   (u = (rank - 1/2) / n, centred), the regression estimator of Strong, Oakley & Brennan (Med
 *   Decis Making 2014) with a polynomial in place of their GAM: smooth, monotone-or-not, and exact
 *   for effects up to cubic in x's quantile. The fit has an intercept, so the mean of the fitted
 *   values is the mean of NB_p, and the estimate is >= 0.
 * - pDecisionChange: the share of worlds in which the fitted E(NB_p | x) picks another policy than
 *   the one that is best on average: how often knowing x would change the decision.
 * - The estimator is biased upward by noise (the max of fitted values that wiggle by chance). The
 *   `noiseFloor` is the mean EVPPI of placebo inputs (seeded random permutations of the runs, with
 *   no relation to the results); an input is only named "measure this first" when its EVPPI is
 *   more than twice that (about the 95th percentile of a null input's EVPPI in our tests).
 */
import { stream } from '../random/streams.js';
import { shuffleInPlace } from '../random/lhs.js';

/** Ranks 1..n with ties given their average rank. */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => (x[a] ?? 0) - (x[b] ?? 0) || a - b);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && (x[idx[j + 1] ?? 0] ?? 0) === (x[idx[i] ?? 0] ?? 0)) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k] ?? 0] = avg;
    i = j + 1;
  }
  return r;
}

/** Solves the small dense system A x = b in place (Gaussian elimination, partial pivoting); null if singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const m = b.length;
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r]?.[c] ?? 0) > Math.abs(a[piv]?.[c] ?? 0)) piv = r;
    if (!(Math.abs(a[piv]?.[c] ?? 0) > 1e-12)) return null;
    [a[c], a[piv]] = [a[piv] as number[], a[c] as number[]];
    [b[c], b[piv]] = [b[piv] as number, b[c] as number];
    const rowC = a[c] as number[];
    for (let r = c + 1; r < m; r++) {
      const row = a[r] as number[];
      const f = (row[c] ?? 0) / (rowC[c] ?? 1);
      for (let k = c; k < m; k++) row[k] = (row[k] ?? 0) - f * (rowC[k] ?? 0);
      b[r] = (b[r] ?? 0) - f * (b[c] ?? 0);
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let r = m - 1; r >= 0; r--) {
    const row = a[r] as number[];
    let s = b[r] ?? 0;
    for (let k = r + 1; k < m; k++) s -= (row[k] ?? 0) * (x[k] ?? 0);
    x[r] = s / (row[r] ?? 1);
  }
  return x;
}

/** Degree of the polynomial in the input's rank that estimates E(NB | x). */
export const VOI_DEGREE = 3;

/**
 * Least-squares fit of y on 1, v, ..., v^degree, v = u - 1/2 with u the centred ranks of x; the
 * fitted values. Falls back to lower degrees when x has too few distinct values.
 */
export function polynomialFit(x: ArrayLike<number>, y: ArrayLike<number>, degree = VOI_DEGREE): Float64Array {
  const n = x.length;
  const ranks = averageRanks(x);
  const v = Float64Array.from(ranks, (r) => (r - 0.5) / n - 0.5);
  for (let d = Math.min(degree, n - 1); d >= 0; d--) {
    const m = d + 1;
    const ata = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    const aty = new Array<number>(m).fill(0);
    const pow = new Float64Array(2 * m);
    for (let i = 0; i < n; i++) {
      const vi = v[i] ?? 0;
      pow[0] = 1;
      for (let k = 1; k < 2 * m; k++) pow[k] = (pow[k - 1] ?? 0) * vi;
      for (let a = 0; a < m; a++) {
        aty[a] = (aty[a] ?? 0) + (pow[a] ?? 0) * (y[i] ?? 0);
        const row = ata[a] as number[];
        for (let b = 0; b < m; b++) row[b] = (row[b] ?? 0) + (pow[a + b] ?? 0);
      }
    }
    const coef = solve(ata, aty);
    if (!coef) continue;
    const fit = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = m - 1; k >= 0; k--) s = s * (v[i] ?? 0) + (coef[k] ?? 0);
      fit[i] = s;
    }
    return fit;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (y[i] ?? 0) / n;
  return new Float64Array(n).fill(mean);
}

const mean = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] ?? 0;
  return a.length ? s / a.length : Number.NaN;
};

/** Index of the largest of the policies' values; ties to the first. */
function argmax(values: readonly ArrayLike<number>[], r: number): number {
  let best = 0;
  for (let p = 1; p < values.length; p++) if ((values[p]?.[r] ?? -Infinity) > (values[best]?.[r] ?? -Infinity)) best = p;
  return best;
}

/** The policy that is best on average (index), and its mean net benefit. */
export function bestOnAverage(nb: readonly ArrayLike<number>[]): { index: number; mean: number } {
  const means = nb.map(mean);
  let index = 0;
  for (let p = 1; p < means.length; p++) if ((means[p] ?? -Infinity) > (means[index] ?? -Infinity)) index = p;
  return { index, mean: means[index] ?? Number.NaN };
}

/** EVPI of net benefits `nb[p][r]` (currency). */
export function evpi(nb: readonly ArrayLike<number>[]): number {
  const n = nb[0]?.length ?? 0;
  if (n === 0) return Number.NaN;
  let s = 0;
  for (let r = 0; r < n; r++) s += nb[argmax(nb, r)]?.[r] ?? 0;
  return Math.max(0, s / n - bestOnAverage(nb).mean);
}

/** EVPPI of one input from the conditional means `fitted[p][r]` = E(NB_p | x_r). */
export function evppiFromFitted(fitted: readonly ArrayLike<number>[]): { evppi: number; pDecisionChange: number; best: number } {
  const n = fitted[0]?.length ?? 0;
  const { index: best, mean: bestMean } = bestOnAverage(fitted);
  let s = 0;
  let changes = 0;
  for (let r = 0; r < n; r++) {
    const p = argmax(fitted, r);
    const v = fitted[p]?.[r] ?? 0;
    s += v;
    // A change needs a margin above rounding: the fits of equal policies can differ in the last bits.
    if (p !== best && v - (fitted[best]?.[r] ?? 0) > 1e-9 * (Math.abs(v) + 1)) changes++;
  }
  return { evppi: n ? Math.max(0, s / n - bestMean) : Number.NaN, pDecisionChange: n ? changes / n : Number.NaN, best };
}

/** EVPPI of input values `x[r]` for net benefits `nb[p][r]`, by the polynomial regression. */
export function evppi(x: ArrayLike<number>, nb: readonly ArrayLike<number>[], degree = VOI_DEGREE): { evppi: number; pDecisionChange: number; fitted: Float64Array[] } {
  const fitted = nb.map((y) => (isConstant(y) ? Float64Array.from(y) : polynomialFit(x, y, degree)));
  return { ...evppiFromFitted(fitted), fitted };
}

function isConstant(y: ArrayLike<number>): boolean {
  for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) return false;
  return true;
}

/** Value of information of one uncertain input. */
export interface InputValueOfInformation {
  /** Dotted path of the input. */
  readonly input: string;
  /** Expected value of perfect information on this input alone (currency, NPV over the horizon). */
  readonly evppi: number;
  /** Share of worlds in which knowing this input would change the best policy. */
  readonly pDecisionChange: number;
  /** The best policy in each tenth of the input's range (its deciles, lowest first), by the fitted means. */
  readonly bestByDecile: readonly string[];
}

/** Value of information of all the uncertain inputs. */
export interface ValueOfInformation {
  readonly runs: number;
  /** The policy with the highest mean NPV (baseline included): the decision without more information. */
  readonly bestPolicy: string;
  /** Mean NPV of the best policy less that of the runner-up (currency; NaN with one policy). */
  readonly margin: number;
  /** Expected value of perfect information on every input at once (currency). */
  readonly evpi: number;
  /** Mean EVPPI of placebo inputs unrelated to the results: the estimator's noise level (currency). */
  readonly noiseFloor: number;
  /** Per input, by EVPPI, highest first. */
  readonly inputs: readonly InputValueOfInformation[];
  /** The input to measure first: the highest EVPPI, when above the noise floor; else null. */
  readonly measureFirst: string | null;
}

/** Placebo permutations for the noise floor. */
export const PLACEBOS = 5;

/**
 * Value of information from Monte Carlo runs: `x[i][r]` the value of input i in run r, `nb[p][r]`
 * policy p's net benefit in run r. `seed` names the placebo permutations.
 */
export function valueOfInformation(
  inputs: readonly string[],
  x: readonly ArrayLike<number>[],
  policies: readonly string[],
  nb: readonly ArrayLike<number>[],
  seed: number,
): ValueOfInformation {
  const n = nb[0]?.length ?? 0;
  const best = bestOnAverage(nb).index;
  const rows: InputValueOfInformation[] = inputs.map((input, i) => {
    const xi = x[i] ?? new Float64Array(n);
    const { evppi: value, pDecisionChange, fitted } = evppi(xi, nb);
    const ranks = averageRanks(xi);
    const bestByDecile = Array.from({ length: 10 }, (_, d) => {
      const inDecile = (r: number) => Math.min(9, Math.floor(((ranks[r] ?? 1) - 0.5) / (n / 10))) === d;
      const sums = fitted.map((f) => {
        let s = 0;
        for (let r = 0; r < n; r++) if (inDecile(r)) s += f[r] ?? 0;
        return s;
      });
      let b = 0;
      for (let p = 1; p < sums.length; p++) if ((sums[p] ?? -Infinity) > (sums[b] ?? -Infinity)) b = p;
      return policies[b] ?? '';
    });
    return { input, evppi: value, pDecisionChange, bestByDecile };
  });
  rows.sort((a, b) => b.evppi - a.evppi || a.input.localeCompare(b.input));
  let floor = 0;
  if (n > 1) {
    for (let k = 0; k < PLACEBOS; k++) {
      const perm = new Float64Array(n);
      for (let r = 0; r < n; r++) perm[r] = r;
      shuffleInPlace(stream(seed, 'voi-placebo', k), perm);
      floor += evppi(perm, nb).evppi / PLACEBOS;
    }
  }
  const top = rows[0];
  const means = nb.map(mean);
  const runnerUp = Math.max(...means.filter((_, p) => p !== best));
  return {
    runs: n,
    bestPolicy: policies[best] ?? '',
    margin: (means[best] ?? Number.NaN) - runnerUp,
    evpi: evpi(nb),
    noiseFloor: floor,
    inputs: rows,
    measureFirst: top && top.evppi > 0 && top.evppi > 2 * floor ? top.input : null,
  };
}
