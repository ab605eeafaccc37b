/**
 * Sweeps: the scenario rerun over a lever (one `--set` override per value, the same seed, so every
 * point sees the same simulated worlds: common random numbers across the sweep as well as across
 * policies), and for each value each policy's NPV difference against the baseline (mean, P5..P95)
 * and P(beat). A second lever makes a two-way grid.
 *
 * Break-even: where P(beat) crosses the asked probability q (e.g. 0.8: "the largest programme cost
 * at which the policy still beats the baseline in 80% of futures"), and where the mean difference
 * crosses 0, each by linear interpolation between the two sweep points around the crossing. A
 * crossing is only found between sweep points: finer steps place it better, and a crossing between
 * two points that both sit on the same side (P(beat) dipping below q and back between them) is
 * missed.
 */
import type { Summary } from './quantile.js';
import type { Comparison } from './types.js';

/** One lever of a sweep: a dotted scenario path and its values. */
export interface SweepAxis {
  readonly param: string;
  readonly from: number;
  readonly to: number;
  readonly steps: number;
}

/** `steps` evenly spaced values from `from` to `to` (both included), rounded to 12 significant digits. */
export function sweepValues(from: number, to: number, steps: number): number[] {
  const n = Math.max(1, Math.floor(steps));
  if (n === 1) return [from];
  return Array.from({ length: n }, (_, i) => Number((i === n - 1 ? to : from + ((to - from) * i) / (n - 1)).toPrecision(12)));
}

/** One policy at one sweep point. */
export interface SweepPolicyPoint {
  readonly policy: string;
  /** NPV(policy) - NPV(baseline), currency: mean and percentiles over runs. */
  readonly deltaNpv: Summary;
  readonly deltaNpvStandardError: number;
  /** Share of runs in which the policy beats the baseline. */
  readonly pBeat: number;
  readonly pBeatStandardError: number;
}

/** One point of a sweep: the lever's value (and the second lever's) and every policy there. */
export interface SweepPoint {
  readonly value: number;
  readonly value2?: number;
  readonly policies: readonly SweepPolicyPoint[];
}

/** Where a curve crosses a level between two sweep points. */
export interface Crossing {
  /** The lever's value at the crossing (interpolated). */
  readonly value: number;
  /** `beats-below`: the policy meets the level below this value (the curve falls through it); `beats-above`: above it. */
  readonly direction: 'beats-below' | 'beats-above';
}

/** A break-even of one policy along the (first) lever. */
export interface BreakEven {
  readonly policy: string;
  /** Two-way sweeps: the second lever's value this break-even holds at. */
  readonly value2?: number;
  /** The P(beat) level. */
  readonly probability: number;
  /** `always` / `never`: P(beat) >= probability at every / no sweep point. */
  readonly status: 'crosses' | 'always' | 'never';
  readonly crossings: readonly Crossing[];
  /**
   * The headline: the last `beats-below` crossing (the largest value at which the policy still
   * beats the baseline with the probability asked), else the first `beats-above` one; null without
   * a crossing.
   */
  readonly value: number | null;
  /** The same for the mean NPV difference crossing 0 (expected-value break-even). */
  readonly meanStatus: 'crosses' | 'always' | 'never';
  readonly meanCrossings: readonly Crossing[];
  readonly meanValue: number | null;
}

/** Crossings of `ys` through `level` along `xs`, by linear interpolation; `>= level` counts as meeting it. */
export function crossings(xs: readonly number[], ys: readonly number[], level: number): Crossing[] {
  const out: Crossing[] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    const x0 = xs[i] ?? 0;
    const x1 = xs[i + 1] ?? 0;
    const f0 = (ys[i] ?? Number.NaN) - level;
    const f1 = (ys[i + 1] ?? Number.NaN) - level;
    if (!Number.isFinite(f0) || !Number.isFinite(f1)) continue;
    if (f0 >= 0 && f1 < 0) out.push({ value: x0 + ((x1 - x0) * f0) / (f0 - f1), direction: 'beats-below' });
    else if (f0 < 0 && f1 >= 0) out.push({ value: x0 + ((x1 - x0) * f0) / (f0 - f1), direction: 'beats-above' });
  }
  return out;
}

function headline(c: readonly Crossing[]): number | null {
  const below = c.filter((x) => x.direction === 'beats-below');
  return (below[below.length - 1] ?? c.find((x) => x.direction === 'beats-above'))?.value ?? null;
}

function status(ys: readonly number[], level: number, c: readonly Crossing[]): 'crosses' | 'always' | 'never' {
  if (c.length > 0) return 'crosses';
  return ys.every((y) => y >= level) ? 'always' : 'never';
}

