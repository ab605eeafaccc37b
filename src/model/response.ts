/**
 * DESIGN step 4: the score's asymmetric, stochastic response to a month's experience. A bad
 * experience moves the score down far more often, and further, than a good one moves it up; in a
 * month without a problem the score drifts one point toward the segment's loyalty anchor (product,
 * brand and price, not service, set where loyalty rests).
 */
import type { Drawn } from '../scenario/world.js';
import type { Response } from '../scenario/schema.js';
import {
  E_HIGH_DELIGHT, E_HIGH_RESOLVED, E_HIGH_UNRESOLVED, E_LOW_DELIGHT, E_LOW_RESOLVED, E_LOW_UNRESOLVED,
  E_MEDIUM_DELIGHT, E_MEDIUM_RESOLVED, E_MEDIUM_UNRESOLVED, E_NONE, E_SILENT,
} from './experience.js';

/** Score moves considered: -3 .. +2 points. */
export const MIN_DELTA = -3;
export const MAX_DELTA = 2;
export const DELTAS = MAX_DELTA - MIN_DELTA + 1;

/** Down and up probabilities of a class (delight adds `delightUp` to the rise, never past 1 - down). */
function downUp(r: Drawn<Response>, e: number): [number, number] {
  const pick = (m: { down: number; up: number }, extraUp = 0): [number, number] => [m.down, Math.min(1 - m.down, m.up + extraUp)];
  switch (e) {
    case E_SILENT: return pick(r.silent);
    case E_LOW_RESOLVED: return pick(r.lowEffortResolved);
    case E_MEDIUM_RESOLVED: return pick(r.mediumEffortResolved);
    case E_HIGH_RESOLVED: return pick(r.highEffortResolved);
    case E_LOW_DELIGHT: return pick(r.lowEffortResolved, r.delightUp);
    case E_MEDIUM_DELIGHT: return pick(r.mediumEffortResolved, r.delightUp);
    case E_HIGH_DELIGHT: return pick(r.highEffortResolved, r.delightUp);
    case E_LOW_UNRESOLVED: return pick(r.lowEffortUnresolved);
    case E_MEDIUM_UNRESOLVED: return pick(r.mediumEffortUnresolved);
    case E_HIGH_UNRESOLVED: return pick(r.highEffortUnresolved);
    default: return [0, 0];
  }
}

/**
 * P(score moves by d) for d = -3..+2 (index d + 3), given the class, the current score and the
 * segment's loyalty anchor. Moves past 0 or 10 are clamped by the engines.
 */
export function scoreMove(r: Drawn<Response>, e: number, score: number, anchor: number, out: Float64Array): void {
  out.fill(0);
  const zero = -MIN_DELTA;
  if (e === E_NONE) {
    if (score < anchor - 0.5) {
      out[zero + 1] = r.drift;
      out[zero] = 1 - r.drift;
    } else if (score > anchor + 0.5) {
      out[zero - 1] = r.drift;
      out[zero] = 1 - r.drift;
    } else out[zero] = 1;
    return;
  }
  const [down, upP] = downUp(r, e);
  // Step sizes are weights; all-zero weights mean equal shares (as elsewhere, see `normalise`), so
  // that the probability of a move is never lost.
  const dTotal = r.downSteps.reduce((a, b) => a + b, 0);
  const uTotal = r.upSteps.reduce((a, b) => a + b, 0);
  const dn = r.downSteps.length;
  const un = r.upSteps.length;
  for (let k = 0; k < dn; k++) out[zero - 1 - k] = dTotal > 0 ? down * ((r.downSteps[k] ?? 0) / dTotal) : down / dn;
  for (let k = 0; k < un; k++) out[zero + 1 + k] = uTotal > 0 ? upP * ((r.upSteps[k] ?? 0) / uTotal) : upP / un;
  out[zero] = Math.max(0, 1 - down - upP);
}

/** The score after a move, kept within 0..10. */
export const clampScore = (s: number): number => (s < 0 ? 0 : s > 10 ? 10 : s);
