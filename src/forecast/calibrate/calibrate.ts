/**
 * Calibration: fits the baseline's free parameters (declared under `calibrate.parameters` in the
 * scenario, each within [min, max]) to a firm's monthly history, with the expected engine
 * (deterministic, so the objective is smooth and noise-free) and Nelder-Mead.
 *
 *   scenario + history --1 fit scenario: horizon = the history's months, start = its first month,
 *   the baseline policy alone, uncertain inputs at their means--> --2 minimise J (objective.ts)
 *   over the parameters (Nelder-Mead on a logistic map of each [min, max], restarted from the best
 *   until it stops improving)--> fitted values --3 fit statistics on the training and the holdout
 *   months--> --4 backtest (the caller's Monte Carlo of the fitted scenario gives the P5-P95 band).
 *
 * The history's first month is the model's month 1: the scenario's book (segments' customers and
 * scores) is the book at the start of the history.
 */
import { METRIC_COUNT } from '../../engine/metrics.js';
import type { MonteCarlo } from '../../engine/montecarlo.js';
import { expectedPopulation } from '../../engine/expected.js';
import { simulatePolicy } from '../../engine/simulate.js';
import { policyModel, worldSegments } from '../../model/kernel.js';
import { distributionMean } from '../../random/distribution.js';
import { isDistribution } from '../../random/distribution.js';
import { Scenario } from '../../scenario/schema.js';
import { meanWorld } from '../../scenario/world.js';
import { addMonths } from '../calendar.js';
import { quantileSorted } from '../quantile.js';
import { nelderMead } from './nelderMead.js';
import { HISTORY_METRIC, columnScales, columnsOf, errorStats, metricSeries, objective, type ErrorStats, type History, type HistoryColumn } from './objective.js';

/** A problem with the calibration set-up: the scenario field or history it concerns, and what is wrong. */
export interface CalibrationIssue {
  readonly path: string;
  readonly message: string;
}

/** One fitted parameter. */
export interface CalibrationParameter {
  readonly path: string;
  readonly min: number;
  readonly max: number;
  /** The value the fit started from: the scenario's (its mean if uncertain), clamped into [min, max]. */
  readonly start: number;
  readonly value: number;
  /** Within 0.1% of the range of min or max: the data push it to the bound, widen it or doubt it. */
  readonly atBound: boolean;
}

/** How well one column is fitted. */
export interface ColumnFit {
  readonly column: HistoryColumn;
  /** The column's scale s_c in the objective (its unit). */
  readonly scale: number;
  readonly train: ErrorStats;
  /** Null without holdout months. */
  readonly holdout: ErrorStats | null;
}

export interface CalibrationFit {
  readonly parameters: readonly CalibrationParameter[];
  /** J at the start and at the fit (objective.ts). */
  readonly startObjective: number;
  readonly objective: number;
  readonly evaluations: number;
  /** Nelder-Mead runs (the first and its restarts). */
  readonly restarts: number;
  readonly converged: boolean;
  readonly months: readonly string[];
  readonly trainMonths: number;
  readonly holdoutMonths: number;
  readonly columns: readonly ColumnFit[];
  /** The fitted model (expected engine) over every history month, per history column. */
  readonly fitted: Partial<Readonly<Record<HistoryColumn, readonly number[]>>>;
}

export type CalibrationResult =
  | {
      readonly ok: true;
      readonly fit: CalibrationFit;
      /** The scenario with the fitted values (everything else as it was). */
      readonly calibrated: Scenario;
      /** The calibrated scenario over the history: its months, the baseline alone (for the backtest). */
      readonly backtestScenario: Scenario;
    }
  | { readonly ok: false; readonly issues: readonly CalibrationIssue[] };

type Tree = Record<string, unknown>;

/** The value at a dotted path (numbers and distributions), or undefined. */
export function valueAtPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Tree)[key] : undefined;
  return node;
}

/** A copy of the scenario with each path set to its number (a distribution there becomes that number). */
export function withValues(scenario: Scenario, values: ReadonlyMap<string, number>): Scenario {
  const copy = structuredClone(scenario);
  for (const [path, value] of values) {
    const keys = path.split('.');
    let node: unknown = copy;
    for (const key of keys.slice(0, -1)) node = typeof node === 'object' && node !== null ? (node as Tree)[key] : undefined;
    const last = keys[keys.length - 1];
    if (typeof node === 'object' && node !== null && last !== undefined) (node as Tree)[last] = value;
  }
  return copy;
}

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));
const logit = (p: number): number => Math.log(p / (1 - p));

/** The model's series of the history's columns, for the fit scenario with these values (expected engine). */
function modelSeries(fitScenario: Scenario, values: ReadonlyMap<string, number>, columns: readonly HistoryColumn[]): Partial<Record<HistoryColumn, Float64Array>> {
  const world = meanWorld(withValues(fitScenario, values));
  const model = policyModel(world, fitScenario.baseline, worldSegments(world));
  const run = simulatePolicy(model, expectedPopulation, 0);
  const out: Partial<Record<HistoryColumn, Float64Array>> = {};
  for (const c of columns) out[c] = metricSeries(run.metrics, c, fitScenario.horizonMonths);
  return out;
}

