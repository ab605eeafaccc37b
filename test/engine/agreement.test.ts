/**
 * DESIGN "Three engines, one kernel": the agent and cohort engines agree in distribution, and both
 * agree in mean with `expected`. One small book with problems, contacts, delight, follow-ons,
 * acquisition and word of mouth on (no staffing: waits depend on the state, which makes the
 * expected engine exact only to first order), R = 200 runs of each stochastic engine.
 *
 * Means: |mean over runs - expected| < Z SE, SE = sample sd / sqrt(R), at months 1, 6 and 12 for 11
 * metrics: 66 comparisons per engine; at Z = 4 the chance of a false alarm in the whole file is
 * below 1% (Bonferroni), and with the fixed seeds a pass is reproducible.
 *
 * Spread: cohort vs agent sample variances by the F test (two-sided, alpha = 0.001, the F(R-1, R-1)
 * quantile from the normal approximation of log F, sd sqrt(2/(R-1) + 2/(R-1))) and the final active
 * counts by the two-sample Kolmogorov-Smirnov test at alpha = 0.001. The counts are sums over 2,000
 * customers, close to normal, which the F test assumes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Scenario } from '../../src/scenario/schema.js';
import { meanWorld } from '../../src/scenario/world.js';
import { policyModel } from '../../src/model/kernel.js';
import { simulatePolicy } from '../../src/engine/simulate.js';
import { expectedPopulation } from '../../src/engine/expected.js';
import { cohortPopulation } from '../../src/engine/cohort.js';
import { agentPopulation } from '../../src/engine/agent.js';
import { COL, METRIC_COUNT, type MetricName } from '../../src/engine/metrics.js';
import type { PopulationFactory } from '../../src/engine/engine.js';
import { ksCritical2, ksTwoSample, moments, Z } from '../support/stats.js';

const R = 200;
const T = 12;
const N = 2000;

const scenario = Scenario.parse({
  baseline: 'a',
  horizonMonths: T,
  segments: {
    c: { customers: N, revenuePerMonth: 30, grossMargin: 0.7, baseChurn: 0.012, problemRate: 0.15, acquisitionPerMonth: 20 },
  },
  policies: { a: { delight: { rate: 0.2, gestureCost: 15 }, nextIssue: { followOnRate: 0.3 }, costs: { monthly: 500 } } },
});
const model = policyModel(meanWorld(scenario), 'a');

const METRICS: MetricName[] = [
  'active', 'new', 'churned', 'problems', 'silentProblems', 'contacts', 'delightGestures', 'revenue', 'supportCost', 'nps', 'cumulativeNpv',
];
const MONTHS = [1, 6, 12];
/** Two-sided alpha = 0.001: the upper 0.0005 quantile of the standard normal. */
const Z_ALPHA_TWO_SIDED = 3.2905267314919255;

function runs(factory: PopulationFactory, seed0: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let r = 0; r < R; r++) out.push(simulatePolicy(model, factory, seed0 + r).metrics);
  return out;
}
const column = (rs: Float64Array[], t: number, name: MetricName): Float64Array =>
  Float64Array.from(rs, (m) => m[(t - 1) * METRIC_COUNT + COL[name]] ?? NaN);

describe('engines agree', () => {
  let expected: Float64Array = new Float64Array(0);
  let cohort: Float64Array[] = [];
  let agent: Float64Array[] = [];
  beforeAll(() => {
    expected = simulatePolicy(model, expectedPopulation, 0).metrics;
    cohort = runs(cohortPopulation, 10_000);
    agent = runs(agentPopulation, 20_000);
  });

  for (const name of ['cohort', 'agent'] as const) {
    it(`${name}: mean of each metric within ${Z} SE of the expected engine`, () => {
      const rs = name === 'cohort' ? cohort : agent;
      const failures: string[] = [];
      for (const t of MONTHS) {
        for (const metric of METRICS) {
          const want = expected[(t - 1) * METRIC_COUNT + COL[metric]] ?? NaN;
          const m = moments(column(rs, t, metric));
          const se = Math.sqrt(m.variance / R);
          const z = (m.mean - want) / se;
          if (!(Math.abs(z) < Z)) failures.push(`${metric} month ${t}: ${m.mean} vs ${want} (z = ${z.toFixed(2)})`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('the scenario exercises the model: problems, contacts, delight, churn and new customers all occur', () => {
    for (const metric of ['problems', 'contacts', 'delightGestures', 'churned', 'new'] as const) {
      expect(expected[(T - 1) * METRIC_COUNT + COL[metric]]).toBeGreaterThan(1);
    }
  });

  it('cohort and agent have the same run-to-run variance (F test, alpha = 0.001)', () => {
    // log F(R-1, R-1) is close to normal with mean 0 and variance 2/(R-1) + 2/(R-1).
    const bound = Math.exp(Z_ALPHA_TWO_SIDED * Math.sqrt(4 / (R - 1)));
    const failures: string[] = [];
    for (const metric of ['active', 'churned', 'problems', 'contacts', 'nps', 'cumulativeNpv'] as const) {
      for (const t of [6, 12]) {
        const a = moments(column(cohort, t, metric)).variance;
        const b = moments(column(agent, t, metric)).variance;
        const ratio = a / b;
        if (!(ratio < bound && ratio > 1 / bound)) failures.push(`${metric} month ${t}: variance ratio ${ratio.toFixed(3)} outside [${(1 / bound).toFixed(3)}, ${bound.toFixed(3)}]`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('cohort and agent final active counts have the same distribution (two-sample KS, alpha = 0.001)', () => {
    const d = ksTwoSample(column(cohort, T, 'active'), column(agent, T, 'active'));
    expect(d).toBeLessThan(ksCritical2(R, R));
  });
});
