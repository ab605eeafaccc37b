/**
 * Value of information on cases with known answers. Net benefits are built from an input x ~ U(0, 1)
 * and noise independent of x, so the EVPPI of x has a closed form and that of the noise-only input
 * is 0.
 */
import { describe, expect, it } from 'vitest';
import { averageRanks, evpi, evppi, polynomialFit, valueOfInformation } from '../../src/forecast/voi.js';
import { stratifiedUniforms } from '../../src/random/lhs.js';
import { sampleStandardNormal } from '../../src/random/samplers/normal.js';
import { Tychei } from '../../src/random/tychei.js';

describe('averageRanks', () => {
  it('ranks 1..n, ties sharing their average rank', () => {
    expect(Array.from(averageRanks([10, 30, 20, 20, 5]))).toEqual([2, 5, 3.5, 3.5, 1]);
  });
});

describe('polynomialFit', () => {
  it('is exact for a cubic in the rank, and the mean of the fit is the mean of y', () => {
    const n = 50;
    const x = Float64Array.from({ length: n }, (_, i) => Math.exp(i / 10)); // any increasing x: ranks 1..n
    const v = (i: number) => (i + 0.5) / n - 0.5;
    const y = Float64Array.from({ length: n }, (_, i) => 2 - 3 * v(i) + 5 * v(i) ** 2 + 7 * v(i) ** 3);
    const fit = polynomialFit(x, y);
    for (let i = 0; i < n; i++) expect(fit[i]).toBeCloseTo(y[i] ?? 0, 9);
    const noisy = Float64Array.from(y, (yi, i) => yi + Math.sin(i * 12.9898) * 0.3);
    const f2 = polynomialFit(x, noisy);
    expect(f2.reduce((a, b) => a + b, 0) / n).toBeCloseTo(noisy.reduce((a, b) => a + b, 0) / n, 10);
  });

  it('falls back to a constant when x is constant', () => {
    expect(Array.from(polynomialFit([1, 1, 1, 1], [1, 2, 3, 6]))).toEqual([3, 3, 3, 3]);
  });
});

describe('EVPPI and EVPI', () => {
  // NB_0 = 0 (baseline), NB_1 = (x - 0.4) + e, x ~ U(0, 1), e ~ N(0, 0.2^2) independent of x.
  // E(NB_1) = 0.1 > 0, so policy 1 is best on average; knowing x changes that when x < 0.4:
  // P(change) = 0.4 and EVPPI(x) = E[max(0, x - 0.4)] - 0.1 = 0.18 - 0.1 = 0.08.
  const n = 4000;
  const rng = Tychei.fromSeed(77);
  const x = stratifiedUniforms(rng, n); // a uniform sample (stratified: less noise in the check)
  const z = Float64Array.from({ length: n }, () => rng.next()); // unrelated to the benefits
  const e = Float64Array.from({ length: n }, () => 0.2 * sampleStandardNormal(rng));
  const nb = [new Float64Array(n), Float64Array.from(x, (xi, i) => xi - 0.4 + (e[i] ?? 0))];

  it('recovers the closed-form EVPPI and P(decision change) of x', () => {
    const r = evppi(x, nb);
    // The fitted E(NB_1 | x) is a cubic estimated from 4000 points with residual sd 0.2: its error
    // is ~0.2 sqrt(4 / 4000) = 0.006 pointwise; EVPPI and P(change) move by less (tolerance 0.01
    // for EVPPI, whose value is 0.08, and 0.02 for P(change)).
    expect(Math.abs(r.evppi - 0.08)).toBeLessThan(0.01);
    expect(Math.abs(r.pDecisionChange - 0.4)).toBeLessThan(0.02);
  });

  it('gives ~0 for an input unrelated to the benefits, and EVPI >= EVPPI', () => {
    const r = evppi(z, nb);
    expect(r.evppi).toBeLessThan(0.005);
    // EVPI = E[max(0, NB_1)] - 0.1, estimated directly from the runs.
    let direct = 0;
    for (let i = 0; i < n; i++) direct += Math.max(0, nb[1]?.[i] ?? 0) / n;
    expect(evpi(nb)).toBeCloseTo(direct - Array.from(nb[1] ?? []).reduce((a, b) => a + b, 0) / n, 12);
    expect(evpi(nb)).toBeGreaterThan(evppi(x, nb).evppi);
  });

  it('is unchanged by a per-run amount common to every policy', () => {
    const shift = Float64Array.from({ length: n }, (_, i) => 5 * Math.cos(i));
    const shifted = nb.map((v) => Float64Array.from(v, (y, i) => y + (shift[i] ?? 0)));
    expect(evppi(x, shifted).evppi).toBeCloseTo(evppi(x, nb).evppi, 2);
    expect(evpi(shifted)).toBeCloseTo(evpi(nb), 10);
  });

  it('valueOfInformation ranks x first, names it "measure this first", and reads deciles', () => {
    const v = valueOfInformation(['z', 'x'], [z, x], ['base', 'p'], nb, 1);
    expect(v.bestPolicy).toBe('p');
    expect(v.inputs.map((i) => i.input)).toEqual(['x', 'z']);
    expect(v.measureFirst).toBe('x');
    expect(v.noiseFloor).toBeLessThan(0.005);
    expect(v.margin).toBeCloseTo(0.1, 1);
    // Best policy by decile of x: the baseline below 0.4 (deciles 1-4), p above.
    expect(v.inputs[0]?.bestByDecile).toEqual(['base', 'base', 'base', 'base', 'p', 'p', 'p', 'p', 'p', 'p']);
  });

  it('names nothing when one policy wins in every run (EVPI 0)', () => {
    const sure = [new Float64Array(n), Float64Array.from(x, (xi) => 1 + xi)];
    const v = valueOfInformation(['x'], [x], ['base', 'p'], sure, 1);
    expect(v.evpi).toBe(0);
    expect(v.inputs[0]?.evppi).toBe(0);
    expect(v.measureFirst).toBeNull();
  });
});