/** Checks the set-up: the parameters, their bounds, the history's length. */
export function checkCalibration(scenario: Scenario, history: History): CalibrationIssue[] {
  const issues: CalibrationIssue[] = [];
  const cal = scenario.calibrate;
  if (!cal) return [{ path: 'calibrate', message: 'the scenario declares no `calibrate: { parameters: [{ path, min, max }] }`: nothing to fit' }];
  const seen = new Set<string>();
  cal.parameters.forEach((p, i) => {
    const at = `calibrate.parameters[${i}]`;
    const v = valueAtPath(scenario, p.path);
    if (seen.has(p.path)) issues.push({ path: `${at}.path`, message: `"${p.path}" is listed twice` });
    seen.add(p.path);
    if (typeof v !== 'number' && !isDistribution(v)) {
      issues.push({ path: `${at}.path`, message: `"${p.path}" is not a number of the scenario (after defaults); expected a path such as segments.<segment>.baseChurn` });
      return;
    }
    if (p.path.startsWith('policies.') && !p.path.startsWith(`policies.${scenario.baseline}.`)) {
      issues.push({ path: `${at}.path`, message: `"${p.path}" belongs to another policy than the baseline "${scenario.baseline}", which is what the history shows` });
      return;
    }
    for (const bound of ['min', 'max'] as const) {
      const parsed = Scenario.safeParse(withValues(scenario, new Map([[p.path, p[bound]]])));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        issues.push({ path: `${at}.${bound}`, message: `${p[bound]} is not a valid value of ${p.path}: ${issue?.message ?? 'invalid'}` });
      }
    }
  });
  const train = history.months.length - cal.holdoutMonths;
  if (train < 2) {
    issues.push({
      path: 'calibrate.holdoutMonths',
      message: `the history has ${history.months.length} months and ${cal.holdoutMonths} are held out; at least 2 are needed to fit`,
    });
  }
  if (columnsOf(history).length === 0) issues.push({ path: history.file, message: 'the history has no column to fit' });
  return issues;
}

export interface CalibrateOptions {
  /** Nelder-Mead restarts from the best point after the first run (default 3). */
  readonly maxRestarts?: number;
  /** Evaluations of the model per Nelder-Mead run (default 150 per parameter + 50). */
  readonly maxEvaluations?: number;
}

/** Fits the scenario's `calibrate.parameters` to the history (expected engine, Nelder-Mead). */
export function calibrate(scenario: Scenario, history: History, opts: CalibrateOptions = {}): CalibrationResult {
  const issues = checkCalibration(scenario, history);
  const cal = scenario.calibrate;
  if (issues.length > 0 || !cal) return { ok: false, issues };
  const H = history.months.length;
  const train = H - cal.holdoutMonths;
  const baselinePolicy = scenario.policies[scenario.baseline];
  const fitScenario: Scenario = {
    ...scenario,
    horizonMonths: H,
    startMonth: history.months[0] ?? scenario.startMonth,
    policies: baselinePolicy ? { [scenario.baseline]: baselinePolicy } : scenario.policies,
  };
  const params = cal.parameters;
  const columns = columnsOf(history);
  const scales = columnScales(history, train);
  const starts = params.map((p) => {
    const v = valueAtPath(scenario, p.path);
    const x = typeof v === 'number' ? v : isDistribution(v) ? distributionMean(v) : (p.min + p.max) / 2;
    return Math.min(p.max, Math.max(p.min, x));
  });
  const toValues = (z: readonly number[]): Map<string, number> =>
    new Map(params.map((p, i) => [p.path, p.min + (p.max - p.min) * logistic(z[i] ?? 0)]));
  const fromValue = (x: number, i: number): number => {
    const p = params[i];
    if (!p) return 0;
    const u = Math.min(0.99, Math.max(0.01, (x - p.min) / (p.max - p.min)));
    return logit(u);
  };
  const f = (z: readonly number[]): number => objective(modelSeries(fitScenario, toValues(z), columns), history, train, scales);
  let z = starts.map(fromValue);
  const startObjective = f(z);
  let best = startObjective;
  let evaluations = 1;
  let restarts = 0;
  let converged = false;
  const maxRestarts = opts.maxRestarts ?? 3;
  const maxEvaluations = opts.maxEvaluations ?? 150 * params.length + 50;
  for (let k = 0; k <= maxRestarts; k++) {
    const r = nelderMead(f, z, { step: k === 0 ? 1 : 0.25, maxEvaluations, xTolerance: 1e-7, fTolerance: 1e-12 });
    evaluations += r.evaluations;
    restarts++;
    converged = r.converged;
    const improved = r.fx < best - 1e-9 * (1 + Math.abs(best));
    if (r.fx <= best) {
      z = r.x;
      best = r.fx;
    }
    if (!improved && k > 0) break;
  }
  const values = toValues(z);
  const series = modelSeries(fitScenario, values, columns);
  const parameters: CalibrationParameter[] = params.map((p, i) => {
    const value = values.get(p.path) ?? Number.NaN;
    const tol = 1e-3 * (p.max - p.min);
    return { path: p.path, min: p.min, max: p.max, start: starts[i] ?? Number.NaN, value, atBound: value - p.min < tol || p.max - value < tol };
  });
  const columnFits: ColumnFit[] = columns.map((c) => {
    const m = series[c] ?? new Float64Array(H);
    const y = history.columns[c] ?? new Float64Array(H);
    return { column: c, scale: scales[c] ?? Number.NaN, train: errorStats(m, y, 0, train), holdout: train < H ? errorStats(m, y, train, H) : null };
  });
  const fitted: Partial<Record<HistoryColumn, number[]>> = {};
  for (const c of columns) fitted[c] = Array.from(series[c] ?? []);
  return {
    ok: true,
    fit: {
      parameters,
      startObjective,
      objective: best,
      evaluations,
      restarts,
      converged,
      months: history.months,
      trainMonths: train,
      holdoutMonths: cal.holdoutMonths,
      columns: columnFits,
      fitted,
    },
    calibrated: withValues(scenario, values),
    backtestScenario: withValues(fitScenario, values),
  };
}

