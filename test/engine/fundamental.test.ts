import { describe, expect, it } from 'vitest';
import { Scenario } from '../../src/scenario/schema.js';
import { meanWorld } from '../../src/scenario/world.js';
import { PolicyKernel, policyModel, worldSegments } from '../../src/model/kernel.js';
import { lusolve, matrix, type Matrix } from 'mathjs';
import { closedForm, segmentValues, steadyKernel } from '../../src/engine/fundamental.js';
import { denseQ, segmentChain, segmentChains } from '../../src/engine/chain.js';
import { loadScenario } from '../../src/io/scenarioFile.js';
import { drawWorld } from '../../src/scenario/world.js';
import { monthlyRate } from '../../src/model/units.js';
import { simulatePolicy } from '../../src/engine/simulate.js';
import { expectedPopulation } from '../../src/engine/expected.js';
import { COL, METRIC_COUNT } from '../../src/engine/metrics.js';

/** A book with no problems, one churn rate for every score, and one spend level. */
function flatBook(p: number, annual: number) {
  return Scenario.parse({
    baseline: 'a',
    horizonMonths: 600,
    discountRate: annual,
    segments: { c: { customers: 1000, revenuePerMonth: 40, grossMargin: 0.5, baseChurn: p, problemRate: 0 } },
    churn: { detractorMultiplier: 1, passiveMultiplier: 1, promoterMultiplier: 1 },
    spend: { detractor: 1, passive: 1, promoter: 1 },
    response: { drift: 0 },
    wordOfMouth: { referralRate: 0 },
    policies: { a: {} },
  });
}

describe('closed forms through the fundamental matrix', () => {
  it('CLV of a constant margin is the annuity m / (d + p), lifetime 1 / p', () => {
    for (const [p, annual] of [[0.02, 0.1], [0.005, 0.08], [0.1, 0.0]] as const) {
      const model = policyModel(meanWorld(flatBook(p, annual)), 'a');
      const d = monthlyRate(annual);
      const m = 40 * 0.5;
      const cf = closedForm(model, true);
      expect(cf.clv).toBeCloseTo(m / (d + p), 6);
      expect(cf.lifetimeMonths).toBeCloseTo(1 / p, 6);
    }
  });
  it('agrees with the expected engine summed over a long horizon', () => {
    const sc = Scenario.parse({
      baseline: 'a',
      horizonMonths: 600,
      segments: { c: { customers: 1000, revenuePerMonth: 30, grossMargin: 0.7, baseChurn: 0.015, problemRate: 0.12 } },
      wordOfMouth: { referralRate: 0 },
      policies: { a: { delight: { rate: 0.2 } } },
    });
    const model = policyModel(meanWorld(sc), 'a');
    const run = simulatePolicy(model, expectedPopulation, 1);
    const npv = run.metrics[(600 - 1) * METRIC_COUNT + COL.cumulativeNpv] ?? 0;
    // No acquisition, no programme cost: NPV of the book = customers x CLV (up to the tail after 600 months).
    expect(npv / 1000).toBeCloseTo(closedForm(model).clv, 2);
  });
});

describe('the sparse solve', () => {
  const r = loadScenario('scenarios/default.yaml', []);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const sc = r.value.scenario;

  it('agrees with mathjs\'s dense LUP of I - vQ to 1e-12, in every state, policy and segment', () => {
    for (const run of [0, 1, 2]) {
      const world = drawWorld(sc, run);
      const segments = worldSegments(world);
      for (const key of Object.keys(sc.policies)) {
        const model = policyModel(world, key, segments);
        const k = steadyKernel(model);
        const v = 1 / (1 + model.monthlyDiscount);
        model.segments.forEach((_, g) => {
          const chain = segmentChain(k, g);
          const q = denseQ(chain);
          const dense = lusolve(matrix(q.map((row, i) => row.map((x, j) => (i === j ? 1 : 0) - v * x))), Array.from(chain.net, (m) => [v * m])) as Matrix;
          const want = dense.toArray().flat() as number[];
          const got = segmentValues(k, g, model.monthlyDiscount, false).clv;
          want.forEach((w, i) => expect(Math.abs((got[i] ?? NaN) - w)).toBeLessThan(1e-12 * Math.abs(w) + 1e-9));
        });
      }
    }
  });

  it('gives the same CLV with the simulation\'s kernel builder as with a fresh one', () => {
    const world = drawWorld(sc, 5);
    for (const key of Object.keys(sc.policies)) {
      const model = policyModel(world, key);
      const kernels = new PolicyKernel(model);
      simulatePolicy(model, expectedPopulation, 1, kernels);
      expect(closedForm(model, true, kernels)).toEqual(closedForm(model, true));
    }
  });

  it('memoised chains are the chains of the kernel', () => {
    const model = policyModel(drawWorld(sc, 6), 'effort');
    const kernels = new PolicyKernel(model);
    for (let t = 1; t <= 8; t++) {
      const k = kernels.month(t, new Float64Array(model.segments.length * 3));
      const memo = segmentChains(k);
      expect(memo).toBe(segmentChains(k));
      model.segments.forEach((_, g) => expect(memo[g]).toEqual(segmentChain(k, g)));
    }
  });
});
