/**
 * Closed forms. With no problems, no acquisition, no referrals, one churn multiplier (1) and one
 * spend level for every score, and no drift, every customer leaves independently with probability
 * p each month. Then, with N customers:
 *   active_t ~ Binomial(N, (1 - p)^t), exactly N (1 - p)^t in the expected engine;
 *   churned_t has mean N (1 - p)^(t-1) p;
 *   NPV to T = m sum_i X_i, X_i = sum_{t=1..T} v^t 1[customer i active at the start of month t],
 *   v = 1 / (1 + d), d = (1 + r)^(1/12) - 1, E[X] = sum_t v^t q^(t-1), q = 1 - p, and
 *   E[X^2] = sum_{s,t} v^s v^t q^(max(s,t) - 1) (both active at the start of the later month).
 * The cohort and agent engines must match these within Z = 4 standard errors over R runs.
 */
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../src/scenario/schema.js';
import { meanWorld } from '../../src/scenario/world.js';
import { policyModel, type PolicyModel } from '../../src/model/kernel.js';
import { simulatePolicy } from '../../src/engine/simulate.js';
import { expectedPopulation } from '../../src/engine/expected.js';
import { cohortPopulation } from '../../src/engine/cohort.js';
import { agentPopulation } from '../../src/engine/agent.js';
import { COL, METRIC_COUNT } from '../../src/engine/metrics.js';
import type { PopulationFactory } from '../../src/engine/engine.js';
import { checkMoments, moments, Z } from '../support/stats.js';

const REVENUE = 40;
const MARGIN = 0.5;
const m = REVENUE * MARGIN;

function book(customers: number, p: number, annual: number, months: number): PolicyModel {
  const sc = Scenario.parse({
    baseline: 'a',
    horizonMonths: months,
    discountRate: annual,
    segments: { c: { customers, revenuePerMonth: REVENUE, grossMargin: MARGIN, baseChurn: p, problemRate: 0, acquisitionPerMonth: 0 } },
    churn: { detractorMultiplier: 1, passiveMultiplier: 1, promoterMultiplier: 1 },
    spend: { detractor: 1, passive: 1, promoter: 1 },
    response: { drift: 0 },
    wordOfMouth: { referralRate: 0 },
    policies: { a: {} },
  });
  return policyModel(meanWorld(sc), 'a');
}

/** E[X] and Var[X] of one customer's discounted months (see the header). */
function customerNpvMoments(p: number, annual: number, T: number): { mean: number; variance: number } {
  const v = 1 / Math.pow(1 + annual, 1 / 12);
  const q = 1 - p;
  let ex = 0;
  let ex2 = 0;
  for (let s = 1; s <= T; s++) {
    ex += Math.pow(v, s) * Math.pow(q, s - 1);
    for (let t = 1; t <= T; t++) ex2 += Math.pow(v, s + t) * Math.pow(q, Math.max(s, t) - 1);
  }
  return { mean: ex, variance: ex2 - ex * ex };
}

const get = (metrics: Float64Array, t: number, col: number): number => metrics[(t - 1) * METRIC_COUNT + col] ?? NaN;

