/**
 * The cohort engine's move step, factored so that it needs fewer binomial draws. A row (g, s, e) of
 * the kernel's move table gives P(churn) and P(stay with a move of d points). Draw it as
 *   1. direction: Multinomial(n; churn, down, stay, up), per row;
 *   2. size: the customers of (g, s) who moved down, pooled over the rows that lead to the same
 *      next pending state, Multinomial(pool; P(d | down)); the same for up,
 * which is exact when the pooled rows share P(d | down) and P(d | up). In the model they do: a
 * move's size is split by the world's step weights whatever the experience, and a customer stays
 * with probability (1 - base hazard of the new score) x (terms of the experience alone), so the
 * experience's terms cancel from P(d | down). `MovePlan` checks this on the table itself, row by
 * row; a row whose sizes differ from its pool's is drawn on its own with the full multinomial.
 *
 * A row of default.yaml's contact classes takes three draws (direction) instead of six, plus a
 * share of its pool's three.
 */
import { EXPERIENCES } from '../model/experience.js';
import { OUTCOMES, OUTCOME_CHURN } from '../model/kernel.js';
import { MAX_DELTA, MIN_DELTA } from '../model/response.js';
import { SCORES } from '../model/state.js';
import { MultinomialPlan } from '../random/samplers/multinomial.js';
import { NEXT_PENDING } from './transitions.js';

/** Direction categories of step 1. */
export const DIR_CHURN = 0;
export const DIR_DOWN = 1;
export const DIR_STAY = 2;
export const DIR_UP = 3;
export const DIRECTIONS = 4;

/** Sizes of a down move (1 .. -MIN_DELTA points) and of an up move (1 .. MAX_DELTA points). */
export const DOWN_SIZES = -MIN_DELTA;
export const UP_SIZES = MAX_DELTA;

/** Pools per (g, s): one per next-pending value of `NEXT_PENDING` (-1, 0, 1 as 0, 1, 2). */
export const POOLS = 3;
/** The pool of experience e. */
export const poolOf = (e: number): number => (NEXT_PENDING[e] ?? 0) + 1;
/** The next pending state of a pool's customers, as `NEXT_PENDING` gives it (-1: resolved, awaiting the follow-on draw). */
export const poolPending = (pool: number): number => pool - 1;

/** Two conditional distributions agree when no probability differs by more than this. */
const SAME = 1e-12;

/** Outcome of the move table for a move of d points (d != 0 or 0). */
const outcomeOf = (d: number): number => 1 + d - MIN_DELTA;

/** The factored move step of one kernel's move table: the multinomial plans of steps 1 and 2, and the rows that use them. */
export class MovePlan {
  /** Rows (g, s, e) drawn by direction then pooled sizes (1) or by the full table (0). */
  readonly factored: Uint8Array;
  /** Step 1, per row (g, s, e): churn, down, stay, up. */
  readonly direction: MultinomialPlan;
  /** Step 2, per pool (g, s, pool): P(1 .. DOWN_SIZES points | down). */
  readonly down: MultinomialPlan;
  /** Step 2, per pool (g, s, pool): P(1 .. UP_SIZES points | up). */
  readonly up: MultinomialPlan;
  /** The full table, for the rows that are not factored. */
  readonly full: MultinomialPlan;

  /** `move`: the kernel's table, `[((g * SCORES + s) * EXPERIENCES + e) * OUTCOMES + k]`. */
  constructor(move: Float64Array) {
    const rows = Math.floor(move.length / OUTCOMES);
    const gsCount = rows / EXPERIENCES;
    const dir = new Float64Array(rows * DIRECTIONS);
    const down = new Float64Array(gsCount * POOLS * DOWN_SIZES);
    const up = new Float64Array(gsCount * POOLS * UP_SIZES);
    const downSet = new Uint8Array(gsCount * POOLS);
    const upSet = new Uint8Array(gsCount * POOLS);
    this.factored = new Uint8Array(rows);
    const downCond = new Float64Array(DOWN_SIZES);
    const upCond = new Float64Array(UP_SIZES);
    for (let row = 0; row < rows; row++) {
      const e = row % EXPERIENCES;
      const pool = ((row - e) / EXPERIENCES) * POOLS + poolOf(e);
      const d = conditional(move, row, -1, downCond);
      const u = conditional(move, row, 1, upCond);
      // A row joins its pool if its sizes are the pool's, or the pool has none yet.
      const downFits = d === 0 || downSet[pool] === 0 || same(down, pool, downCond);
      const upFits = u === 0 || upSet[pool] === 0 || same(up, pool, upCond);
      if (!(downFits && upFits)) continue;
      if (d > 0 && downSet[pool] === 0) {
        down.set(downCond, pool * DOWN_SIZES);
        downSet[pool] = 1;
      }
      if (u > 0 && upSet[pool] === 0) {
        up.set(upCond, pool * UP_SIZES);
        upSet[pool] = 1;
      }
      this.factored[row] = 1;
      dir[row * DIRECTIONS + DIR_CHURN] = move[row * OUTCOMES + OUTCOME_CHURN] ?? 0;
      dir[row * DIRECTIONS + DIR_DOWN] = d;
      dir[row * DIRECTIONS + DIR_STAY] = move[row * OUTCOMES + outcomeOf(0)] ?? 0;
      dir[row * DIRECTIONS + DIR_UP] = u;
    }
    this.direction = new MultinomialPlan(dir, DIRECTIONS);
    this.down = new MultinomialPlan(down, DOWN_SIZES);
    this.up = new MultinomialPlan(up, UP_SIZES);
    this.full = new MultinomialPlan(move, OUTCOMES);
  }
}

/**
 * P(move of k points | a move in direction `sign`), k = 1 .. out.length, of row `row` into `out`;
 * returns P(a move in that direction) (0: `out` is left as it was).
 */
function conditional(move: Float64Array, row: number, sign: -1 | 1, out: Float64Array): number {
  let total = 0;
  for (let k = 1; k <= out.length; k++) total += move[row * OUTCOMES + outcomeOf(sign * k)] ?? 0;
  if (total <= 0) return 0;
  for (let k = 1; k <= out.length; k++) out[k - 1] = (move[row * OUTCOMES + outcomeOf(sign * k)] ?? 0) / total;
  return total;
}

/** Whether pool `pool` of `table` (rows of cond.length) holds `cond`, to within `SAME`. */
function same(table: Float64Array, pool: number, cond: Float64Array): boolean {
  for (let k = 0; k < cond.length; k++) if (Math.abs((table[pool * cond.length + k] ?? 0) - (cond[k] ?? 0)) > SAME) return false;
  return true;
}

/** Row of pool `pool` of (g, s) in `MovePlan.down` and `MovePlan.up`. */
export const poolIndex = (g: number, s: number, pool: number): number => (g * SCORES + s) * POOLS + pool;
