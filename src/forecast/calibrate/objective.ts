/**
 * What calibration fits, and how the fit is scored.
 *
 * A firm's monthly history has a `month` column (YYYY-MM, consecutive) and any subset of the
 * columns below, each the same quantity as the model's metric of that name for the baseline
 * policy: `active` (customers at the end of the month), `churnRate` (churned / active at the start
 * of the month, a share), `contacts` (support contacts in the month, all channels), `meanCes`
 * (mean Customer Effort Score 1-5 of contacting customers), `nps` (Net Promoter Score in points,
 * -100..100). Empty cells are missing values and are skipped.
 *
 * Objective (minimised): over the columns c present and the training months t (all but the last
 * `holdoutMonths`) where column c is observed,
 *
 *     J = sum_c (1 / n_c) sum_t ((model_ct - history_ct) / s_c)^2,
 *
 * s_c = the standard deviation of column c over the training months, floored at 1% of its mean
 * (so that a flat column is fitted to about 1% rather than to its noise alone). Each column
 * counts once whatever its length and whatever its unit: J is the sum over columns of the mean
 * squared error of each, in units of that column's variance (a relative error), and J ~ the number
 * of columns when the model is off by one standard deviation everywhere.
 */
import { COL, METRIC_COUNT } from '../../engine/metrics.js';

export const HISTORY_COLUMNS = ['active', 'churnRate', 'contacts', 'meanCes', 'nps'] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

/** Each history column's metric in the model. */
export const HISTORY_METRIC: Readonly<Record<HistoryColumn, number>> = {
  active: COL.active,
  churnRate: COL.churnRate,
  contacts: COL.contacts,
  meanCes: COL.meanCes,
  nps: COL.nps,
};

/** Valid range of each column's values, for reading a history file. */
export const HISTORY_RANGE: Readonly<Record<HistoryColumn, readonly [number, number]>> = {
  active: [0, Number.POSITIVE_INFINITY],
  churnRate: [0, 1],
  contacts: [0, Number.POSITIVE_INFINITY],
  meanCes: [1, 5],
  nps: [-100, 100],
};

/** A firm's monthly history. */
export interface History {
  /** The file it was read from (for messages). */
  readonly file: string;
  /** Consecutive calendar months, YYYY-MM. */
  readonly months: readonly string[];
  /** The columns present, one value per month (NaN: missing). */
  readonly columns: Partial<Readonly<Record<HistoryColumn, Float64Array>>>;
}

/** The columns a history has, in HISTORY_COLUMNS order. */
export function columnsOf(h: History): HistoryColumn[] {
  return HISTORY_COLUMNS.filter((c) => h.columns[c] !== undefined);
}

/** Column c of a run's metrics (`[(t - 1) * METRIC_COUNT + col]`), months 1..T. */
export function metricSeries(metrics: Float64Array, column: HistoryColumn, months: number): Float64Array {
  const col = HISTORY_METRIC[column];
  return Float64Array.from({ length: months }, (_, t) => metrics[t * METRIC_COUNT + col] ?? Number.NaN);
}

/** The scale s_c of each column over months [0, train). */
export function columnScales(h: History, train: number): Partial<Record<HistoryColumn, number>> {
  const out: Partial<Record<HistoryColumn, number>> = {};
  for (const c of columnsOf(h)) {
    const y = (h.columns[c] ?? new Float64Array(0)).subarray(0, train).filter(Number.isFinite);
    const n = y.length;
    let mean = 0;
    for (const v of y) mean += v / n;
    let ss = 0;
    for (const v of y) ss += (v - mean) ** 2;
    const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    out[c] = Math.max(sd, 0.01 * Math.abs(mean), 1e-12);
  }
  return out;
}

/** The objective J of model series against the history over months [0, train). */
export function objective(model: Partial<Record<HistoryColumn, Float64Array>>, h: History, train: number, scales: Partial<Record<HistoryColumn, number>>): number {
  let j = 0;
  for (const c of columnsOf(h)) {
    const y = h.columns[c];
    const m = model[c];
    const s = scales[c] ?? 1;
    if (!y || !m) continue;
    let sum = 0;
    let n = 0;
    for (let t = 0; t < train; t++) {
      const yt = y[t] ?? Number.NaN;
      if (!Number.isFinite(yt)) continue;
      sum += (((m[t] ?? Number.NaN) - yt) / s) ** 2;
      n++;
    }
    if (n > 0) j += sum / n;
  }
  return j;
}

/** Errors of a fitted series against observations over a range of months. */
export interface ErrorStats {
  /** Months with an observation. */
  readonly n: number;
  /** Root mean squared error, in the column's unit. */
  readonly rmse: number;
  /** Mean absolute percentage error, a share (months with an observation of 0 left out); NaN if none. */
  readonly mape: number;
  /** Mean of model - observed (the column's unit). */
  readonly bias: number;
}

export function errorStats(model: ArrayLike<number>, observed: ArrayLike<number>, from: number, to: number): ErrorStats {
  let n = 0;
  let se = 0;
  let bias = 0;
  let ape = 0;
  let nApe = 0;
  for (let t = from; t < to; t++) {
    const y = observed[t] ?? Number.NaN;
    if (!Number.isFinite(y)) continue;
    const e = (model[t] ?? Number.NaN) - y;
    n++;
    se += e * e;
    bias += e;
    if (y !== 0) {
      ape += Math.abs(e / y);
      nApe++;
    }
  }
  return { n, rmse: n ? Math.sqrt(se / n) : Number.NaN, mape: nApe ? ape / nApe : Number.NaN, bias: n ? bias / n : Number.NaN };
}
