/** Sweeps: the values, the interpolated break-evens, and the sweep loop (with a stand-in simulation). */
import { describe, expect, it } from 'vitest';
import { breakEven, breakEvens, crossings, runSweep, sweepStem, sweepValues, type SweepPoint, type SweepSpec } from '../../src/forecast/sweep.js';
import type { Comparison } from '../../src/forecast/types.js';

const summary = (mean: number) => ({ mean, p5: mean - 1, p25: mean, p50: mean, p75: mean, p95: mean + 1 });
const comparison = (policy: string, mean: number, pBeat: number): Comparison => ({
  policy,
  baseline: 'base',
  deltaNpv: summary(mean),
  pBeatBaseline: pBeat,
  pBeatStandardError: 0.01,
  deltaNpvStandardError: 1,
  roi: null,
  paybackMonth: { p5: null, p50: null, p95: null },
  pPayback: 0,
});
const point = (value: number, mean: number, pBeat: number, value2?: number): SweepPoint => ({
  value,
  ...(value2 === undefined ? {} : { value2 }),
  policies: [{ policy: 'p', deltaNpv: summary(mean), deltaNpvStandardError: 1, pBeat, pBeatStandardError: 0.01 }],
});

describe('sweepValues', () => {
  it('spaces values evenly, both ends included, without binary noise', () => {
    expect(sweepValues(0, 1, 11)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(sweepValues(2e5, 1e6, 5)).toEqual([200000, 400000, 600000, 800000, 1000000]);
    expect(sweepValues(5, 1, 3)).toEqual([5, 3, 1]);
    expect(sweepValues(7, 9, 1)).toEqual([7]);
  });
});

describe('crossings and break-even', () => {
  it('interpolates linearly between the sweep points around the crossing', () => {
    // P(beat) 1, 0.9, 0.6, 0.2 at 0, 1, 2, 3: crosses 0.8 between 1 and 2, a third of the way.
    expect(crossings([0, 1, 2, 3], [1, 0.9, 0.6, 0.2], 0.8)).toEqual([{ value: 1 + 1 / 3, direction: 'beats-below' }]);
    expect(crossings([0, 1, 2], [0.1, 0.5, 0.9], 0.8)).toEqual([{ value: 1.75, direction: 'beats-above' }]);
    expect(crossings([0, 1], [0.8, 0.7], 0.8)).toEqual([{ value: 0, direction: 'beats-below' }]);
    expect(crossings([0, 1, 2], [0.9, Number.NaN, 0.1], 0.8)).toEqual([]);
  });

  it('names the largest value at which the policy still meets the level, and the mean break-even', () => {
    const pts = [point(0, 300, 1), point(100, 100, 0.9), point(200, -100, 0.3), point(300, -300, 0)];
    const b = breakEven(pts, 'p', 0.8);
    expect(b.status).toBe('crosses');
    expect(b.value).toBeCloseTo(100 + 100 * (0.1 / 0.6), 12);
    expect(b.meanStatus).toBe('crosses');
    expect(b.meanValue).toBeCloseTo(150, 12);
    expect(b.value2).toBeUndefined();
    // Up, down, and up again: the headline is the last fall through the level.
    const wavy = breakEven([point(0, 1, 0.9), point(1, 1, 0.7), point(2, 1, 0.9), point(3, 1, 0.5)], 'p', 0.8);
    expect(wavy.crossings.map((c) => c.direction)).toEqual(['beats-below', 'beats-above', 'beats-below']);
    expect(wavy.value).toBeCloseTo(2.25, 12);
  });

  it('says always or never when the level is not crossed in the range', () => {
    expect(breakEven([point(0, 5, 0.9), point(1, 4, 0.85)], 'p', 0.8)).toMatchObject({ status: 'always', value: null, meanStatus: 'always' });
    expect(breakEven([point(0, -5, 0.1), point(1, -4, 0.2)], 'p', 0.8)).toMatchObject({ status: 'never', value: null, meanStatus: 'never' });
  });

  it('gives one break-even per value of the second lever in a two-way grid', () => {
    const spec: SweepSpec = { axis: { param: 'a', from: 0, to: 2, steps: 3 }, axis2: { param: 'b', from: 10, to: 20, steps: 2 }, probability: 0.5 };
    const pts: SweepPoint[] = [];
    for (const a of [0, 1, 2]) for (const b of [10, 20]) pts.push(point(a, b - 10 * a, b === 10 ? 1 - 0.4 * a : 1 - 0.2 * a, b));
    const be = breakEvens(spec, pts, ['p']);
    expect(be.map((x) => x.value2)).toEqual([10, 20]);
    expect(be[0]?.value).toBeCloseTo(1.25, 12);
    expect(be[1]?.status).toBe('always');
    expect(be[0]?.meanValue).toBeCloseTo(1, 12);
    // 20 - 10 a reaches 0 only at the last point: >= 0 counts as meeting the level.
    expect(be[1]?.meanStatus).toBe('always');
  });
});

describe('runSweep', () => {
  it('evaluates every point with its --set overrides, row-major over the two levers', async () => {
    const spec: SweepSpec = { axis: { param: 'policies.p.costs.oneOff', from: 0, to: 2e5, steps: 3 }, axis2: { param: 'horizonMonths', from: 12, to: 24, steps: 2 }, probability: 0.8 };
    const seen: string[][] = [];
    const r = await runSweep(spec, async (sets) => {
      seen.push(sets);
      const cost = Number(sets[0]?.split('=')[1]);
      return { ok: true, value: { comparisons: [comparison('p', 1e5 - cost, cost < 1e5 ? 0.9 : 0.1)] } };
    });
    expect(seen).toEqual([
      ['policies.p.costs.oneOff=0', 'horizonMonths=12'],
      ['policies.p.costs.oneOff=0', 'horizonMonths=24'],
      ['policies.p.costs.oneOff=100000', 'horizonMonths=12'],
      ['policies.p.costs.oneOff=100000', 'horizonMonths=24'],
      ['policies.p.costs.oneOff=200000', 'horizonMonths=12'],
      ['policies.p.costs.oneOff=200000', 'horizonMonths=24'],
    ]);
    if (!r.ok) throw new Error('sweep failed');
    expect(r.points.map((p) => [p.value, p.value2])).toEqual([[0, 12], [0, 24], [1e5, 12], [1e5, 24], [2e5, 12], [2e5, 24]]);
    expect(r.points[0]?.policies[0]?.pBeat).toBe(0.9);
  });

  it('stops at the first point that fails, with its error', async () => {
    let calls = 0;
    const r = await runSweep({ axis: { param: 'x', from: 0, to: 1, steps: 5 }, probability: 0.8 }, async () => {
      calls++;
      return calls === 2 ? { ok: false, error: 'bad value' } : { ok: true, value: { comparisons: [] } };
    });
    expect(r).toEqual({ ok: false, error: 'bad value' });
    expect(calls).toBe(2);
  });

  it('names its files after the levers', () => {
    expect(sweepStem({ axis: { param: 'policies.effort.costs.oneOff', from: 0, to: 1, steps: 2 }, probability: 0.8 })).toBe('sweep-policies.effort.costs.oneOff');
    expect(sweepStem({ axis: { param: 'a[0]', from: 0, to: 1, steps: 2 }, axis2: { param: 'b', from: 0, to: 1, steps: 2 }, probability: 0.8 })).toBe('sweep-a_0_-b');
  });
});
