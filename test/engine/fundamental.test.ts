import { describe, expect, it } from 'vitest';
import { Scenario } from '../../src/scenario/schema.js';
import { meanWorld } from '../../src/scenario/world.js';
import { policyModel } from '../../src/model/kernel.js';
import { closedForm } from '../../src/engine/fundamental.js';
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
