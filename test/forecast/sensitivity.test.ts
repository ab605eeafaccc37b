/**
 * Sensitivity: tornado (expected engine, inputs at P10 / P90), Spearman rank correlations and the
 * analysis as a whole, on small scenarios whose answers are known in closed form where possible.
 */
import { describe, expect, it } from 'vitest';
import { runMonteCarlo } from '../../src/engine/montecarlo.js';
import { expectedNpvs, rankCorrelations, sensitivityAnalysis, spearman, tornado } from '../../src/forecast/sensitivity.js';
import { distributionMedian } from '../../src/random/quantiles.js';
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.js';
import { meanWorld, uncertainInputs } from '../../src/scenario/world.js';

const base: ScenarioInput = {
  baseline: 'base',
  horizonMonths: 12,
  runs: 40,
  seed: 5,
  discountRate: 0.08,
  segments: {
    c: {
      customers: 2000,
      revenuePerMonth: 30,
      grossMargin: 0.7,
      baseChurn: { dist: 'pert', min: 0.008, mode: 0.012, max: 0.025 },
      problemRate: { dist: 'triangular', min: 0.05, mode: 0.08, max: 0.15 },
    },
  },
  policies: {
    base: { delight: { rate: 0.16 } },
    better: { channels: { phone: { resolution: 0.9 } }, costs: { oneOff: { dist: 'uniform', min: 1000, max: 5000 } } },
    other: { costs: { monthly: { dist: 'uniform', min: 100, max: 300 } } },
  },
};
const scenario = Scenario.parse(base);
const monthlyDiscount = Math.pow(1.08, 1 / 12) - 1;

describe('spearman', () => {
  it('is 1 for any increasing relation, -1 for a decreasing one, and handles ties', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [9, 4, 1, 0])).toBeCloseTo(-1, 12);
    // x = 1, 2, 2, 3 (ranks 1, 2.5, 2.5, 4), y = 1, 2, 3, 4: rho = 4.5 / sqrt(4.5 * 5).
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});

describe('tornado', () => {
  const t = tornado(scenario);
  const better = t.policies.find((p) => p.policy === 'better');

  it('centres on the expected NPV difference with every input at its median', () => {
    const medians = new Map(uncertainInputs(scenario).map((i) => [i.path, distributionMedian(i.dist)]));
    const npv = expectedNpvs(meanWorld(scenario, medians), Object.keys(scenario.policies));
    expect(better?.baseDelta).toBeCloseTo((npv[1] ?? 0) - (npv[0] ?? 0), 6);
    expect(t.policies.map((p) => p.policy)).toEqual(['better', 'other']);
    expect(t.medians['policies.better.costs.oneOff']).toBeCloseTo(3000, 9);
  });

  it('moves the difference by exactly the discounted P90 - P10 of a one-off cost (paid in month 1)', () => {
    const bar = better?.bars.find((b) => b.input === 'policies.better.costs.oneOff');
    expect(bar?.lowValue).toBeCloseTo(1400, 9);
    expect(bar?.highValue).toBeCloseTo(4600, 9);
    expect((bar?.deltaAtLow ?? 0) - (bar?.deltaAtHigh ?? 0)).toBeCloseTo(3200 / (1 + monthlyDiscount), 4);
  });

  it('gives no swing to another policy\'s input, and sorts bars by swing', () => {
    expect(better?.bars.find((b) => b.input === 'policies.other.costs.monthly')?.swing).toBe(0);
    const swings = (better?.bars ?? []).map((b) => b.swing);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    expect(swings[0]).toBeGreaterThan(0);
  });

  it('flags an input that alone changes the best policy', () => {
    // With no programme cost the difference is D; a one-off cost ~ U(0, 2.5 D (1 + d)) has its median
    // at 1.25 D (1 + d) (the baseline is best) and its P10 at 0.25 D (1 + d) (the policy is best).
    const free = Scenario.parse({ ...base, policies: { base: base.policies['base'] ?? {}, better: { channels: { phone: { resolution: 0.9 } } } } });
    const free0 = tornado(free).policies[0]?.baseDelta ?? 0;
    expect(free0).toBeGreaterThan(0);
    const max = 2.5 * free0 * (1 + monthlyDiscount);
    const costly = Scenario.parse({ ...base, policies: { base: base.policies['base'] ?? {}, better: { channels: { phone: { resolution: 0.9 } }, costs: { oneOff: { dist: 'uniform', min: 0, max } } } } });
    const r = tornado(costly);
    expect(r.bestAtBase).toBe('base');
    const s = r.switches.find((x) => x.input === 'policies.better.costs.oneOff');
    expect(s).toEqual({ input: 'policies.better.costs.oneOff', bestAtLow: 'better', bestAtHigh: 'base', changesDecision: true });
    for (const x of r.switches) expect(x.changesDecision).toBe(x.bestAtLow !== 'base' || x.bestAtHigh !== 'base');
  });
});

describe('rank correlations and the whole analysis', () => {
  it('finds the one-off cost driving the difference down, significantly, from the runs', async () => {
    const mc = await runMonteCarlo(scenario, { engine: 'expected', workers: 1 });
    const rc = rankCorrelations(scenario, mc);
    const better = rc.find((r) => r.policy === 'better');
    expect(better?.runs).toBe(40);
    const cost = better?.correlations.find((c) => c.input === 'policies.better.costs.oneOff');
    expect(cost?.rho).toBeLessThan(-0.5);
    expect(cost?.significant).toBe(true);
    // The monthly cost of another policy is unrelated to this policy's difference.
    expect(Math.abs(better?.correlations.find((c) => c.input === 'policies.other.costs.monthly')?.rho ?? 1)).toBeLessThan(0.45); // 4 / sqrt(39 + 1) ~ 0.63 would be the 4-sigma bound; 0.45 ~ 2.8 sigma

    const s = sensitivityAnalysis(scenario, 'test', mc);
    expect(s.policies).toEqual(['base', 'better', 'other']);
    expect(s.inputs.length).toBe(4);
    expect(s.valueOfInformation.runs).toBe(40);
    expect(s.valueOfInformation.inputs.length).toBe(4);
    expect(s.valueOfInformation.evpi).toBeGreaterThanOrEqual(0);
    for (const i of s.valueOfInformation.inputs) expect(i.evppi).toBeLessThanOrEqual(s.valueOfInformation.evpi + 1e-6);
    expect(JSON.parse(JSON.stringify(s)).tornado.policies.length).toBe(2);
  });
});
