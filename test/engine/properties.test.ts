/**
 * Invariants of a simulated month, for every engine, over random valid scenarios (fast-check):
 * counts never negative, the customer accounting closes (active_t = active_{t-1} - churned_t +
 * new_t, so churned customers never come back), money never negative where it cannot be, the cost
 * components add up, the running NPV is the running sum of the discounted net, and the summaries
 * of per-customer values have ordered percentiles.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scenario } from '../../src/scenario/schema.js';
import { meanWorld } from '../../src/scenario/world.js';
import { PolicyKernel, policyModel } from '../../src/model/kernel.js';
import { simulatePolicy } from '../../src/engine/simulate.js';
import { expectedPopulation } from '../../src/engine/expected.js';
import { cohortPopulation } from '../../src/engine/cohort.js';
import { AgentPopulation, agentPopulation } from '../../src/engine/agent.js';
import { COL, METRICS, METRIC_COUNT, METRIC_INFO, type MetricName } from '../../src/engine/metrics.js';
import type { PopulationFactory, StepCounts } from '../../src/engine/engine.js';
import { EXPERIENCES } from '../../src/model/experience.js';
import { PENDING, SCORES } from '../../src/model/state.js';
import { summarise } from '../../src/forecast/quantile.js';
import { scenarioArb } from '../support/arbitraries.js';

/** Columns that may be negative: net amounts and the NPS. */
const SIGNED = new Set<MetricName>(['nps', 'netContribution', 'discountedNet', 'cumulativeNpv']);
/** Columns that count whole customers or events in the stochastic engines. */
const WHOLE = ['active', 'new', 'churned', 'problems', 'silentProblems', 'delightGestures'] as const;

function invariants(metrics: Float64Array, initial: number, T: number, integral: boolean): string | undefined {
  const v = (t: number, name: MetricName) => metrics[(t - 1) * METRIC_COUNT + COL[name]] ?? NaN;
  let prevActive = initial;
  let prevNpv = 0;
  let prevDiscount = 1;
  for (let t = 1; t <= T; t++) {
    for (const name of METRICS) {
      const x = v(t, name);
      if (!Number.isFinite(x)) return `month ${t}: ${name} = ${x}`;
      if (!SIGNED.has(name) && x < 0) return `month ${t}: ${name} = ${x} < 0`;
    }
    const tol = integral ? 0 : 1e-9 * Math.max(1, prevActive);
    const active = v(t, 'active');
    const churned = v(t, 'churned');
    const joined = v(t, 'new');
    if (integral) for (const name of WHOLE) if (!Number.isInteger(v(t, name))) return `month ${t}: ${name} = ${v(t, name)} not whole`;
    if (Math.abs(active - (prevActive - churned + joined)) > tol) return `month ${t}: active ${active} != ${prevActive} - ${churned} + ${joined}`;
    if (active > prevActive + joined + tol) return `month ${t}: churned customers came back`;
    if (churned > prevActive + tol) return `month ${t}: churned ${churned} > active at start ${prevActive}`;
    if (v(t, 'problems') > prevActive + tol) return `month ${t}: more problems than customers`;
    if (v(t, 'silentProblems') > v(t, 'problems') + tol) return `month ${t}: silent > problems`;
    if (v(t, 'delightGestures') > v(t, 'problems') + tol) return `month ${t}: gestures > problems`;
    const rate = v(t, 'churnRate');
    if (rate > 1 + 1e-12) return `month ${t}: churn rate ${rate}`;
    const byChannel = v(t, 'contactsSelfService') + v(t, 'contactsChat') + v(t, 'contactsEmail') + v(t, 'contactsPhone');
    if (Math.abs(byChannel - v(t, 'contacts')) > 1e-9 * Math.max(1, byChannel)) return `month ${t}: contacts by channel do not add up`;
    const cost = v(t, 'costContacts') + v(t, 'costGestures') + v(t, 'costStaffing') + v(t, 'costProgramme');
    if (Math.abs(cost - v(t, 'supportCost')) > 1e-9 * Math.max(1, cost)) return `month ${t}: support cost components do not add up`;
    if (v(t, 'grossMargin') > v(t, 'revenue') * (1 + 1e-12) + 1e-9) return `month ${t}: margin above revenue`;
    const net = v(t, 'grossMargin') - v(t, 'supportCost');
    if (Math.abs(net - v(t, 'netContribution')) > 1e-9 * Math.max(1, Math.abs(net))) return `month ${t}: net contribution`;
    const discount = v(t, 'discountFactor');
    if (!(discount > 0 && discount <= prevDiscount)) return `month ${t}: discount factor ${discount}`;
    if (Math.abs(v(t, 'discountedNet') - net * discount) > 1e-9 * Math.max(1, Math.abs(net))) return `month ${t}: discounted net`;
    const npv = v(t, 'cumulativeNpv');
    if (Math.abs(npv - (prevNpv + v(t, 'discountedNet'))) > 1e-9 * Math.max(1, Math.abs(npv))) return `month ${t}: NPV is not the running sum`;
    const nps = v(t, 'nps');
    if (nps < -100 - 1e-9 || nps > 100 + 1e-9) return `month ${t}: nps ${nps}`;
    const shares = v(t, 'promoterShare') + v(t, 'passiveShare') + v(t, 'detractorShare');
    if (active > 0 && Math.abs(shares - 1) > 1e-9) return `month ${t}: shares sum to ${shares}`;
    if (v(t, 'csat') > 1 + 1e-12) return `month ${t}: csat ${v(t, 'csat')}`;
    const ces = v(t, 'meanCes');
    if (ces !== 0 && !(ces >= 1 && ces <= 5)) return `month ${t}: mean CES ${ces}`;
    prevActive = active;
    prevNpv = npv;
    prevDiscount = discount;
  }
  return undefined;
}

