/** Cumulative rows for the agent engine: a draw never lands on a zero-probability category, and the
 * categories come up with their probabilities (chi-square at alpha = 0.001). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cumulativeRows, pick, pickFrom, rowModes } from '../../src/engine/cdf.js';
import { NEXT_PENDING, fixedNextPending } from '../../src/engine/transitions.js';
import { Tychei } from '../../src/random/tychei.js';
import { EXPERIENCES, E_HIGH_DELIGHT, E_LOW_RESOLVED, E_NONE, E_SILENT, E_LOW_UNRESOLVED } from '../../src/model/experience.js';
import { PENDING_NONE, PENDING_UNRESOLVED } from '../../src/model/state.js';
import { chiSquareCritical } from '../support/stats.js';

describe('cumulativeRows and pick', () => {
  it('rows end at exactly 1 from their last positive entry, whatever the rounding of the sum', () => {
    const rows = Float64Array.from([0.1, 0.2, 0.3, 0.4 - 1e-12, 0, 0, 0.5, 0, 0.5, 0]);
    const c = cumulativeRows(rows, 5);
    expect(c[3]).toBe(1);
    expect(c[4]).toBe(1);
    expect(Array.from(c.subarray(5))).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(pick(c, 5, 5, 0)).toBe(1);
    expect(pick(c, 5, 5, 0.4999)).toBe(1);
    expect(pick(c, 5, 5, 0.5)).toBe(3);
    expect(pick(c, 5, 5, 0.9999999999)).toBe(3);
  });

  it('property: a draw never lands on a category of probability 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-300, max: 1, noNaN: true })), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (w, u) => {
          fc.pre(w.some((x) => x > 0));
          const row = Float64Array.from(w);
          const j = pick(cumulativeRows(row, row.length), 0, row.length, u);
          return (row[j] ?? 0) > 0;
        },
      ),
      { seed: 3, numRuns: 5000 },
    );
  });

  it('categories come up with their probabilities', () => {
    const p = [0.05, 0, 0.3, 0.15, 0, 0.5];
    const c = cumulativeRows(Float64Array.from(p), p.length);
    const rng = Tychei.fromSeed(8);
    const n = 200_000;
    const counts = new Array<number>(p.length).fill(0);
    for (let i = 0; i < n; i++) {
      const j = pick(c, 0, p.length, rng.next());
      counts[j] = (counts[j] ?? 0) + 1;
    }
    let chi = 0;
    let cells = 0;
    p.forEach((pj, j) => {
      if (pj === 0) expect(counts[j]).toBe(0);
      else {
        chi += ((counts[j]! - n * pj) ** 2) / (n * pj);
        cells++;
      }
    });
    expect(chi).toBeLessThan(chiSquareCritical(cells - 1));
  });
});

describe('rowModes and pickFrom', () => {
  it('the mode is the most likely category of each row, the first on ties', () => {
    const t = Float64Array.from([0.1, 0.5, 0.4, /* row 2 */ 0.3, 0.3, 0.4, /* row 3 */ 0.5, 0.5, 0]);
    expect(Array.from(rowModes(t, 3))).toEqual([1, 2, 0]);
  });

  it('property: pickFrom gives pick\'s category for every u, whatever mode it starts from', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-300, max: 1, noNaN: true })), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.nat(),
        (w, u, m) => {
          fc.pre(w.some((x) => x > 0));
          const row = Float64Array.from(w);
          const c = cumulativeRows(row, row.length);
          const want = pick(c, 0, row.length, u);
          // the row's own mode, and any other starting point
          return pickFrom(c, 0, row.length, u, rowModes(row, row.length)[0]!) === want && pickFrom(c, 0, row.length, u, m % row.length) === want;
        },
      ),
      { seed: 4, numRuns: 5000 },
    );
  });
});

describe('next pending state', () => {
  it('nothing after no problem, unresolved after silent or unresolved, a follow-on draw after a resolved contact', () => {
    expect(fixedNextPending(E_NONE)).toBe(PENDING_NONE);
    expect(fixedNextPending(E_SILENT)).toBe(PENDING_UNRESOLVED);
    for (let e = E_LOW_RESOLVED; e <= E_HIGH_DELIGHT; e++) expect(fixedNextPending(e)).toBe(-1);
    for (let e = E_LOW_UNRESOLVED; e < EXPERIENCES; e++) expect(fixedNextPending(e)).toBe(PENDING_UNRESOLVED);
    expect(Array.from(NEXT_PENDING)).toEqual(Array.from({ length: EXPERIENCES }, (_, e) => fixedNextPending(e)));
  });
});
