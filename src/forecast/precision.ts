/**
 * Adaptive Monte Carlo (`--precision`): keeps adding runs until every policy's mean NPV difference
 * against the baseline is known to the asked precision, or the ranking of the policies is settled,
 * or the ceiling `--max-runs` is reached; the outcome (why it stopped, after how many runs, and
 * every check on the way) goes into run.json.
 *
 * - Precision: the 95% interval half-width of the mean difference, 1.96 x its Monte Carlo standard
 *   error (sd / sqrt(n) of the paired run-by-run differences), must be within the target: an amount
 *   (`--precision 50000`, currency) or a share of |mean difference| (`--precision 1%`).
 * - Ranking: the policies (baseline included) ordered by mean NPV, and every two neighbours in that
 *   order told apart, |mean of their paired difference| > 1.96 x its standard error, at two
 *   consecutive checks with the same order (one check alone would stop on a fluke too often when
 *   there are several neighbours to compare).
 *
 * Runs are added in steps of `step` runs (default 100), aiming at the runs the current standard
 * errors say are needed, at most doubling each time. Each run depends only on the seed and its
 * index (and, with Latin Hypercube sampling, on its block of `step` runs), so the result is
 * reproducible and independent of the worker count. With Latin Hypercube sampling the standard
 * error is computed as for independent runs, which overstates it (conservative).
 */
import { COL } from '../engine/metrics.js';
import { openMonteCarlo, type MonteCarlo, type MonteCarloOptions } from '../engine/montecarlo.js';
import type { Scenario } from '../scenario/schema.js';
import { RunView } from './aggregate.js';

/** A precision target for the mean NPV difference of every policy against the baseline. */
export type PrecisionTarget =
  | { readonly kind: 'relative'; /** Share of |mean difference|, e.g. 0.01. */ readonly fraction: number }
  | { readonly kind: 'absolute'; /** Currency. */ readonly amount: number };

/** Why an adaptive Monte Carlo stopped. */
export type StopReason = 'precision' | 'ranking' | 'max-runs';

/** z of a two-sided 95% normal interval. */
export const Z95 = 1.959963984540054;

/** Default runs added per step. */
export const PRECISION_STEP = 100;

/** `1%` or `0.5 %` (relative), `50000` or `5e4` (absolute currency); undefined when unreadable or not > 0. */
export function parsePrecision(text: string): PrecisionTarget | undefined {
  const t = text.trim();
  const rel = /^([0-9]*\.?[0-9]+(?:e[-+]?\d+)?)\s*%$/i.exec(t);
  if (rel) {
    const f = Number(rel[1]) / 100;
    return f > 0 && Number.isFinite(f) ? { kind: 'relative', fraction: f } : undefined;
  }
  if (!/^[0-9]*\.?[0-9]+(?:e[-+]?\d+)?$/i.test(t)) return undefined;
  const a = Number(t);
  return a > 0 && Number.isFinite(a) ? { kind: 'absolute', amount: a } : undefined;
}

/** The target as written back: "1%" or "50000". */
export function formatPrecision(t: PrecisionTarget): string {
  return t.kind === 'relative' ? `${+(t.fraction * 100).toPrecision(10)}%` : String(t.amount);
}

/** One policy at one check. */
export interface PolicyPrecision {
  readonly policy: string;
  /** Mean NPV difference against the baseline (currency). */
  readonly meanDelta: number;
  /** 1.96 x the Monte Carlo standard error of meanDelta (currency). */
  readonly halfWidth: number;
  /** The half-width asked for (currency). */
  readonly target: number;
  readonly met: boolean;
}

/** What one check of an adaptive Monte Carlo found. */
export interface PrecisionCheck {
  readonly runs: number;
  readonly policies: readonly PolicyPrecision[];
  /** Every policy within its target. */
  readonly met: boolean;
  /** Policy keys by mean NPV, best first (baseline included). */
  readonly ranking: readonly string[];
  /** Every two neighbours in `ranking` told apart at 95%. */
  readonly rankingResolved: boolean;
}

/** The outcome of an adaptive Monte Carlo, for run.json. */
export interface PrecisionOutcome {
  readonly target: string;
  readonly stopReason: StopReason;
  readonly runs: number;
  readonly maxRuns: number;
  readonly step: number;
  readonly checks: readonly PrecisionCheck[];
}

function meanAndSe(x: ArrayLike<number>): { mean: number; se: number } {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (x[i] ?? 0) / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((x[i] ?? 0) - mean) ** 2;
  return { mean, se: n > 1 ? Math.sqrt(ss / (n - 1) / n) : Number.POSITIVE_INFINITY };
}

