/**
 * fast-check arbitraries for valid scenarios: every field within the range the schema allows, so
 * that properties over them are properties of the model, not of input validation.
 */
import fc from 'fast-check';
import type { ScenarioInput } from '../../src/scenario/schema.js';

const prob = fc.double({ min: 0, max: 1, noNaN: true });
const nonneg = (max: number) => fc.double({ min: 0, max, noNaN: true });
/** Probabilities with extra weight on the edges 0 and 1, where tables most often go wrong. */
const edgyProb = fc.oneof({ arbitrary: prob, weight: 4 }, { arbitrary: fc.constantFrom(0, 1), weight: 1 });

const effort = fc.record({ low: edgyProb, medium: edgyProb, high: edgyProb });
const channel = fc.record({ costPerContact: nonneg(30), effort, resolution: edgyProb, switchRate: edgyProb });
const move = fc.record({ down: edgyProb, up: edgyProb });

export interface ScenarioOptions {
  /** Largest number of customers per segment. */
  readonly maxCustomers: number;
  /** Largest horizon in months. */
  readonly maxMonths: number;
  /** Allow staffed channels (waits depend on the state, so the expected engine is no longer exact). */
  readonly staffing: boolean;
}

/** A valid scenario with one or two segments and a single policy `p`. */
export function scenarioArb(o: ScenarioOptions): fc.Arbitrary<ScenarioInput> {
  const segment = fc.record({
    customers: fc.integer({ min: 0, max: o.maxCustomers }),
    revenuePerMonth: nonneg(200),
    grossMargin: prob,
    baseChurn: fc.oneof(fc.double({ min: 0, max: 0.1, noNaN: true }), edgyProb),
    problemRate: edgyProb,
    contactShare: edgyProb,
    channelMix: fc.record({ selfService: nonneg(3), chat: nonneg(3), email: nonneg(3), phone: nonneg(3) }),
    acquisitionPerMonth: nonneg(o.maxCustomers / 20),
    loyaltyAnchor: fc.double({ min: 0, max: 10, noNaN: true }),
    initialScores: fc.array(nonneg(10), { minLength: 11, maxLength: 11 }),
  });
  const staffing = o.staffing
    ? fc.record(
        {
          phone: fc.record(
            { agents: fc.integer({ min: 1, max: 40 }), handleMinutes: nonneg(20), costPerAgentMonth: nonneg(6000) },
            { requiredKeys: ['agents', 'handleMinutes'] },
          ),
          chat: fc.record({ agents: fc.integer({ min: 1, max: 20 }), handleMinutes: nonneg(15) }),
          openHoursPerMonth: nonneg(400),
          waitToleranceMinutes: nonneg(20),
          maxWaitMinutes: nonneg(90),
        },
        { requiredKeys: [] },
      )
    : fc.constant(undefined);
  const service = fc.record({
    channels: fc.record({ selfService: channel, chat: channel, email: channel, phone: channel }),
    repeatRate: edgyProb,
    unresolvedReturn: edgyProb,
    selfServiceShift: edgyProb,
    delight: fc.record({ rate: edgyProb, gestureCost: nonneg(50) }),
    nextIssue: fc.record({ followOnRate: edgyProb, avoidance: edgyProb }),
    staffing,
    priceChanges: fc.array(fc.record({ month: fc.integer({ min: 1, max: o.maxMonths }), change: fc.double({ min: -0.5, max: 1, noNaN: true }) }), {
      maxLength: 2,
    }),
  });
  const policy = fc.record(
    {
      channels: fc.record({ phone: fc.record({ resolution: edgyProb }, { requiredKeys: [] }) }, { requiredKeys: [] }),
      repeatRate: edgyProb,
      selfServiceShift: edgyProb,
      delight: fc.record({ rate: edgyProb }, { requiredKeys: [] }),
      nextIssue: fc.record({ avoidance: edgyProb }, { requiredKeys: [] }),
      costs: fc.record({ oneOff: nonneg(1e5), monthly: nonneg(1e4), perContact: nonneg(5) }),
      rampMonths: fc.integer({ min: 0, max: 12 }),
    },
    { requiredKeys: ['costs'] },
  );
  return fc
    .record({
      horizonMonths: fc.integer({ min: 1, max: o.maxMonths }),
      discountRate: prob,
      segments: fc.array(segment, { minLength: 1, maxLength: 2 }),
      service,
      response: fc.record({
        lowEffortResolved: move,
        mediumEffortResolved: move,
        highEffortResolved: move,
        lowEffortUnresolved: move,
        mediumEffortUnresolved: move,
        highEffortUnresolved: move,
        silent: move,
        delightUp: edgyProb,
        downSteps: fc.array(nonneg(1), { minLength: 3, maxLength: 3 }),
        upSteps: fc.array(nonneg(1), { minLength: 2, maxLength: 2 }),
        drift: edgyProb,
      }),
      churn: fc.record({
        detractorMultiplier: nonneg(5),
        passiveMultiplier: nonneg(5),
        promoterMultiplier: nonneg(5),
        unresolvedTrigger: edgyProb,
        highEffortTrigger: edgyProb,
        priceElasticity: nonneg(3),
        unresolvedPriceMultiplier: nonneg(5),
      }),
      spend: fc.record({ detractor: nonneg(2), passive: nonneg(2), promoter: nonneg(2) }),
      wordOfMouth: fc.record({
        tellBad: prob,
        reachBad: nonneg(40),
        tellGood: prob,
        reachGood: nonneg(20),
        conversionPerListener: nonneg(0.01),
        referralRate: nonneg(0.05),
      }),
      policy,
    })
    .map(({ segments, service, policy, ...rest }) => {
      const { staffing: st, ...svc } = service;
      return {
        baseline: 'p',
        ...rest,
        segments: Object.fromEntries(segments.map((s, i) => [`s${i}`, s])),
        service: st === undefined ? svc : { ...svc, staffing: st },
        policies: { p: policy },
      } as ScenarioInput;
    });
}
