/** The score response (DESIGN step 4) and the churn hazard (step 5). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Churn, Response } from '../../src/scenario/schema.js';
import { DELTAS, MIN_DELTA, clampScore, scoreMove } from '../../src/model/response.js';
import { churnHazard } from '../../src/model/churn.js';
import {
  EXPERIENCES, E_HIGH_RESOLVED, E_HIGH_UNRESOLVED, E_LOW_DELIGHT, E_LOW_RESOLVED, E_MEDIUM_RESOLVED, E_NONE, E_SILENT,
} from '../../src/model/experience.js';
import type { Drawn } from '../../src/scenario/world.js';

const resp = (over: object = {}) => Response.parse(over) as Drawn<Response>;
const churn = (over: object = {}) => Churn.parse(over) as Drawn<Churn>;
const zero = -MIN_DELTA;

function moves(r: Drawn<Response>, e: number, score = 5, anchor = 8): Float64Array {
  const out = new Float64Array(DELTAS);
  scoreMove(r, e, score, anchor, out);
  return out;
}
const down = (m: Float64Array) => (m[0] ?? 0) + (m[1] ?? 0) + (m[2] ?? 0);
const up = (m: Float64Array) => (m[4] ?? 0) + (m[5] ?? 0);
const meanMove = (m: Float64Array) => m.reduce((a, p, i) => a + p * (i + MIN_DELTA), 0);

describe('scoreMove', () => {
  it('defaults: asymmetric, a high-effort contact moves the score down far more often than a low-effort one moves it up', () => {
    const r = resp();
    const high = moves(r, E_HIGH_RESOLVED);
    const low = moves(r, E_LOW_RESOLVED);
    expect(down(high)).toBeCloseTo(r.highEffortResolved.down, 14);
    expect(up(low)).toBeCloseTo(r.lowEffortResolved.up, 14);
    // DESIGN step 4: "far more often" - at least twice as often with the shipped defaults.
    expect(down(high)).toBeGreaterThan(2 * up(low));
    // and further: the expected size of a fall exceeds that of a rise (steps 1-3 vs 1-2)
    expect(-meanMove(high) / down(high)).toBeGreaterThan(meanMove(low) / up(low));
    // a delight adds only a little (HBR 2010: "marginal")
    expect(up(moves(r, E_LOW_DELIGHT)) - up(low)).toBeCloseTo(Math.min(r.delightUp, 1 - r.lowEffortResolved.down - r.lowEffortResolved.up), 14);
    // effort orders the mean move
    expect(meanMove(low)).toBeGreaterThan(meanMove(moves(r, E_MEDIUM_RESOLVED)));
    expect(meanMove(moves(r, E_MEDIUM_RESOLVED))).toBeGreaterThan(meanMove(high));
    expect(meanMove(high)).toBeGreaterThan(meanMove(moves(r, E_HIGH_UNRESOLVED)));
  });

  it('no problem: drift of one point toward the anchor with probability drift, else no move', () => {
    const r = resp({ drift: 0.05 });
    expect(Array.from(moves(r, E_NONE, 5, 8))).toEqual([0, 0, 0, 0.95, 0.05, 0]);
    expect(Array.from(moves(r, E_NONE, 10, 8))).toEqual([0, 0, 0.05, 0.95, 0, 0]);
    expect(Array.from(moves(r, E_NONE, 8, 8))).toEqual([0, 0, 0, 1, 0, 0]);
  });

  it('all-zero step weights share the move equally instead of losing it', () => {
    const r = resp({ downSteps: [0, 0, 0], upSteps: [0, 0], silent: { down: 0.3, up: 0.6 } });
    const m = moves(r, E_SILENT);
    expect(m.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    expect(down(m)).toBeCloseTo(0.3, 15);
    expect(up(m)).toBeCloseTo(0.6, 15);
  });

  it('property: every class gives a distribution over -3..+2 for any valid response', () => {
    const p = fc.double({ min: 0, max: 1, noNaN: true });
    const mv = fc.record({ down: p, up: p });
    fc.assert(
      fc.property(
        fc.record({
          lowEffortResolved: mv, mediumEffortResolved: mv, highEffortResolved: mv, lowEffortUnresolved: mv,
          mediumEffortUnresolved: mv, highEffortUnresolved: mv, silent: mv, delightUp: p, drift: p,
          downSteps: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
          upSteps: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 }),
        }),
        fc.integer({ min: 0, max: 10 }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (input, score, anchor) => {
          const r = resp(input);
          for (let e = 0; e < EXPERIENCES; e++) {
            const m = moves(r, e, score, anchor);
            if (m.some((x) => !(x >= 0 && x <= 1))) return false;
            if (Math.abs(m.reduce((a, b) => a + b, 0) - 1) > 1e-12) return false;
          }
          return true;
        },
      ),
      { seed: 11, numRuns: 500 },
    );
  });

  it('clampScore keeps scores on 0..10', () => {
    expect([-3, -1, 0, 5, 10, 11, 12].map(clampScore)).toEqual([0, 0, 0, 5, 10, 10, 10]);
  });
});

describe('churnHazard', () => {
  it('is 1 - (1 - base x m(class))(1 - trigger)(1 - price) with the class of the new score', () => {
    const c = churn({ detractorMultiplier: 2.5, passiveMultiplier: 1, promoterMultiplier: 0.5, unresolvedTrigger: 0.04, highEffortTrigger: 0.015, priceElasticity: 0.3, unresolvedPriceMultiplier: 2 });
    const b = 0.012;
    expect(churnHazard(c, b, 9, E_NONE, 0)).toBeCloseTo(b * 0.5, 15);
    expect(churnHazard(c, b, 7, E_NONE, 0)).toBeCloseTo(b, 15);
    expect(churnHazard(c, b, 6, E_NONE, 0)).toBeCloseTo(b * 2.5, 15);
    expect(churnHazard(c, b, 7, E_HIGH_RESOLVED, 0)).toBeCloseTo(1 - (1 - b) * (1 - 0.015), 15);
    expect(churnHazard(c, b, 7, E_SILENT, 0)).toBeCloseTo(1 - (1 - b) * (1 - 0.04), 15);
    expect(churnHazard(c, b, 7, E_HIGH_UNRESOLVED, 0)).toBeCloseTo(1 - (1 - b) * (1 - 0.04), 15);
    expect(churnHazard(c, b, 7, E_LOW_RESOLVED, 0.1)).toBeCloseTo(1 - (1 - b) * (1 - 0.03), 15);
    expect(churnHazard(c, b, 7, E_SILENT, 0.1)).toBeCloseTo(1 - (1 - b) * (1 - 0.04) * (1 - 0.06), 15);
    // a price cut adds no churn
    expect(churnHazard(c, b, 7, E_NONE, -0.2)).toBeCloseTo(b, 15);
  });
  it('stays a probability even with extreme multipliers', () => {
    const c = churn({ detractorMultiplier: 1000, priceElasticity: 100 });
    const h = churnHazard(c, 0.5, 0, E_SILENT, 10);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThanOrEqual(1);
  });
});