/** The break-even of one policy along a line of sweep points (ordered by value). */
export function breakEven(points: readonly SweepPoint[], policy: string, probability: number): BreakEven {
  const xs = points.map((p) => p.value);
  const at = (p: SweepPoint) => p.policies.find((x) => x.policy === policy);
  const pBeat = points.map((p) => at(p)?.pBeat ?? Number.NaN);
  const mean = points.map((p) => at(p)?.deltaNpv.mean ?? Number.NaN);
  const c = crossings(xs, pBeat, probability);
  const m = crossings(xs, mean, 0);
  const v2 = points[0]?.value2;
  return {
    policy,
    ...(v2 !== undefined ? { value2: v2 } : {}),
    probability,
    status: status(pBeat, probability, c),
    crossings: c,
    value: headline(c),
    meanStatus: status(mean, 0, m),
    meanCrossings: m,
    meanValue: headline(m),
  };
}

/** A finished sweep: everything `sweep-<param>.json` holds. */
export interface SweepResult {
  readonly scenario: string;
  readonly currency: string;
  readonly baseline: string;
  readonly policies: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly engine: string;
  readonly param: string;
  readonly values: readonly number[];
  readonly param2?: string;
  readonly values2?: readonly number[];
  /** The P(beat) level of the break-evens. */
  readonly probability: number;
  /** One-way: one per value; two-way: row-major, value (outer) by value2 (inner). */
  readonly points: readonly SweepPoint[];
  /** One per policy (one-way), or per policy and value2 (two-way). */
  readonly breakEven: readonly BreakEven[];
}

/** What one sweep point's simulation gives back. */
export interface PointResult {
  readonly comparisons: readonly Comparison[];
}

export interface SweepSpec {
  readonly axis: SweepAxis;
  readonly axis2?: SweepAxis;
  readonly probability: number;
}

/** `--set` overrides of one sweep point. */
export function pointSets(spec: SweepSpec, value: number, value2?: number): string[] {
  const sets = [`${spec.axis.param}=${value}`];
  if (spec.axis2 && value2 !== undefined) sets.push(`${spec.axis2.param}=${value2}`);
  return sets;
}

/** A sweep point from its comparisons. */
export function sweepPoint(value: number, value2: number | undefined, comparisons: readonly Comparison[]): SweepPoint {
  const policies = comparisons.map((c) => ({
    policy: c.policy,
    deltaNpv: c.deltaNpv,
    deltaNpvStandardError: c.deltaNpvStandardError,
    pBeat: c.pBeatBaseline,
    pBeatStandardError: c.pBeatStandardError,
  }));
  return value2 === undefined ? { value, policies } : { value, value2, policies };
}

/** Every break-even of a finished grid of points. */
export function breakEvens(spec: SweepSpec, points: readonly SweepPoint[], policies: readonly string[]): BreakEven[] {
  const lines: SweepPoint[][] = [];
  if (!spec.axis2) lines.push([...points]);
  else {
    const v2 = sweepValues(spec.axis2.from, spec.axis2.to, spec.axis2.steps);
    for (const w of v2) lines.push(points.filter((p) => p.value2 === w));
  }
  return policies.flatMap((policy) => lines.map((line) => breakEven(line, policy, spec.probability)));
}

/**
 * Runs a sweep: `evaluate` simulates the scenario with the given `--set` overrides (the caller
 * loads, validates and simulates) and returns the comparisons, or an error that stops the sweep.
 */
export async function runSweep<E>(
  spec: SweepSpec,
  evaluate: (sets: string[]) => Promise<{ ok: true; value: PointResult } | { ok: false; error: E }>,
): Promise<{ ok: true; points: SweepPoint[] } | { ok: false; error: E }> {
  const values = sweepValues(spec.axis.from, spec.axis.to, spec.axis.steps);
  const values2 = spec.axis2 ? sweepValues(spec.axis2.from, spec.axis2.to, spec.axis2.steps) : [undefined];
  const points: SweepPoint[] = [];
  for (const v of values) {
    for (const w of values2) {
      const r = await evaluate(pointSets(spec, v, w));
      if (!r.ok) return r;
      points.push(sweepPoint(v, w, r.value.comparisons));
    }
  }
  return { ok: true, points };
}

/** The file name stem of a sweep: `sweep-<param>` or `sweep-<param>-<param2>`, safe characters only. */
export function sweepStem(spec: SweepSpec): string {
  const safe = (p: string) => p.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return `sweep-${safe(spec.axis.param)}${spec.axis2 ? `-${safe(spec.axis2.param)}` : ''}`;
}
