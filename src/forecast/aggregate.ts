/**
 * From runs to forecast: percentiles over runs of every metric, per policy and month; per-policy
 * summaries; and the paired comparison of each policy with the baseline.
 */
import { COL, METRICS, METRIC_COUNT } from '../engine/metrics.js';
import type { MonteCarlo } from '../engine/montecarlo.js';
import type { EngineKind } from '../engine/engine.js';
import type { Scenario } from '../scenario/schema.js';
import { uncertainInputs } from '../scenario/world.js';
import { assumptions } from './assumptions.js';
import { addMonths } from './calendar.js';
import { compareWithBaseline, npvDifferences } from './compare.js';
import { summarise } from './quantile.js';
import { meanStandardError } from './standardError.js';
import type { Forecast, ForecastHead, MonthlyRow, SummaryMetric, SummaryRow } from './types.js';

/** Reads one metric of (run, policy, month) out of the Monte Carlo arrays. */
export class RunView {
  constructor(
    readonly mc: MonteCarlo,
    readonly policies: number,
    readonly horizon: number,
  ) {}

  get runs(): number {
    return this.mc.to - this.mc.from;
  }

  /** Metric `col` of run r, policy p, month t (1-based). */
  at(r: number, p: number, t: number, col: number): number {
    return this.mc.metrics[((r * this.policies + p) * this.horizon + (t - 1)) * METRIC_COUNT + col] ?? Number.NaN;
  }

  /** One value per run. */
  perRun(f: (r: number) => number): Float64Array {
    const out = new Float64Array(this.runs);
    for (let r = 0; r < out.length; r++) out[r] = f(r);
    return out;
  }

  /**
   * Every metric of policy p in month t, one array per metric column with one value per run: the
   * columns of a (run, policy, month) are adjacent, so they are read together, run after run.
   */
  columns(p: number, t: number): Float64Array[] {
    const cols = Array.from({ length: METRIC_COUNT }, () => new Float64Array(this.runs));
    const { metrics } = this.mc;
    for (let r = 0; r < this.runs; r++) {
      const base = ((r * this.policies + p) * this.horizon + (t - 1)) * METRIC_COUNT;
      for (let c = 0; c < METRIC_COUNT; c++) (cols[c] as Float64Array)[r] = metrics[base + c] ?? Number.NaN;
    }
    return cols;
  }
}

/** The head of the forecast of `scenario` (saved as `name`, run with `engine`), without running anything. */
export function forecastHead(scenario: Scenario, name: string, engine: EngineKind): ForecastHead {
  return {
    scenario: {
      name,
      title: scenario.title ?? name,
      currency: scenario.currency,
      startMonth: scenario.startMonth,
      horizonMonths: scenario.horizonMonths,
      runs: scenario.runs,
      seed: scenario.seed,
      engine,
      baseline: scenario.baseline,
    },
    policies: Object.keys(scenario.policies).map((key) => ({ key, label: scenario.policies[key]?.label ?? key })),
  };
}

/** The forecast of a finished Monte Carlo. */
export function aggregate(scenario: Scenario, name: string, engine: EngineKind, mc: MonteCarlo): Forecast {
  const keys = Object.keys(scenario.policies);
  const P = keys.length;
  const T = scenario.horizonMonths;
  const view = new RunView(mc, P, T);
  const monthly: MonthlyRow[] = [];
  keys.forEach((policy, p) => {
    for (let t = 1; t <= T; t++) {
      const date = addMonths(scenario.startMonth, t - 1);
      const cols = view.columns(p, t);
      METRICS.forEach((metric, col) => monthly.push({ policy, month: t, date, metric, ...summarise(cols[col] as Float64Array) }));
    }
  });
  const customers = Object.values(scenario.segments).reduce((a, s) => a + s.customers, 0);
  const summary: SummaryRow[] = [];
  keys.forEach((policy, p) => {
    const sum = (col: number) => (r: number) => {
      let x = 0;
      for (let t = 1; t <= T; t++) x += view.at(r, p, t, col);
      return x;
    };
    const measures: [SummaryMetric, (r: number) => number][] = [
      ['npv', (r) => view.at(r, p, T, COL.cumulativeNpv)],
      ['clv', (r) => mc.clv[r * P + p] ?? Number.NaN],
      ['customerEquity', (r) => (mc.clv[r * P + p] ?? Number.NaN) * customers],
      ['activeAtHorizon', (r) => view.at(r, p, T, COL.active)],
      ['meanChurnRate', (r) => sum(COL.churnRate)(r) / T],
      ['supportCost', sum(COL.supportCost)],
      ['revenue', sum(COL.revenue)],
      ['npsAtHorizon', (r) => view.at(r, p, T, COL.nps)],
    ];
    if (mc.perCustomer) measures.push(['customerValueP50', (r) => mc.perCustomer?.[(r * P + p) * 6 + 3] ?? Number.NaN]);
    for (const [metric, f] of measures) {
      const values = view.perRun(f);
      const standardError = meanStandardError(values);
      summary.push({ policy, metric, ...summarise(values), standardError });
    }
  });
  const baseline = keys.indexOf(scenario.baseline);
  const deltaNpvRuns: Record<string, number[]> = {};
  const comparisons = keys.flatMap((policy, p) => {
    if (p === baseline) return [];
    const delta = npvDifferences(view, p, baseline);
    deltaNpvRuns[policy] = Array.from(delta);
    return [compareWithBaseline(view, p, baseline, policy, scenario.baseline, delta)];
  });
  return {
    ...forecastHead(scenario, name, engine),
    monthly,
    summary,
    comparisons,
    inputs: uncertainInputs(scenario),
    assumptions: assumptions(scenario),
    // Last, as `readOutput` reads it back, so that `report` rewrites forecast.json byte for byte.
    deltaNpvRuns,
  };
}