/** One month of one column in the backtest chart. */
export interface BacktestRow {
  readonly column: HistoryColumn;
  /** 1-based month of the history. */
  readonly month: number;
  /** YYYY-MM. */
  readonly date: string;
  /** The history's value (null: missing). */
  readonly observed: number | null;
  /** The fitted model, expected engine at the uncertain inputs' means. */
  readonly fitted: number;
  /** Percentiles over the Monte Carlo runs of the calibrated scenario (remaining input uncertainty and simulation noise). */
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
  /** A holdout month: not used by the fit. */
  readonly holdout: boolean;
}

/** The backtest chart's data: history against the fitted model with its P5-P95 band, holdout marked. */
export interface Backtest {
  readonly runs: number;
  readonly engine: string;
  /** First holdout month (YYYY-MM), or null without a holdout. */
  readonly holdoutFrom: string | null;
  readonly rows: readonly BacktestRow[];
  /**
   * Share of observed months inside the P5-P95 band, per column, over the training and the holdout
   * months. `banded` is false when every run gave the same value in every month (the expected
   * engine without uncertain inputs): the band has no width, and the shares say nothing.
   */
  readonly coverage: readonly { readonly column: HistoryColumn; readonly train: number; readonly holdout: number | null; readonly banded: boolean }[];
}

/**
 * The backtest of a fit, given a Monte Carlo of its `backtestScenario` (one policy, the history's
 * months).
 */
export function backtest(fit: CalibrationFit, history: History, mc: MonteCarlo, engine: string): Backtest {
  const H = fit.months.length;
  const runs = mc.to - mc.from;
  const rows: BacktestRow[] = [];
  const coverage: { column: HistoryColumn; train: number; holdout: number | null; banded: boolean }[] = [];
  for (const c of columnsOf(history)) {
    const col = HISTORY_METRIC[c];
    const inside = { train: [0, 0], holdout: [0, 0] };
    let banded = false;
    for (let t = 1; t <= H; t++) {
      const values = Float64Array.from({ length: runs }, (_, r) => mc.metrics[(r * H + (t - 1)) * METRIC_COUNT + col] ?? Number.NaN).sort();
      const y = history.columns[c]?.[t - 1] ?? Number.NaN;
      const holdout = t > fit.trainMonths;
      const row: BacktestRow = {
        column: c,
        month: t,
        date: fit.months[t - 1] ?? addMonths(fit.months[0] ?? '2000-01', t - 1),
        observed: Number.isFinite(y) ? y : null,
        fitted: fit.fitted[c]?.[t - 1] ?? Number.NaN,
        p5: quantileSorted(values, 0.05),
        p50: quantileSorted(values, 0.5),
        p95: quantileSorted(values, 0.95),
        holdout,
      };
      rows.push(row);
      if (row.p95 > row.p5) banded = true;
      if (Number.isFinite(y)) {
        const k = holdout ? inside.holdout : inside.train;
        k[1] = (k[1] ?? 0) + 1;
        if (y >= row.p5 && y <= row.p95) k[0] = (k[0] ?? 0) + 1;
      }
    }
    const share = (k: number[]) => ((k[1] ?? 0) > 0 ? (k[0] ?? 0) / (k[1] ?? 1) : Number.NaN);
    coverage.push({ column: c, train: share(inside.train), holdout: fit.holdoutMonths > 0 ? share(inside.holdout) : null, banded });
  }
  return { runs, engine, holdoutFrom: fit.holdoutMonths > 0 ? (fit.months[fit.trainMonths] ?? null) : null, rows, coverage };
}
