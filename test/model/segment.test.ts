import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/model/segment.js';
import { acquisitionMean } from '../../src/model/wordOfMouth.js';
import { interpolateLevers, rampWeight, deepMerge } from '../../src/model/levers.js';
import { npsClass, stateIndex, DETRACTOR, PASSIVE, PROMOTER, SCORES, PENDING } from '../../src/model/state.js';
import { WordOfMouth } from '../../src/scenario/schema.js';
import type { Drawn } from '../../src/scenario/world.js';

describe('segment weights', () => {
  it('normalise scales weights to shares; all-zero weights give equal shares', () => {
    expect(Array.from(normalise([1, 3]))).toEqual([0.25, 0.75]);
    expect(Array.from(normalise([0, 0, 0, 0]))).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(normalise([0, 5e-324]))).toEqual([0, 1]);
  });
});

describe('NPS classes and state index', () => {
  it('detractors 0-6, passives 7-8, promoters 9-10', () => {
    expect(Array.from({ length: 11 }, (_, s) => npsClass(s))).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2].map((c) => [DETRACTOR, PASSIVE, PROMOTER][c]));
  });
  it('stateIndex enumerates (g, s, p) without gaps', () => {
    const seen = new Set<number>();
    for (let g = 0; g < 3; g++) for (let s = 0; s < SCORES; s++) for (let p = 0; p < PENDING; p++) seen.add(stateIndex(g, s, p));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 3 * SCORES * PENDING }, (_, i) => i));
  });
});

describe('word of mouth (DESIGN step 7)', () => {
  const wom = WordOfMouth.parse({ tellBad: 0.6, reachBad: 21, tellGood: 0.46, reachGood: 8, conversionPerListener: 0.001, referralRate: 0.002 }) as Drawn<WordOfMouth>;
  it('base + referrals x promoters + conversion x (good told - bad told), floored at 0', () => {
    expect(acquisitionMean(wom, 10, 1000, 100, 50)).toBeCloseTo(10 + 0.002 * 1000 + 0.001 * (0.46 * 8 * 100 - 0.6 * 21 * 50), 12);
    expect(acquisitionMean(wom, 0, 0, 0, 1e6)).toBe(0);
  });
  it('a bad experience is told further than a good one (Help Scout / American Express figures)', () => {
    expect(acquisitionMean(wom, 100, 0, 1, 0) - 100).toBeLessThan(100 - acquisitionMean(wom, 100, 0, 0, 1));
  });
});

describe('levers', () => {
  it('a ramp reaches full effect at rampMonths; 0 means at once', () => {
    expect([1, 2, 3, 4, 5].map((t) => rampWeight(t, 4))).toEqual([0.25, 0.5, 0.75, 1, 1]);
    expect(rampWeight(1, 0)).toBe(1);
  });
  it('interpolation is linear in numbers and rounds agents', () => {
    const from = { a: 0, nested: { b: 10, agents: 10 }, list: [1] };
    const to = { a: 1, nested: { b: 20, agents: 13 }, list: [2] };
    const mid = interpolateLevers(from as never, to as never, 0.5) as unknown as typeof from;
    expect(mid.a).toBe(0.5);
    expect(mid.nested.b).toBe(15);
    expect(mid.nested.agents).toBe(12); // round(11.5)
    expect(mid.list).toEqual([2]);
  });
  it("deepMerge replaces leaves and arrays, keeps what the override does not mention", () => {
    expect(deepMerge({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { b: { c: 5 }, e: [9] })).toEqual({ a: 1, b: { c: 5, d: 3 }, e: [9] });
  });
});
