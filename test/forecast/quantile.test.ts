import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PERCENTILES, quantileSorted, selectQuantiles, summarise } from '../../src/forecast/quantile.js';
import { Tychei } from '../../src/random/tychei.js';

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

describe('selectQuantiles', () => {
  it('property: the same numbers as quantileSorted of the sorted values (ties, negatives, infinities, NaN, small sizes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)), { minLength: 1, maxLength: 300 }),
        (xs) => {
          const sorted = Float64Array.from(xs).sort();
          // x + 0 turns -0 into 0: the sort orders -0 before 0, selection does not tell them apart
          const zero = (x: number) => x + 0;
          expect(selectQuantiles(Float64Array.from(xs), PERCENTILES).map(zero)).toEqual(PERCENTILES.map((p) => zero(quantileSorted(sorted, p))));
        },
      ),
      { seed: 11, numRuns: 2000 },
    );
  });

  it('summarise of a large array (selection) equals the sorted answer', () => {
    const rng = Tychei.fromSeed(12);
    const xs = Float64Array.from({ length: 50_001 }, () => Math.floor(rng.next() * 1000) - 300 + rng.next());
    const sorted = Float64Array.from(xs).sort();
    const s = summarise(Float64Array.from(xs));
    PERCENTILES.forEach((p, i) => expect([s.p5, s.p25, s.p50, s.p75, s.p95][i]).toBe(quantileSorted(sorted, p)));
    expect(s.mean).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 9);
  });
});