/** Run-by-run NPV at the horizon of each policy, `[p][r]`. */
export function npvByPolicy(mc: MonteCarlo, policies: number, horizon: number): Float64Array[] {
  const view = new RunView(mc, policies, horizon);
  return Array.from({ length: policies }, (_, p) => view.perRun((r) => view.at(r, p, horizon, COL.cumulativeNpv)));
}

/** Checks the precision and the ranking of a finished set of runs. */
export function assessPrecision(mc: MonteCarlo, keys: readonly string[], baseline: string, horizon: number, target: PrecisionTarget): PrecisionCheck {
  const npv = npvByPolicy(mc, keys.length, horizon);
  const b = keys.indexOf(baseline);
  const n = mc.to - mc.from;
  const diff = (p: number, q: number): Float64Array => Float64Array.from({ length: n }, (_, r) => (npv[p]?.[r] ?? 0) - (npv[q]?.[r] ?? 0));
  const policies: PolicyPrecision[] = [];
  const means = keys.map((_, p) => (p === b ? 0 : meanAndSe(diff(p, b)).mean));
  keys.forEach((policy, p) => {
    if (p === b) return;
    const { mean, se } = meanAndSe(diff(p, b));
    const halfWidth = Z95 * se;
    const want = target.kind === 'absolute' ? target.amount : target.fraction * Math.abs(mean);
    policies.push({ policy, meanDelta: mean, halfWidth, target: want, met: halfWidth <= want });
  });
  const order = keys.map((_, p) => p).sort((x, y) => (means[y] ?? 0) - (means[x] ?? 0) || x - y);
  let resolved = order.length > 1;
  for (let k = 0; k + 1 < order.length && resolved; k++) {
    const { mean, se } = meanAndSe(diff(order[k] ?? 0, order[k + 1] ?? 0));
    if (!(Math.abs(mean) > Z95 * se)) resolved = false;
  }
  return { runs: n, policies, met: policies.every((x) => x.met), ranking: order.map((p) => keys[p] ?? ''), rankingResolved: resolved };
}

/** Why to stop after this check (given the one before), or undefined to go on. */
export function stopReason(check: PrecisionCheck, previous: PrecisionCheck | undefined, maxRuns: number): StopReason | undefined {
  if (check.met) return 'precision';
  if (check.rankingResolved && previous?.rankingResolved && previous.ranking.join('\u0000') === check.ranking.join('\u0000')) return 'ranking';
  if (check.runs >= maxRuns) return 'max-runs';
  return undefined;
}

/**
 * The runs to have after this check: what the standard errors say the target needs
 * (n (half-width / target)^2, +5%), at least one step more, at most twice as many, a whole number
 * of steps, and no more than maxRuns.
 */
export function nextRuns(check: PrecisionCheck, step: number, maxRuns: number): number {
  const n = check.runs;
  let need = n + step;
  for (const p of check.policies) {
    if (p.met) continue;
    const ratio = p.target > 0 ? p.halfWidth / p.target : Number.POSITIVE_INFINITY;
    need = Math.max(need, Number.isFinite(ratio) ? Math.ceil(n * ratio * ratio * 1.05) : 2 * n);
  }
  const capped = Math.min(need, Math.max(2 * n, n + step));
  return Math.min(maxRuns, Math.ceil(capped / step) * step);
}

export interface PrecisionOptions {
  readonly target: PrecisionTarget;
  /** Ceiling on the runs. */
  readonly maxRuns: number;
  /** Runs of the first check (at least one step; default: one step). */
  readonly firstRuns?: number;
  /** Runs added per step, and the Latin Hypercube block (default PRECISION_STEP). */
  readonly step?: number;
}

/** Runs the scenario's Monte Carlo until the target, a settled ranking, or maxRuns. */
export async function runToPrecision(
  scenario: Scenario,
  mcOptions: MonteCarloOptions,
  opts: PrecisionOptions,
): Promise<{ mc: MonteCarlo; outcome: PrecisionOutcome }> {
  const step = Math.max(1, Math.floor(opts.step ?? PRECISION_STEP));
  const maxRuns = Math.max(1, Math.floor(opts.maxRuns));
  const keys = Object.keys(scenario.policies);
  const session = openMonteCarlo(scenario, { ...mcOptions, lhsBlock: step });
  const checks: PrecisionCheck[] = [];
  try {
    let runs = Math.min(maxRuns, Math.max(step, Math.ceil((opts.firstRuns ?? step) / step) * step));
    for (;;) {
      const mc = await session.extend(runs);
      const check = assessPrecision(mc, keys, scenario.baseline, scenario.horizonMonths, opts.target);
      const reason = stopReason(check, checks[checks.length - 1], maxRuns);
      checks.push(check);
      if (reason) {
        return { mc, outcome: { target: formatPrecision(opts.target), stopReason: reason, runs: mc.to, maxRuns, step, checks } };
      }
      runs = nextRuns(check, step, maxRuns);
    }
  } finally {
    await session.close();
  }
}
