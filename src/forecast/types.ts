/** The forecast: everything the charts, the report and the exports are made from. */
import type { UncertainInput } from '../scenario/world.js';
import type { MetricName } from '../engine/metrics.js';
import type { Summary } from './quantile.js';
import type { Assumption } from './assumptions.js';

/** One row of the tidy monthly forecast: a policy, a month, a metric, its mean and percentiles. */
export interface MonthlyRow extends Summary {
  readonly policy: string;
  /** 1-based month of the simulation. */
  readonly month: number;
  /** The calendar month, YYYY-MM. */
  readonly date: string;
  readonly metric: MetricName;
}

/** Per-policy outcome measures over the horizon. */
export const SUMMARY_METRICS = [
  ['npv', 'currency', 'Net present value of the net contribution over the horizon'],
  ['clv', 'currency', 'Lifetime value per customer of today\'s book (closed form, steady state)'],
  ['customerEquity', 'currency', 'CLV x today\'s customers'],
  ['activeAtHorizon', 'customers', 'Active customers at the end of the horizon'],
  ['meanChurnRate', 'share', 'Average monthly churn rate'],
  ['supportCost', 'currency', 'Support cost over the horizon (undiscounted)'],
  ['revenue', 'currency', 'Revenue over the horizon (undiscounted)'],
  ['npsAtHorizon', 'points', 'NPS at the end of the horizon'],
  ['customerValueP50', 'currency', 'Agent engine: median discounted value over the horizon of one of today\'s customers'],
] as const;
export type SummaryMetric = (typeof SUMMARY_METRICS)[number][0];

export interface SummaryRow extends Summary {
  readonly policy: string;
  readonly metric: SummaryMetric;
  /** Monte Carlo standard error of `mean` (sd / sqrt(runs)), in the metric's unit. */
  readonly standardError: number;
}

/** A policy against the baseline, run by run (paired). */
export interface Comparison {
  readonly policy: string;
  readonly baseline: string;
  /** NPV(policy) - NPV(baseline) (currency). */
  readonly deltaNpv: Summary;
  /** Share of runs in which the policy's NPV beats the baseline's. */
  readonly pBeatBaseline: number;
  /** Monte Carlo standard error of pBeatBaseline. */
  readonly pBeatStandardError: number;
  /** Monte Carlo standard error of the mean NPV difference. */
  readonly deltaNpvStandardError: number;
  /** deltaNpv / present value of the policy's programme cost; null without programme cost. */
  readonly roi: Summary | null;
  /** Month from which the policy stays ahead of the baseline in cumulative NPV: percentiles (null: not within the horizon). */
  readonly paybackMonth: { readonly p5: number | null; readonly p50: number | null; readonly p95: number | null };
  /** Share of runs in which the policy pays back within the horizon. */
  readonly pPayback: number;
}

export interface PolicyInfo {
  readonly key: string;
  readonly label: string;
}

/** The part of a forecast that names it: the scenario's facts and the policies' labels (what chart titles need). */
export type ForecastHead = Pick<Forecast, 'scenario' | 'policies'>;

export interface Forecast {
  readonly scenario: {
    readonly name: string;
    readonly title: string;
    readonly currency: string;
    readonly startMonth: string;
    readonly horizonMonths: number;
    readonly runs: number;
    readonly seed: number;
    readonly engine: string;
    readonly baseline: string;
  };
  readonly policies: readonly PolicyInfo[];
  readonly monthly: readonly MonthlyRow[];
  readonly summary: readonly SummaryRow[];
  readonly comparisons: readonly Comparison[];
  readonly inputs: readonly UncertainInput[];
  /** Every input of the scenario (defaults filled in), with its unit and documented source. */
  readonly assumptions: readonly Assumption[];
  /** Per policy (baseline excluded): NPV(policy) - NPV(baseline) in each run, in run order (currency). */
  readonly deltaNpvRuns?: Readonly<Record<string, readonly number[]>>;
}
