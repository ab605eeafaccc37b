/**
 * The customer chain of one segment under one month's kernel: Q, the one-month transition
 * probabilities among the 33 live states (score x pending), stored sparse (row by row), the
 * churn probability and the expected net contribution of each state. The expected engine
 * propagates with it; the closed forms invert I - vQ.
 */
import { EXPERIENCES } from '../model/experience.js';
import { OUTCOMES, OUTCOME_CHURN, outcomeDelta, type MonthKernel } from '../model/kernel.js';
import { clampScore } from '../model/response.js';
import { PENDING, PENDING_FOLLOW_ON, PENDING_NONE, SCORES, STATES_PER_SEGMENT } from '../model/state.js';
import { NEXT_PENDING } from './transitions.js';
import { addAt } from './addAt.js';
import { experienceCosts } from './experienceCosts.js';

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

/** Scratch space while a chain is built: one dense row of Q, and the sparse rows. */
const rowScratch = new Float64Array(STATES_PER_SEGMENT);
const colsScratch = new Int32Array(STATES_PER_SEGMENT * STATES_PER_SEGMENT);
const probsScratch = new Float64Array(STATES_PER_SEGMENT * STATES_PER_SEGMENT);

/** The chain of segment g under kernel k. */
export function segmentChain(k: MonthKernel, g: number): SegmentChain {
  const n = STATES_PER_SEGMENT;
  const f = k.followOn[g] ?? 0;
  const { exp, move, margin } = k;
  const row = rowScratch;
  const colsAll = colsScratch;
  const probsAll = probsScratch;
  const costs = experienceCosts(k);
  // One buffer for the chain's fixed-size arrays: churn, net (Float64), then start (Int32).
  const fixed = new ArrayBuffer(2 * n * 8 + (n + 1) * 4);
  const churn = new Float64Array(fixed, 0, n);
  const net = new Float64Array(fixed, n * 8, n);
  const start = new Int32Array(fixed, 2 * n * 8, n + 1);
  let at = 0;
  for (let s = 0; s < SCORES; s++) {
    for (let p = 0; p < PENDING; p++) {
      const i = localState(s, p);
      const expRow = (g * PENDING + p) * EXPERIENCES;
      row.fill(0);
      let cost = 0;
      let leave = 0;
      for (let e = 0; e < EXPERIENCES; e++) {
        const pe = exp[expRow + e] ?? 0;
        if (pe === 0) continue;
        cost += pe * (costs[expRow + e] ?? 0);
        const moveRow = ((g * SCORES + s) * EXPERIENCES + e) * OUTCOMES;
        leave += pe * (move[moveRow + OUTCOME_CHURN] ?? 0);
        const next = NEXT_PENDING[e] ?? 0;
        for (let o = 1; o < OUTCOMES; o++) {
          const pm = pe * (move[moveRow + o] ?? 0);
          if (pm === 0) continue;
          const s2 = clampScore(s + outcomeDelta(o));
          if (next >= 0) addAt(row, localState(s2, next), pm);
          else {
            addAt(row, localState(s2, PENDING_FOLLOW_ON), pm * f);
            addAt(row, localState(s2, PENDING_NONE), pm * (1 - f));
          }
        }
      }
      churn[i] = leave;
      net[i] = (margin[g * SCORES + s] ?? 0) - cost;
      start[i] = at;
      for (let j = 0; j < n; j++) {
        const v = row[j] ?? 0;
        if (v !== 0) {
          colsAll[at] = j;
          probsAll[at] = v;
          at++;
        }
      }
    }
  }
  start[n] = at;
  const sparse = new ArrayBuffer(at * 12);
  const probs = new Float64Array(sparse, 0, at);
  const cols = new Int32Array(sparse, at * 8, at);
  probs.set(probsAll.subarray(0, at));
  cols.set(colsAll.subarray(0, at));
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

/** The tables a segment chain is built from; chains are reused while all of them are the same objects. */
interface ChainEntry {
  readonly exp: Float64Array;
  readonly followOn: Float64Array;
  readonly contacts: Float64Array;
  readonly channelCost: Float64Array;
  readonly margin: Float64Array;
  readonly gestureCost: number;
  readonly chains: readonly SegmentChain[];
}

/** Chains by the kernel's move table, then by the other tables (a memo: kernels are pure). */
const chainMemo = new WeakMap<Float64Array, ChainEntry[]>();
const MEMO_PER_MOVE_TABLE = 16;

/**
 * The chains of every segment under kernel k (one per entry of `k.followOn`), memoised on the
 * identity of the tables they are built from. A policy's kernels share their tables from month
 * to month while the levers and the price hold (see `PolicyKernel`), so the chains are built once
 * per distinct month instead of once per month, and the closed forms reuse the simulation's.
 * The returned chains must not be modified.
 */
export function segmentChains(k: MonthKernel): readonly SegmentChain[] {
  let entries = chainMemo.get(k.move);
  if (!entries) {
    entries = [];
    chainMemo.set(k.move, entries);
  }
  for (const e of entries) {
    if (e.exp === k.exp && e.followOn === k.followOn && e.contacts === k.contacts && e.channelCost === k.channelCost && e.margin === k.margin && e.gestureCost === k.gestureCost) return e.chains;
  }
  const chains = Array.from({ length: k.followOn.length }, (_, g) => segmentChain(k, g));
  if (entries.length >= MEMO_PER_MOVE_TABLE) entries.shift();
  entries.push({ exp: k.exp, followOn: k.followOn, contacts: k.contacts, channelCost: k.channelCost, margin: k.margin, gestureCost: k.gestureCost, chains });
  return chains;
}
