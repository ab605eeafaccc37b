/**
 * The evidence check: does the scenario's model reproduce the published findings?
 *
 *   scenario --1 draw world r (r = 0 .. runs-1, the run's own named streams)--> world
 *   --2 survey the baseline's book for a year (survey.ts)--> one value per statistic
 *   --3 over the runs: mean, 95% interval of the mean, spread across worlds--> EvidenceRow per finding
 *
 * Each run draws one world exactly as `servicecast run` does (same seed, same run index, same
 * values), so the check speaks of the worlds the forecast is made of. The 95% interval is that of
 * the Monte Carlo mean (mean +/- 1.96 sd / sqrt(runs)): it narrows with more runs and must be
 * narrower than the band for the verdict to mean something. The spread (2.5% and 97.5% quantiles
 * over worlds) shows how much the scenario's uncertain inputs move the statistic, and `pInBand`
 * the share of worlds whose value falls in the band. Pure: the ledger is passed in.
 */
import type { Scenario } from '../../scenario/schema.js';
import { drawWorld } from '../../scenario/world.js';
import { quantileSorted } from '../quantile.js';
import type { Grade, Ledger } from './ledger.js';
import type { StatisticId, StatisticUnit, SurveyStats } from './statistics.js';
import { DEFAULT_SURVEY, surveyWorld } from './survey.js';

/** Worlds surveyed by `servicecast evidence` and by `run` for the report (200: intervals narrower than the bands on default.yaml). */
export const DEFAULT_EVIDENCE_RUNS = 200;

export interface EvidenceOptions {
  /** Monte Carlo runs (worlds). */
  readonly runs: number;
  /** Seed of the worlds (default: the scenario's). */
  readonly seed?: number;
  readonly ledger: Ledger;
  /** Policy whose customers are surveyed (default: the scenario's baseline, today's service). */
  readonly policy?: string;
  /** Months simulated before the survey year (default 3). */
  readonly warmupMonths?: number;
  /** Months surveyed (default 12). */
  readonly months?: number;
}

export interface EvidenceRow {
  readonly id: string;
  readonly finding: string;
  readonly statement: string;
  readonly source: string;
  readonly grade: Grade;
  readonly unit: StatisticUnit;
  readonly stated: boolean;
  readonly statistic: StatisticId;
  readonly measured: string;
  readonly method: string;
  readonly calibrates: readonly string[];
  /** false: a known gap, reported but not a test. */
  readonly checked: boolean;
  readonly gap?: string;
  readonly target: number;
  readonly band: readonly [number, number];
  readonly bandReason: string;
  /** Mean of the statistic over the runs (NaN if no world could measure it). */
  readonly simulated: number;
  /** 95% interval of that mean. */
  readonly interval: readonly [number, number];
  /** 2.5% and 97.5% quantiles of the statistic across worlds. */
  readonly spread: readonly [number, number];
  /** Share of worlds whose value falls in the band. */
  readonly pInBand: number;
  /** The mean falls in the band. */
  readonly inBand: boolean;
  /** The whole 95% interval falls in the band (the verdict does not hang on Monte Carlo noise). */
  readonly intervalInBand: boolean;
  /** The interval is narrower than the band (enough runs for the verdict). */
  readonly precise: boolean;
  /** Worlds that could measure it. */
  readonly runs: number;
  /**
   * Some world could measure it. Not so when the surveyed policy lacks what the finding is about
   * (no delight gestures for the "exceed" findings): the finding is then not applicable, not failed.
   */
  readonly applicable: boolean;
}

/** A checked, applicable finding whose simulated value falls outside its band. */
export const fails = (r: EvidenceRow): boolean => r.checked && r.applicable && !r.inBand;

/** How many findings were checked (checked and applicable to the scenario), and how many of those fell in their band. */
export function tally(rows: readonly EvidenceRow[]): { readonly checked: number; readonly inBand: number } {
  const checked = rows.filter((r) => r.checked && r.applicable);
  return { checked: checked.length, inBand: checked.filter((r) => r.inBand).length };
}

/** The statistics of every run, run-major: `values[statistic][run]`. */
export function surveyRuns(scenario: Scenario, options: Omit<EvidenceOptions, 'ledger'>): Map<StatisticId, Float64Array> {
  const seeded: Scenario = options.seed === undefined ? scenario : { ...scenario, seed: options.seed };
  const policy = options.policy ?? scenario.baseline;
  if (!(policy in scenario.policies)) throw new Error(`unknown policy "${policy}"; expected one of: ${Object.keys(scenario.policies).join(', ')}`);
  const survey = { policy, warmupMonths: options.warmupMonths ?? DEFAULT_SURVEY.warmupMonths, months: options.months ?? DEFAULT_SURVEY.months };
  const out = new Map<StatisticId, Float64Array>();
  for (let r = 0; r < options.runs; r++) {
    const stats: SurveyStats = surveyWorld(drawWorld(seeded, r), survey);
    for (const [id, v] of Object.entries(stats) as [StatisticId, number][]) {
      let arr = out.get(id);
      if (!arr) {
        arr = new Float64Array(options.runs);
        out.set(id, arr);
      }
      arr[r] = v;
    }
  }
  return out;
}

/** Evaluates every finding of the ledger against the scenario's model. */
export function evaluateEvidence(scenario: Scenario, options: EvidenceOptions): EvidenceRow[] {
  if (!Number.isInteger(options.runs) || options.runs < 2) throw new Error('evidence needs at least 2 runs');
  const values = surveyRuns(scenario, options);
  return options.ledger.findings.map((f) => {
    const all = values.get(f.statistic) ?? new Float64Array(0);
    const finite = Float64Array.from(Array.from(all).filter(Number.isFinite)).sort();
    const n = finite.length;
    let sum = 0;
    for (const v of finite) sum += v;
    const mean = n > 0 ? sum / n : Number.NaN;
    let ss = 0;
    for (const v of finite) ss += (v - mean) ** 2;
    const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN;
    const half = n > 1 ? (1.96 * sd) / Math.sqrt(n) : Number.NaN;
    const [lo, hi] = f.band;
    const within = (v: number): boolean => v >= lo && v <= hi;
    const interval: [number, number] = [mean - half, mean + half];
    let inside = 0;
    for (const v of finite) if (within(v)) inside++;
    return {
      id: f.id,
      finding: f.finding,
      statement: f.statement,
      source: f.source,
      grade: f.grade,
      unit: f.unit,
      stated: f.stated,
      statistic: f.statistic,
      measured: f.measured,
      method: f.method,
      calibrates: f.calibrates,
      checked: f.checked,
      ...(f.gap === undefined ? {} : { gap: f.gap }),
      target: f.target,
      band: f.band,
      bandReason: f.bandReason,
      simulated: mean,
      interval,
      spread: [quantileSorted(finite, 0.025), quantileSorted(finite, 0.975)],
      pInBand: n > 0 ? inside / n : Number.NaN,
      inBand: Number.isFinite(mean) && within(mean),
      intervalInBand: Number.isFinite(half) && within(interval[0]) && within(interval[1]),
      precise: Number.isFinite(half) && 2 * half < hi - lo,
      runs: n,
      applicable: n > 0,
    };
  });
}
