/**
 * Paired comparison with the baseline. Every run simulated all policies in the same world with
 * the same random numbers, so the run-by-run difference is the quantity to summarise: its
 * distribution, P(policy beats baseline), ROI on the programme cost and the payback month.
 */
import { COL } from '../engine/metrics.js';
import type { RunView } from './aggregate.js';
import { quantileSorted, summarise } from './quantile.js';
import { meanStandardError } from './standardError.js';
import type { Comparison } from './types.js';

/** Month from which cumulative NPV stays ahead of the baseline; Infinity if not by the horizon. */
export function paybackMonth(diffByMonth: ArrayLike<number>): number {
  const T = diffByMonth.length;
  if (T === 0 || (diffByMonth[T - 1] ?? -1) < 0) return Number.POSITIVE_INFINITY;
  let t = T;
  while (t > 1 && (diffByMonth[t - 2] ?? -1) >= 0) t--;
  return t;
}

/** NPV(policy p) - NPV(baseline b) in each run. */
export function npvDifferences(view: RunView, p: number, b: number): Float64Array {
  const T = view.horizon;
  return view.perRun((r) => view.at(r, p, T, COL.cumulativeNpv) - view.at(r, b, T, COL.cumulativeNpv));
}

/** The comparison of policy p with baseline b (pass their run-by-run NPV differences if already computed). */
export function compareWithBaseline(
  view: RunView,
  p: number,
  b: number,
  policy: string,
  baseline: string,
  delta: Float64Array = npvDifferences(view, p, b),
): Comparison {
  const T = view.horizon;
  const n = delta.length;
  let beats = 0;
  for (const d of delta) if (d > 0) beats++;
  const pBeat = n ? beats / n : Number.NaN;
  const programme = view.perRun((r) => {
    let pv = 0;
    for (let t = 1; t <= T; t++) pv += view.at(r, p, t, COL.costProgramme) * view.at(r, p, t, COL.discountFactor);
    return pv;
  });
  const hasProgramme = programme.some((x) => x > 0);
  const roi = hasProgramme ? summarise(view.perRun((r) => (delta[r] ?? 0) / (programme[r] ?? Number.NaN))) : null;
  const payback = view.perRun((r) => {
    const diff = new Float64Array(T);
    for (let t = 1; t <= T; t++) diff[t - 1] = view.at(r, p, t, COL.cumulativeNpv) - view.at(r, b, t, COL.cumulativeNpv);
    return paybackMonth(diff);
  });
  payback.sort();
  const q = (x: number) => {
    const v = quantileSorted(payback, x);
    return Number.isFinite(v) ? v : null;
  };
  let paid = 0;
  for (const m of payback) if (Number.isFinite(m)) paid++;
  const deltaSe = meanStandardError(delta);
  return {
    policy,
    baseline,
    deltaNpv: summarise(Float64Array.from(delta)),
    pBeatBaseline: pBeat,
    pBeatStandardError: n ? Math.sqrt((pBeat * (1 - pBeat)) / n) : Number.NaN,
    deltaNpvStandardError: deltaSe,
    roi,
    paybackMonth: { p5: q(0.05), p50: q(0.5), p95: q(0.95) },
    pPayback: n ? paid / n : Number.NaN,
  };
}
