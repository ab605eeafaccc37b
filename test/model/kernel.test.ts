/**
 * The month kernel over random valid scenarios (fast-check): every probability in [0, 1], every
 * experience row and every move row a distribution (sum 1 within 1e-9), and every amount of
 * money, contacts and wait non-negative. Plus the kernel's own bookkeeping: ramp, programme costs,
 * price rises, staffing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.js';
import { meanWorld } from '../../src/scenario/world.js';
import { OUTCOMES, OUTCOME_CHURN, PolicyKernel, outcomeDelta, policyModel, type MonthKernel } from '../../src/model/kernel.js';
import { EXPERIENCES, E_HIGH_UNRESOLVED, E_LOW_RESOLVED, E_NONE, E_SILENT, isContact } from '../../src/model/experience.js';
import { PENDING, SCORES } from '../../src/model/state.js';
import { CHANNEL_COUNT } from '../../src/scenario/channels.js';
import { meanWaitMinutes } from '../../src/model/erlang.js';
import { scenarioArb } from '../support/arbitraries.js';

const TOL = 1e-9;

function checkKernel(k: MonthKernel, G: number, maxWait: number): string | undefined {
  const inUnit = (x: number) => x >= 0 && x <= 1;
  for (let r = 0; r < G * PENDING; r++) {
    let s = 0;
    for (let e = 0; e < EXPERIENCES; e++) {
      const x = k.exp[r * EXPERIENCES + e] ?? NaN;
      if (!inUnit(x)) return `exp[${r}, ${e}] = ${x}`;
      s += x;
      for (let c = 0; c < CHANNEL_COUNT; c++) {
        const n = k.contacts[(r * EXPERIENCES + e) * CHANNEL_COUNT + c] ?? NaN;
        if (!(n >= 0 && n <= 2)) return `contacts[${r}, ${e}, ${c}] = ${n}`;
        if (!isContact(e) && n !== 0) return `contacts for non-contact class ${e}`;
      }
    }
    if (Math.abs(s - 1) > TOL) return `exp row ${r} sums to ${s}`;
    for (let c = 0; c < CHANNEL_COUNT; c++) if (!((k.volume[r * CHANNEL_COUNT + c] ?? NaN) >= 0)) return `volume ${r}, ${c}`;
  }
  for (let r = 0; r < G * SCORES * EXPERIENCES; r++) {
    let s = 0;
    for (let o = 0; o < OUTCOMES; o++) {
      const x = k.move[r * OUTCOMES + o] ?? NaN;
      if (!inUnit(x)) return `move[${r}, ${o}] = ${x}`;
      s += x;
    }
    if (Math.abs(s - 1) > TOL) return `move row ${r} sums to ${s}`;
  }
  for (let g = 0; g < G; g++) if (!inUnit(k.followOn[g] ?? NaN)) return `followOn ${g}`;
  for (let i = 0; i < G * SCORES; i++) {
    if (!((k.revenue[i] ?? NaN) >= 0)) return `revenue ${i} = ${k.revenue[i]}`;
    if (!((k.margin[i] ?? NaN) >= 0 && (k.margin[i] ?? 0) <= (k.revenue[i] ?? 0) + 1e-9)) return `margin ${i}`;
  }
  for (let c = 0; c < CHANNEL_COUNT; c++) {
    if (!((k.channelCost[c] ?? NaN) >= 0)) return `channelCost ${c}`;
    const w = k.waitMinutes[c] ?? NaN;
    if (!(w >= 0 && w <= maxWait)) return `wait ${c} = ${w}`;
  }
  if (!(k.gestureCost >= 0 && k.staffingCost >= 0 && k.programmeCost >= 0)) return 'negative fixed cost';
  for (let e = 0; e < EXPERIENCES; e++) {
    if (!inUnit(k.satisfied[e] ?? NaN)) return `satisfied ${e}`;
    const ces = k.ces[e] ?? NaN;
    if (isContact(e) ? !(ces >= 1 && ces <= 5) : ces !== 0) return `ces ${e} = ${ces}`;
  }
  return undefined;
}

describe('PolicyKernel over random valid scenarios (property)', () => {
  it('probabilities in [0, 1], rows sum to 1, nothing negative, in every month and for any population', () => {
    fc.assert(
      fc.property(scenarioArb({ maxCustomers: 100_000, maxMonths: 24, staffing: true }), fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 6 }), (input, risk) => {
        const sc = Scenario.parse(input);
        const world = meanWorld(sc);
        const model = policyModel(world, 'p');
        const kernels = new PolicyKernel(model);
        const G = model.segments.length;
        const atRisk = Float64Array.from(risk.slice(0, G * PENDING));
        for (let t = 1; t <= model.horizon; t++) {
          const problem = checkKernel(kernels.month(t, atRisk), G, world.service.staffing.maxWaitMinutes);
          if (problem) throw new Error(`month ${t}: ${problem}`);
        }
      }),
      { seed: 20240601, numRuns: 150 },
    );
  });
});

const flat = (policy: NonNullable<ScenarioInput['policies'][string]>, extra: Partial<ScenarioInput> = {}) =>
  Scenario.parse({
    baseline: 'a',
    horizonMonths: 12,
    segments: { c: { customers: 1000, revenuePerMonth: 30, grossMargin: 0.5, baseChurn: 0.01, problemRate: 0.1 } },
    policies: { a: policy },
    ...extra,
  } as ScenarioInput);

describe('PolicyKernel bookkeeping', () => {
  const risk = new Float64Array(PENDING).fill(1000);

  it('the one-off cost falls in month 1 only; the monthly cost every month', () => {
    const kernels = new PolicyKernel(policyModel(meanWorld(flat({ costs: { oneOff: 5000, monthly: 100 } })), 'a'));
    expect(kernels.month(1, risk).programmeCost).toBe(5100);
    for (let t = 2; t <= 12; t++) expect(kernels.month(t, risk).programmeCost).toBe(100);
  });

  it('a ramp moves the levers linearly from the status quo to the policy', () => {
    const model = policyModel(meanWorld(flat({ delight: { rate: 0.4, gestureCost: 20 }, rampMonths: 4 })), 'a');
    const kernels = new PolicyKernel(model);
    const delightShare = (k: MonthKernel) => {
      // P(low-effort delight) / P(low-effort resolved, either kind), pending none
      const d = k.exp[5] ?? 0;
      const r = k.exp[E_LOW_RESOLVED] ?? 0;
      return d / (d + r);
    };
    for (let t = 1; t <= 6; t++) expect(delightShare(kernels.month(t, risk))).toBeCloseTo(0.4 * Math.min(1, t / 4), 12);
  });

  it('a price rise adds churn in its month only, and raises revenue from then on', () => {
    const model = policyModel(meanWorld(flat({ priceChanges: [{ month: 3, change: 0.1 }] }, { churn: { priceElasticity: 0.3 } } as Partial<ScenarioInput>)), 'a');
    const kernels = new PolicyKernel(model);
    const k2 = kernels.month(2, risk);
    const churn2 = k2.move[OUTCOME_CHURN] ?? NaN;
    const rev2 = k2.revenue[8] ?? NaN;
    const k3 = kernels.month(3, risk);
    // Row (segment 0, score 0, no problem): the same customers in months 2, 3 and 4.
    expect(k3.move[OUTCOME_CHURN]).toBeGreaterThan(churn2);
    expect(k3.revenue[8]).toBeCloseTo(rev2 * 1.1, 12);
    const k4 = kernels.month(4, risk);
    expect(k4.move[OUTCOME_CHURN]).toBeCloseTo(churn2, 15);
    expect(k4.revenue[8]).toBeCloseTo(rev2 * 1.1, 12);
  });

  it('staffing: more load means a longer phone wait and more high-effort contacts', () => {
    const model = policyModel(
      meanWorld(flat({}, { service: { staffing: { phone: { agents: 10, handleMinutes: 6 }, openHoursPerMonth: 200 } } } as Partial<ScenarioInput>)),
      'a',
    );
    const kernels = new PolicyKernel(model);
    const light = kernels.month(2, new Float64Array([1000, 0, 0]));
    const heavy = kernels.month(2, new Float64Array([30_000, 0, 0]));
    expect(heavy.waitMinutes[3]).toBeGreaterThan(light.waitMinutes[3] ?? Infinity);
    expect(heavy.exp[E_HIGH_UNRESOLVED]).toBeGreaterThan(light.exp[E_HIGH_UNRESOLVED] ?? Infinity);
    // The wait is the M/M/N mean wait at the month's phone load: customers x phone contacts per
    // customer (the tables' volume; waits change effort, not the number of contacts) / open hours.
    const perHour = (1000 * (light.volume[3] ?? 0)) / 200;
    expect(perHour).toBeGreaterThan(0);
    expect(light.waitMinutes[3]).toBeCloseTo(meanWaitMinutes(10, perHour, 6, model.target.staffing.maxWaitMinutes), 12);
  });

  it('outcome k is churn for k = 0 and a move of k - 1 - 3 points otherwise', () => {
    expect(OUTCOMES).toBe(7);
    expect([1, 2, 3, 4, 5, 6].map(outcomeDelta)).toEqual([-3, -2, -1, 0, 1, 2]);
  });

  it('with nothing happening, churn is baseChurn x the class multiplier of the score', () => {
    const model = policyModel(
      meanWorld(flat({}, { response: { drift: 0 }, churn: { detractorMultiplier: 2.5, passiveMultiplier: 1, promoterMultiplier: 0.5 } } as Partial<ScenarioInput>)),
      'a',
    );
    const k = new PolicyKernel(model).month(1, risk);
    for (let s = 0; s < SCORES; s++) {
      const row = (s * EXPERIENCES + E_NONE) * OUTCOMES;
      const m = s >= 9 ? 0.5 : s >= 7 ? 1 : 2.5;
      expect(k.move[row + OUTCOME_CHURN]).toBeCloseTo(0.01 * m, 15);
      expect(k.move[row + 4]).toBeCloseTo(1 - 0.01 * m, 15); // outcome 4 = stay, no move
    }
    // A silent problem adds the unresolved trigger: 1 - (1 - base)(1 - trigger), averaged over the moves.
    expect(k.move[(8 * EXPERIENCES + E_SILENT) * OUTCOMES + OUTCOME_CHURN]).toBeGreaterThan(0.04);
  });
});
