import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantileSorted, summarise } from '../../src/forecast/quantile.js';

describe('quantileSorted (type 7)', () => {
  it('matches R/NumPy type-7 values', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // numpy.percentile([1..10], [5, 25, 50, 75, 95]) = 1.45, 3.25, 5.5, 7.75, 9.55
    expect(quantileSorted(x, 0.05)).toBeCloseTo(1.45, 12);
    expect(quantileSorted(x, 0.25)).toBeCloseTo(3.25, 12);
    expect(quantileSorted(x, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantileSorted(x, 0.75)).toBeCloseTo(7.75, 12);
    expect(quantileSorted(x, 0.95)).toBeCloseTo(9.55, 12);
  });
  it('handles infinities and a single value', () => {
    expect(quantileSorted([3], 0.3)).toBe(3);
    expect(quantileSorted([1, Infinity, Infinity], 0.9)).toBe(Infinity);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
  it('percentiles are ordered and bracket the data (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 200 }), (xs) => {
        const s = summarise(Float64Array.from(xs));
        const lo = Math.min(...xs);
        const hi = Math.max(...xs);
        expect(s.p5).toBeGreaterThanOrEqual(lo);
        expect(s.p5).toBeLessThanOrEqual(s.p25);
        expect(s.p25).toBeLessThanOrEqual(s.p50);
        expect(s.p50).toBeLessThanOrEqual(s.p75);
        expect(s.p75).toBeLessThanOrEqual(s.p95);
        expect(s.p95).toBeLessThanOrEqual(hi);
      }),
    );
  });
});
