/**
 * The customer chain of one segment under one month's kernel: Q, the one-month transition
 * probabilities among the 33 live states (score x pending), stored sparse (row by row), the
 * churn probability and the expected net contribution of each state. The expected engine
 * propagates with it; the closed forms invert I - vQ.
 */
import { CHANNEL_COUNT } from '../scenario/channels.js';
import { EXPERIENCES, isDelight } from '../model/experience.js';
import { OUTCOMES, OUTCOME_CHURN, outcomeDelta, type MonthKernel } from '../model/kernel.js';
import { clampScore } from '../model/response.js';
import { PENDING, PENDING_FOLLOW_ON, PENDING_NONE, SCORES, STATES_PER_SEGMENT } from '../model/state.js';
import { NEXT_PENDING } from './transitions.js';
import { addAt } from './addAt.js';

/** Local index of (score, pending) within a segment. */
export const localState = (s: number, p: number): number => s * PENDING + p;

export interface SegmentChain {
  /** Row i's non-zero entries are `cols[start[i] .. start[i+1])` with probabilities `probs[...]`. */
  readonly start: Int32Array;
  readonly cols: Int32Array;
  readonly probs: Float64Array;
  /** P(churn) from each state in the month. */
  readonly churn: Float64Array;
  /** Expected net contribution of a customer-month in each state: margin - contact and gesture cost (currency). */
  readonly net: Float64Array;
}

/** The chain of segment g under kernel k. */
export function segmentChain(k: MonthKernel, g: number): SegmentChain {
  const n = STATES_PER_SEGMENT;
  const dense = new Float64Array(n * n);
  const churn = new Float64Array(n);
  const net = new Float64Array(n);
  const f = k.followOn[g] ?? 0;
  for (let s = 0; s < SCORES; s++) {
    for (let p = 0; p < PENDING; p++) {
      const i = localState(s, p);
      const expRow = (g * PENDING + p) * EXPERIENCES;
      let cost = 0;
      let leave = 0;
      for (let e = 0; e < EXPERIENCES; e++) {
        const pe = k.exp[expRow + e] ?? 0;
        if (pe === 0) continue;
        let ce = isDelight(e) ? k.gestureCost : 0;
        for (let c = 0; c < CHANNEL_COUNT; c++) ce += (k.contacts[(expRow + e) * CHANNEL_COUNT + c] ?? 0) * (k.channelCost[c] ?? 0);
        cost += pe * ce;
        const moveRow = ((g * SCORES + s) * EXPERIENCES + e) * OUTCOMES;
        leave += pe * (k.move[moveRow + OUTCOME_CHURN] ?? 0);
        const fixed = NEXT_PENDING[e] ?? 0;
        for (let o = 1; o < OUTCOMES; o++) {
          const pm = pe * (k.move[moveRow + o] ?? 0);
          if (pm === 0) continue;
          const s2 = clampScore(s + outcomeDelta(o));
          if (fixed >= 0) addAt(dense, i * n + localState(s2, fixed), pm);
          else {
            addAt(dense, i * n + localState(s2, PENDING_FOLLOW_ON), pm * f);
            addAt(dense, i * n + localState(s2, PENDING_NONE), pm * (1 - f));
          }
        }
      }
      churn[i] = leave;
      net[i] = (k.margin[g * SCORES + s] ?? 0) - cost;
    }
  }
  const start = new Int32Array(n + 1);
  let nnz = 0;
  for (let x = 0; x < dense.length; x++) if (dense[x] !== 0) nnz++;
  const cols = new Int32Array(nnz);
  const probs = new Float64Array(nnz);
  let at = 0;
  for (let i = 0; i < n; i++) {
    start[i] = at;
    for (let j = 0; j < n; j++) {
      const v = dense[i * n + j] ?? 0;
      if (v !== 0) {
        cols[at] = j;
        probs[at] = v;
        at++;
      }
    }
  }
  start[n] = at;
  return { start, cols, probs, churn, net };
}

/** Q as a dense row-major array of arrays (for the closed forms). */
export function denseQ(chain: SegmentChain): number[][] {
  const n = STATES_PER_SEGMENT;
  const q = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const row = q[i] as number[];
    for (let x = chain.start[i] ?? 0; x < (chain.start[i + 1] ?? 0); x++) row[chain.cols[x] ?? 0] = chain.probs[x] ?? 0;
  }
  return q;
}