describe('simulated months: invariants over random valid scenarios (property)', () => {
  const engines: [string, PopulationFactory, boolean, number][] = [
    ['expected', expectedPopulation, false, 150],
    ['cohort', cohortPopulation, true, 150],
    ['agent', agentPopulation, true, 100],
  ];
  for (const [name, factory, integral, numRuns] of engines) {
    it(`${name} engine`, () => {
      fc.assert(
        fc.property(scenarioArb({ maxCustomers: 400, maxMonths: 8, staffing: true }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (input, seed) => {
          const sc = Scenario.parse(input);
          const model = policyModel(meanWorld(sc), 'p');
          const run = simulatePolicy(model, factory, seed);
          const initial = model.segments.reduce((a, s) => a + s.customers, 0);
          const problem = invariants(run.metrics, initial, model.horizon, integral);
          if (problem) throw new Error(problem);
          const pc = run.perCustomer?.horizonValue;
          if (pc && initial > 0) {
            if (!(pc.p5 <= pc.p25 && pc.p25 <= pc.p50 && pc.p50 <= pc.p75 && pc.p75 <= pc.p95)) throw new Error(`percentiles out of order: ${JSON.stringify(pc)}`);
          }
        }),
        { seed: 314159, numRuns },
      );
    });
  }

  it('every metric has a name, a unit and a meaning, in column order', () => {
    expect(METRIC_COUNT).toBe(METRIC_INFO.length);
    METRIC_INFO.forEach(([name, unit, meaning], i) => {
      expect(COL[name]).toBe(i);
      expect(unit.length).toBeGreaterThan(0);
      expect(meaning.length).toBeGreaterThan(0);
    });
  });
});

describe('replay', () => {
  const sc = Scenario.parse({
    baseline: 'a',
    horizonMonths: 6,
    segments: { c: { customers: 800, revenuePerMonth: 30, grossMargin: 0.7, baseChurn: 0.02, problemRate: 0.2, acquisitionPerMonth: 10 } },
    policies: { a: {}, b: { delight: { rate: 0.3 } } },
  });
  for (const [name, factory] of [['cohort', cohortPopulation], ['agent', agentPopulation]] as const) {
    it(`${name}: the same seed replays the same run; another seed gives another run`, () => {
      const model = policyModel(meanWorld(sc), 'a');
      const a = simulatePolicy(model, factory, 42).metrics;
      expect(Array.from(simulatePolicy(model, factory, 42).metrics)).toEqual(Array.from(a));
      expect(Array.from(simulatePolicy(model, factory, 43).metrics)).not.toEqual(Array.from(a));
    });
  }
  it('agent: customers meet the same luck under every policy (common random numbers)', () => {
    // A policy that changes nothing a customer can feel (a programme cost) gives the same customers.
    const same = Scenario.parse({ ...sc, policies: { a: {}, b: { costs: { monthly: 1000 } } } });
    const world = meanWorld(same);
    const a = simulatePolicy(policyModel(world, 'a'), agentPopulation, 7).metrics;
    const b = simulatePolicy(policyModel(world, 'b'), agentPopulation, 7).metrics;
    for (let t = 1; t <= 6; t++) {
      for (const name of ['active', 'churned', 'new', 'problems', 'contacts', 'nps'] as const) {
        expect(b[(t - 1) * METRIC_COUNT + COL[name]]).toBe(a[(t - 1) * METRIC_COUNT + COL[name]]);
      }
      expect(b[(t - 1) * METRIC_COUNT + COL.costProgramme]).toBe(1000);
    }
  });
});

describe('agent engine: churned customers never return (white box)', () => {
  it('a customer marked gone stays gone, and the counts match the flags', () => {
    const sc = Scenario.parse({
      baseline: 'a',
      horizonMonths: 24,
      segments: { c: { customers: 3000, revenuePerMonth: 30, grossMargin: 0.7, baseChurn: 0.05, problemRate: 0.3, acquisitionPerMonth: 60 } },
      policies: { a: {} },
    });
    const model = policyModel(meanWorld(sc), 'a');
    const kernels = new PolicyKernel(model);
    const pop = new AgentPopulation(model, 99);
    // the population's own record: the ascending list of active indices (`live`, `liveCount`) out of `size`
    const alive = () => {
      const inside = pop as unknown as { live: Int32Array; liveCount: number; size: number };
      const flags = new Uint8Array(inside.size);
      for (let j = 0; j < inside.liveCount; j++) {
        const i = inside.live[j] ?? -1;
        if (j > 0 && i <= (inside.live[j - 1] ?? -1)) expect.fail(`live list not ascending at ${j}`);
        flags[i] = 1;
      }
      return flags;
    };
    const counts: StepCounts = {
      start: new Float64Array(SCORES),
      end: new Float64Array(SCORES),
      experiences: new Float64Array(PENDING * EXPERIENCES),
      churned: 0,
    };
    let before = alive();
    for (let t = 1; t <= 24; t++) {
      counts.start.fill(0);
      counts.end.fill(0);
      counts.experiences.fill(0);
      pop.step(kernels.month(t, pop.atRisk()), counts, 1);
      const joined = pop.acquire(0, 60, model.segments[0]!.newCustomerScores, counts.end);
      const after = alive();
      let gone = 0;
      for (let i = 0; i < before.length; i++) {
        if (before[i] === 0 && after[i] !== 0) expect.fail(`month ${t}: customer ${i} came back`);
        if (before[i] === 1 && after[i] === 0) gone++;
      }
      expect(gone).toBe(counts.churned);
      expect(after.length - before.length).toBe(joined);
      const active = after.reduce((a, x) => a + x, 0);
      expect(counts.end.reduce((a, x) => a + x, 0)).toBe(active);
      before = after;
    }
  });
});

describe('summarise (src/forecast/quantile.ts)', () => {
  it('percentiles are ordered and within the data (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
        const s = summarise(Float64Array.from(xs));
        const lo = Math.min(...xs);
        const hi = Math.max(...xs);
        return lo <= s.p5 && s.p5 <= s.p25 && s.p25 <= s.p50 && s.p50 <= s.p75 && s.p75 <= s.p95 && s.p95 <= hi && s.mean >= lo - 1e-3 && s.mean <= hi + 1e-3;
      }),
      { seed: 5, numRuns: 1000 },
    );
  });
});