describe('closed forms: constant churn p, constant margin m', () => {
  const cases = [
    { N: 10_000, p: 0.02, annual: 0.08, T: 36 },
    { N: 1234, p: 0.15, annual: 0.25, T: 24 },
    { N: 500, p: 0, annual: 0, T: 12 },
  ];

  for (const { N, p, annual, T } of cases) {
    it(`expected engine: active = N (1-p)^t, churned = N (1-p)^(t-1) p, NPV = N m sum (1-p)^(t-1) / (1+d)^t (N = ${N}, p = ${p}, r = ${annual})`, () => {
      const run = simulatePolicy(book(N, p, annual, T), expectedPopulation, 1);
      const d = Math.pow(1 + annual, 1 / 12) - 1;
      let npv = 0;
      for (let t = 1; t <= T; t++) {
        const rel = (x: number, want: number) => expect(Math.abs(x - want)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(want)));
        rel(get(run.metrics, t, COL.active), N * Math.pow(1 - p, t));
        rel(get(run.metrics, t, COL.churned), N * Math.pow(1 - p, t - 1) * p);
        rel(get(run.metrics, t, COL.churnRate), p);
        rel(get(run.metrics, t, COL.revenue), N * Math.pow(1 - p, t - 1) * REVENUE);
        rel(get(run.metrics, t, COL.discountFactor), Math.pow(1 + d, -t));
        expect(get(run.metrics, t, COL.supportCost)).toBe(0);
        expect(get(run.metrics, t, COL.contacts)).toBe(0);
        expect(get(run.metrics, t, COL.new)).toBe(0);
        npv += (N * m * Math.pow(1 - p, t - 1)) / Math.pow(1 + d, t);
        rel(get(run.metrics, t, COL.cumulativeNpv), npv);
      }
    });
  }

  const engines: [string, PopulationFactory, number, number][] = [
    ['cohort', cohortPopulation, 10_000, 400],
    ['agent', agentPopulation, 2000, 300],
  ];
  for (const [name, factory, N, R] of engines) {
    it(`${name} engine: active_t within ${Z} SE of N (1-p)^t with binomial variance; NPV within ${Z} SE`, () => {
      const p = 0.03;
      const annual = 0.1;
      const T = 24;
      const model = book(N, p, annual, T);
      const active = Array.from({ length: T }, () => new Float64Array(R));
      const churned = Array.from({ length: T }, () => new Float64Array(R));
      const npv = new Float64Array(R);
      for (let r = 0; r < R; r++) {
        const run = simulatePolicy(model, factory, 1000 + r);
        for (let t = 1; t <= T; t++) {
          (active[t - 1] as Float64Array)[r] = get(run.metrics, t, COL.active);
          (churned[t - 1] as Float64Array)[r] = get(run.metrics, t, COL.churned);
        }
        npv[r] = get(run.metrics, T, COL.cumulativeNpv);
      }
      for (const t of [1, 6, 12, 24]) {
        const s = Math.pow(1 - p, t);
        // Mean and variance of Binomial(N, s); Var(s^2) from the binomial kurtosis.
        const r1 = checkMoments(active[t - 1] as Float64Array, N * s, N * s * (1 - s), (1 - 6 * s * (1 - s)) / (N * s * (1 - s)));
        expect(r1.ok, `active, month ${t}: ${r1.message}`).toBe(true);
        // Churned in month t ~ Binomial(N, (1-p)^(t-1) p) (the month's leavers among the N).
        const c = Math.pow(1 - p, t - 1) * p;
        const r2 = checkMoments(churned[t - 1] as Float64Array, N * c, N * c * (1 - c), (1 - 6 * c * (1 - c)) / (N * c * (1 - c)));
        expect(r2.ok, `churned, month ${t}: ${r2.message}`).toBe(true);
      }
      const x = customerNpvMoments(p, annual, T);
      const mn = moments(npv);
      const se = Math.sqrt((N * m * m * x.variance) / R);
      expect(Math.abs(mn.mean - N * m * x.mean), `NPV ${mn.mean} vs ${N * m * x.mean}, SE ${se}`).toBeLessThan(Z * se);
      // The run-to-run spread of NPV is that of N independent customers (normal: Var(s^2) = 2 sigma^4/(R-1)).
      const sigma2 = N * m * m * x.variance;
      expect(Math.abs(mn.variance - sigma2)).toBeLessThan(Z * sigma2 * Math.sqrt(2 / (R - 1)));
    });
  }

  it('agent engine: per-customer value sums to the run NPV and its percentiles are ordered', () => {
    const model = book(3000, 0.05, 0.08, 18);
    const run = simulatePolicy(model, agentPopulation, 77);
    const v = run.perCustomer?.horizonValue;
    expect(v).toBeDefined();
    if (!v) return;
    const npv = get(run.metrics, 18, COL.cumulativeNpv);
    expect(v.mean * 3000).toBeCloseTo(npv, 6);
    expect(v.p5).toBeLessThanOrEqual(v.p25);
    expect(v.p25).toBeLessThanOrEqual(v.p50);
    expect(v.p50).toBeLessThanOrEqual(v.p75);
    expect(v.p75).toBeLessThanOrEqual(v.p95);
    // One customer's value is m sum_{t<=L} v^t for a lifetime L: at most m sum_{t<=18} v^t.
    const d = Math.pow(1.08, 1 / 12) - 1;
    let cap = 0;
    for (let t = 1; t <= 18; t++) cap += m / Math.pow(1 + d, t);
    expect(v.p95).toBeLessThanOrEqual(cap + 1e-9);
    expect(v.p5).toBeGreaterThanOrEqual(m / (1 + d) - 1e-9);
  });
});
