/**
 * Seed derivation and world draws: a world's draws depend only on (scenario seed, run, input path),
 * never on what else the scenario holds, on key order, or on the order in which runs are drawn.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { customerSeed, deriveSeed, hashString, mix32, stream } from '../../src/random/streams.js';
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.js';
import { drawWorld, meanWorld, uncertainInputs } from '../../src/scenario/world.js';
import { checkMoments } from '../support/stats.js';

const base: ScenarioInput = {
  baseline: 'a',
  seed: 17,
  horizonMonths: 12,
  segments: {
    c: {
      customers: 1000,
      revenuePerMonth: { dist: 'triangular', min: 20, mode: 30, max: 45 },
      grossMargin: 0.7,
      baseChurn: { dist: 'pert', min: 0.008, mode: 0.012, max: 0.02 },
      problemRate: { dist: 'uniform', min: 0.05, max: 0.15 },
    },
  },
  policies: { a: {}, b: { delight: { rate: { dist: 'beta', alpha: 2, beta: 8 } } } },
};

const valueAt = (w: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((n, k) => (typeof n === 'object' && n !== null ? (n as Record<string, unknown>)[k] : undefined), w);

describe('seed derivation', () => {
  it('deriveSeed is a deterministic 32-bit unsigned function of (base, labels)', () => {
    expect(deriveSeed(1, 'world', 0)).toBe(deriveSeed(1, 'world', 0));
    expect(deriveSeed(1, 'world', 0)).not.toBe(deriveSeed(1, 'world', 1));
    expect(deriveSeed(1, 'world', 0)).not.toBe(deriveSeed(2, 'world', 0));
    expect(deriveSeed(1, 'world', 0)).not.toBe(deriveSeed(1, 'engine', 0));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.array(fc.oneof(fc.string(), fc.nat())), (b, labels) => {
        const s = deriveSeed(b, ...labels);
        return Number.isInteger(s) && s >= 0 && s < 2 ** 32;
      }),
      { seed: 1, numRuns: 300 },
    );
  });
  it('stream(base, ...labels) is reproducible', () => {
    const a = stream(5, 'x', 1);
    const b = stream(5, 'x', 1);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
  });
  it('mix32 is a bijection on 32-bit integers (no two of 100,000 consecutive inputs collide)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(mix32(i));
    expect(seen.size).toBe(100_000);
    expect(mix32(0)).toBe(0);
  });
  it('customer seeds differ between customers and between runs', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 50_000; i++) seen.add(customerSeed(12345, i));
    expect(seen.size).toBe(50_000);
    expect(customerSeed(1, 0)).not.toBe(customerSeed(2, 0));
  });
  it('hashString is FNV-1a (published test vectors)', () => {
    // FNV-1a 32-bit: "" -> 0x811c9dc5, "a" -> 0xe40c292c, "foobar" -> 0xbf9cf968 (Fowler/Noll/Vo test suite).
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
});

describe('drawWorld', () => {
  const sc = Scenario.parse(base);
  const paths = uncertainInputs(sc).map((i) => i.path);

  it('finds every uncertain input by its dotted path', () => {
    expect(paths).toEqual([
      'segments.c.revenuePerMonth',
      'segments.c.baseChurn',
      'segments.c.problemRate',
      'policies.b.delight.rate',
    ]);
  });

  it('the same (seed, run) gives the same world, whatever was drawn before', () => {
    const w3 = drawWorld(sc, 3);
    for (let r = 0; r < 10; r++) drawWorld(sc, r);
    expect(drawWorld(sc, 3)).toEqual(w3);
  });

  it('different runs and different seeds give different worlds', () => {
    const a = drawWorld(sc, 0);
    const b = drawWorld(sc, 1);
    const c = drawWorld({ ...sc, seed: 18 }, 0);
    for (const p of paths) {
      expect(valueAt(a, p)).not.toBe(valueAt(b, p));
      expect(valueAt(a, p)).not.toBe(valueAt(c, p));
    }
  });

  it("an input's draw does not change when other inputs, policies or segments are added, or keys reordered", () => {
    const bigger = Scenario.parse({
      ...base,
      discountRate: { dist: 'uniform', min: 0.05, max: 0.1 },
      segments: {
        z: { customers: 10, revenuePerMonth: { dist: 'uniform', min: 1, max: 2 }, grossMargin: 0.5, baseChurn: 0.01, problemRate: 0.1 },
        c: base.segments.c,
      },
      policies: { zz: { repeatRate: { dist: 'uniform', min: 0, max: 1 } }, b: base.policies.b, a: {} },
    } as ScenarioInput);
    for (let run = 0; run < 5; run++) {
      const w1 = drawWorld(sc, run);
      const w2 = drawWorld(bigger, run);
      for (const p of paths) expect(valueAt(w2, p)).toBe(valueAt(w1, p));
    }
  });

  it('the same distribution at a different path gives a different draw (streams are named by path)', () => {
    const w = drawWorld(
      Scenario.parse({
        ...base,
        segments: {
          c: { ...base.segments.c, problemRate: { dist: 'uniform', min: 0, max: 1 }, contactShare: { dist: 'uniform', min: 0, max: 1 } },
        },
      } as ScenarioInput),
      0,
    );
    expect(valueAt(w, 'segments.c.problemRate')).not.toBe(valueAt(w, 'segments.c.contactShare'));
  });

  it('overrides replace the draw at their path only', () => {
    const w = drawWorld(sc, 2, new Map([['segments.c.baseChurn', 0.5]]));
    const plain = drawWorld(sc, 2);
    expect(valueAt(w, 'segments.c.baseChurn')).toBe(0.5);
    expect(valueAt(w, 'segments.c.problemRate')).toBe(valueAt(plain, 'segments.c.problemRate'));
  });

  it('across runs, each input follows its distribution (mean and variance within 4 SE)', () => {
    const R = 4000;
    const rev = new Float64Array(R);
    const churn = new Float64Array(R);
    const prob = new Float64Array(R);
    const delight = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      const w = drawWorld(sc, r);
      rev[r] = valueAt(w, 'segments.c.revenuePerMonth') as number;
      churn[r] = valueAt(w, 'segments.c.baseChurn') as number;
      prob[r] = valueAt(w, 'segments.c.problemRate') as number;
      delight[r] = valueAt(w, 'policies.b.delight.rate') as number;
    }
    // triangular(20, 30, 45)
    const t = checkMoments(rev, (20 + 30 + 45) / 3, (20 * 20 + 30 * 30 + 45 * 45 - 20 * 30 - 20 * 45 - 30 * 45) / 18, -3 / 5);
    expect(t.ok, t.message).toBe(true);
    // PERT(0.008, 0.012, 0.02): Beta(1 + 4 * 0.004/0.012, 1 + 4 * 0.008/0.012) on [0.008, 0.02]
    const a = 1 + (4 * 0.004) / 0.012;
    const b = 1 + (4 * 0.008) / 0.012;
    const s = a + b;
    const pv = (0.012 * 0.012 * a * b) / (s * s * (s + 1));
    const pk = (6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3));
    const pc = checkMoments(churn, (0.008 + 4 * 0.012 + 0.02) / 6, pv, pk);
    expect(pc.ok, pc.message).toBe(true);
    const u = checkMoments(prob, 0.1, 0.01 / 12, -6 / 5);
    expect(u.ok, u.message).toBe(true);
    const bv = (2 * 8) / (100 * 11);
    const bk = (6 * (36 * 11 - 16 * 12)) / (16 * 12 * 13);
    const be = checkMoments(delight, 0.2, bv, bk);
    expect(be.ok, be.message).toBe(true);
  });

  it('a normal on a probability field is truncated to [0, 1]; a lognormal to its bounds', () => {
    const s2 = Scenario.parse({
      ...base,
      segments: {
        c: {
          ...base.segments.c,
          baseChurn: { dist: 'normal', mean: 0.01, sd: 0.05 },
          revenuePerMonth: { dist: 'lognormal', mean: 30, sd: 30, min: 10, max: 60 },
        },
      },
    } as ScenarioInput);
    for (let r = 0; r < 2000; r++) {
      const w = drawWorld(s2, r);
      const p = valueAt(w, 'segments.c.baseChurn') as number;
      const v = valueAt(w, 'segments.c.revenuePerMonth') as number;
      if (!(p >= 0 && p <= 1)) expect.fail(`run ${r}: baseChurn ${p}`);
      if (!(v >= 10 && v <= 60)) expect.fail(`run ${r}: revenue ${v}`);
    }
  });

  it('meanWorld puts each input at its mean', () => {
    const w = meanWorld(sc);
    expect(valueAt(w, 'segments.c.revenuePerMonth')).toBeCloseTo(95 / 3, 12);
    expect(valueAt(w, 'segments.c.baseChurn')).toBeCloseTo((0.008 + 4 * 0.012 + 0.02) / 6, 12);
    expect(valueAt(w, 'segments.c.problemRate')).toBeCloseTo(0.1, 12);
    expect(valueAt(w, 'policies.b.delight.rate')).toBeCloseTo(0.2, 12);
  });
});
