/**
 * The cohort engine's factored move step (`MovePlan`): direction, then pooled sizes, must give
 * every outcome of every factored row the probability the kernel's move table gives it, and a row
 * whose sizes differ from its pool's must be drawn on its own.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenarioFile.js';
import { drawWorld } from '../../src/scenario/world.js';
import { OUTCOMES, OUTCOME_CHURN, PolicyKernel, outcomeDelta, policyModel } from '../../src/model/kernel.js';
import { EXPERIENCES } from '../../src/model/experience.js';
import { SCORES } from '../../src/model/state.js';
import { DIRECTIONS, DIR_CHURN, DIR_DOWN, DIR_STAY, DIR_UP, DOWN_SIZES, MovePlan, POOLS, UP_SIZES, poolOf, poolPending } from '../../src/engine/movePlan.js';
import { NEXT_PENDING } from '../../src/engine/transitions.js';
import type { MultinomialPlan } from '../../src/random/samplers/multinomial.js';

/** The probabilities a plan's row draws from, recovered from its conditional probabilities. */
function rowProbabilities(plan: MultinomialPlan, row: number): number[] {
  const out = new Array<number>(plan.width).fill(0);
  let left = 1;
  for (let t = 0; t < (plan.drawn[row] ?? 0); t++) {
    const j = plan.category[row * plan.width + t] ?? 0;
    const p = plan.probabilities.p(row * plan.width + t);
    out[j] = left * p;
    left -= left * p;
  }
  const last = plan.last[row] ?? -1;
  if (last >= 0) out[last] = (out[last] ?? 0) + left;
  return out;
}

/** P(outcome k) of row `row` as the factored plan draws it. */
function factoredOutcomes(plan: MovePlan, row: number): number[] {
  const e = row % EXPERIENCES;
  const pool = ((row - e) / EXPERIENCES) * POOLS + poolOf(e);
  const dir = rowProbabilities(plan.direction, row);
  const down = rowProbabilities(plan.down, pool);
  const up = rowProbabilities(plan.up, pool);
  const out = new Array<number>(OUTCOMES).fill(0);
  out[OUTCOME_CHURN] = dir[DIR_CHURN] ?? 0;
  for (let k = 1; k < OUTCOMES; k++) {
    const d = outcomeDelta(k);
    if (d === 0) out[k] = dir[DIR_STAY] ?? 0;
    else if (d < 0) out[k] = (dir[DIR_DOWN] ?? 0) * (down[-d - 1] ?? 0);
    else out[k] = (dir[DIR_UP] ?? 0) * (up[d - 1] ?? 0);
  }
  return out;
}

function kernelMove(file: string, run: number, key: string | undefined, month: number): Float64Array {
  const loaded = loadScenario(`scenarios/${file}.yaml`, []);
  if (!loaded.ok) throw new Error(file);
  const sc = loaded.value.scenario;
  const model = policyModel(drawWorld(sc, run), key ?? sc.baseline);
  return new PolicyKernel(model).month(month, new Float64Array(model.segments.length * 3)).move;
}

describe('MovePlan', () => {
  const cases: [string, number, string | undefined, number][] = [
    ['default', 0, undefined, 1],
    ['default', 7, 'effort', 24],
    ['telecom', 3, 'price_rise', 1],
    ['telecom', 5, 'price_rise', 7],
    ['b2b', 2, undefined, 12],
  ];
  for (const [file, run, key, month] of cases) {
    it(`${file} (world ${run}, ${key ?? 'baseline'}, month ${month}): every row is factored and its outcomes keep the table's probabilities`, () => {
      const move = kernelMove(file, run, key, month);
      const plan = new MovePlan(move);
      const rows = move.length / OUTCOMES;
      let worst = 0;
      for (let row = 0; row < rows; row++) {
        // The model's move sizes do not depend on the experience, so every row fits its pool.
        expect(plan.factored[row], `row ${row}`).toBe(1);
        const got = factoredOutcomes(plan, row);
        for (let k = 0; k < OUTCOMES; k++) worst = Math.max(worst, Math.abs((got[k] ?? 0) - (move[row * OUTCOMES + k] ?? 0)));
      }
      expect(worst).toBeLessThan(1e-12);
    });
  }

  it('a row whose sizes differ from its pool is drawn with the full table, and leaves the pool as it was', () => {
    // One segment; at score 5, two resolved classes (same pool) with different down sizes.
    const move = new Float64Array(SCORES * EXPERIENCES * OUTCOMES);
    const set = (s: number, e: number, probs: Record<number, number>): void => {
      for (const [k, p] of Object.entries(probs)) move[(s * EXPERIENCES + e) * OUTCOMES + Number(k)] = p;
    };
    const o = (d: number) => 1 + d + 3; // outcome of a move of d points
    for (let s = 0; s < SCORES; s++) for (let e = 0; e < EXPERIENCES; e++) set(s, e, { [o(0)]: 1 });
    const a = 2; // E_LOW_RESOLVED
    const b = 3; // E_MEDIUM_RESOLVED, same pool
    expect(poolOf(a)).toBe(poolOf(b));
    set(5, a, { [OUTCOME_CHURN]: 0.1, [o(-1)]: 0.2, [o(-2)]: 0.2, [o(0)]: 0.4, [o(1)]: 0.1 });
    set(5, b, { [OUTCOME_CHURN]: 0.1, [o(-1)]: 0.3, [o(-2)]: 0.1, [o(0)]: 0.4, [o(1)]: 0.1 });
    const plan = new MovePlan(move);
    expect(plan.factored[5 * EXPERIENCES + a]).toBe(1);
    expect(plan.factored[5 * EXPERIENCES + b]).toBe(0);
    const pool = 5 * POOLS + poolOf(a);
    expect(rowProbabilities(plan.down, pool).slice(0, DOWN_SIZES)).toEqual([0.5, 0.5, 0]);
    expect(rowProbabilities(plan.up, pool).slice(0, UP_SIZES)).toEqual([1, 0]);
    expect(rowProbabilities(plan.full, 5 * EXPERIENCES + b).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([0.1, 0, 0.1, 0.3, 0.4, 0.1, 0]);
    expect(DIRECTIONS).toBe(4);
  });

  it('a pool leads to the next pending state of the experiences in it', () => {
    for (let e = 0; e < EXPERIENCES; e++) expect(poolPending(poolOf(e))).toBe(NEXT_PENDING[e]);
  });
});
