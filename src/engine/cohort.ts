/**
 * The `cohort` engine: customers in the same state are exchangeable, so it samples how many take
 * each branch with binomial and multinomial draws. Its noise is exactly that of simulating every
 * customer, at a cost that does not grow with the population.
 *
 * Each month: (A) per state (g, s, p), a multinomial over experience classes; (B) per (g, s, e),
 * pooled over p, a multinomial over {churn, score moves}; (C) per (g, s'), a binomial for the
 * follow-on issues of resolved customers who stay. New customers: Poisson, then a multinomial over
 * scores.
 */
import { EXPERIENCES } from '../model/experience.js';
import { OUTCOMES, OUTCOME_CHURN, outcomeDelta, type MonthKernel, type PolicyModel } from '../model/kernel.js';
import { clampScore } from '../model/response.js';
import { PENDING, PENDING_FOLLOW_ON, PENDING_NONE, SCORES, stateIndex } from '../model/state.js';
import { BinomialSampler } from '../random/samplers/binomial.js';
import { MultinomialPlan, sampleMultinomial } from '../random/samplers/multinomial.js';
import { PoissonSampler } from '../random/samplers/poisson.js';
import { Tychei } from '../random/tychei.js';
import type { Population, StepCounts } from './engine.js';
import { NEXT_PENDING } from './transitions.js';
import { DIR_CHURN, DIR_DOWN, DIR_STAY, DIR_UP, DOWN_SIZES, MovePlan, POOLS, UP_SIZES, poolIndex, poolOf, poolPending } from './movePlan.js';

/** Move plans of the kernels' move tables (a memo: tables are never modified once built). */
const movePlans = new WeakMap<Float64Array, MovePlan>();

function movePlanOf(move: Float64Array): MovePlan {
  let plan = movePlans.get(move);
  if (!plan) {
    plan = new MovePlan(move);
    movePlans.set(move, plan);
  }
  return plan;
}

/** Multinomial plans of the kernels' tables, by table (a memo: tables are never modified once built). */
const plans = new WeakMap<Float64Array, MultinomialPlan>();

/** The plan of a table of rows of `width` probabilities. */
function planOf(table: Float64Array, width: number): MultinomialPlan {
  let plan = plans.get(table);
  if (!plan || plan.width !== width) {
    plan = new MultinomialPlan(table, width);
    plans.set(table, plan);
  }
  return plan;
}

export class CohortPopulation implements Population {
  private x: Float64Array;
  private next: Float64Array;
  private readonly G: number;
  private readonly risk: Float64Array;
  /** Customers by (g, s, e) after stage A. */
  private readonly byExperience: Float64Array;
  /** Resolved customers who stayed, by (g, s'), awaiting the follow-on draw. */
  private readonly resolvedStay: Float64Array;
  private readonly draws: Float64Array = new Float64Array(Math.max(EXPERIENCES, OUTCOMES, SCORES));
  /** Customers of the (g, s) being moved who went down, and up, by pool (`MovePlan`). */
  private readonly poolDown = new Float64Array(POOLS);
  private readonly poolUp = new Float64Array(POOLS);
  /** The month's end counts by (g, s), while `step` runs. */
  private endCounts: Float64Array = new Float64Array(0);
  private readonly binomial: BinomialSampler;
  private readonly poisson: PoissonSampler;

  constructor(model: PolicyModel, seed: number) {
    const rng = Tychei.fromSeed(seed);
    this.binomial = new BinomialSampler(rng);
    this.poisson = new PoissonSampler(rng);
    this.G = model.segments.length;
    this.x = new Float64Array(this.G * SCORES * PENDING);
    this.next = new Float64Array(this.x.length);
    this.risk = new Float64Array(this.G * PENDING);
    this.byExperience = new Float64Array(this.G * SCORES * EXPERIENCES);
    this.resolvedStay = new Float64Array(this.G * SCORES);
    model.segments.forEach((seg, g) => {
      sampleMultinomial(this.binomial, seg.customers, seg.initialScores, 0, SCORES, this.draws, 0);
      for (let s = 0; s < SCORES; s++) this.x[stateIndex(g, s, PENDING_NONE)] = this.draws[s] ?? 0;
    });
  }

  atRisk(): Float64Array {
    this.risk.fill(0);
    for (let g = 0; g < this.G; g++)
      for (let s = 0; s < SCORES; s++)
        for (let p = 0; p < PENDING; p++) this.risk[g * PENDING + p] = (this.risk[g * PENDING + p] ?? 0) + (this.x[stateIndex(g, s, p)] ?? 0);
    return this.risk;
  }

  step(k: MonthKernel, c: StepCounts): void {
    const { x, next, draws, byExperience, resolvedStay, binomial, G } = this;
    const expPlan = planOf(k.exp, EXPERIENCES);
    const plan = movePlanOf(k.move);
    const { start, experiences } = c;
    this.endCounts = c.end;
    const { poolDown, poolUp } = this;
    next.fill(0);
    byExperience.fill(0);
    resolvedStay.fill(0);
    let churned = 0;
    for (let g = 0; g < G; g++) {
      // (A) experiences: per state (g, s, p), Multinomial(n, P(e | g, p)).
      for (let s = 0; s < SCORES; s++) {
        const gs = g * SCORES + s;
        for (let p = 0; p < PENDING; p++) {
          const n = x[stateIndex(g, s, p)] ?? 0;
          if (n === 0) continue;
          start[gs] = (start[gs] ?? 0) + n;
          const row = g * PENDING + p;
          expPlan.sample(binomial, n, row, draws, 0);
          for (let e = 0; e < EXPERIENCES; e++) {
            const ne = draws[e] ?? 0;
            if (ne === 0) continue;
            experiences[row * EXPERIENCES + e] = (experiences[row * EXPERIENCES + e] ?? 0) + ne;
            byExperience[gs * EXPERIENCES + e] = (byExperience[gs * EXPERIENCES + e] ?? 0) + ne;
          }
        }
      }
      // (B) churn and score moves: per (g, s, e), pooled over p. Factored rows (see `MovePlan`):
      // Multinomial(n; churn, down, stay, up), then the sizes of the pooled down and up moves;
      // other rows: Multinomial(n, P(outcome | g, s, e)).
      for (let s = 0; s < SCORES; s++) {
        poolDown.fill(0);
        poolUp.fill(0);
        for (let e = 0; e < EXPERIENCES; e++) {
          const row = (g * SCORES + s) * EXPERIENCES + e;
          const n = byExperience[row] ?? 0;
          if (n === 0) continue;
          const fixed = NEXT_PENDING[e] ?? 0;
          if (plan.factored[row] === 1) {
            plan.direction.sample(binomial, n, row, draws, 0);
            churned += draws[DIR_CHURN] ?? 0;
            this.settle(g, s, fixed, draws[DIR_STAY] ?? 0);
            const pool = poolOf(e);
            poolDown[pool] = (poolDown[pool] ?? 0) + (draws[DIR_DOWN] ?? 0);
            poolUp[pool] = (poolUp[pool] ?? 0) + (draws[DIR_UP] ?? 0);
            continue;
          }
          plan.full.sample(binomial, n, row, draws, 0);
          churned += draws[OUTCOME_CHURN] ?? 0;
          for (let o = 1; o < OUTCOMES; o++) this.settle(g, clampScore(s + outcomeDelta(o)), fixed, draws[o] ?? 0);
        }
        for (let pool = 0; pool < POOLS; pool++) {
          const fixed = poolPending(pool);
          const down = poolDown[pool] ?? 0;
          if (down > 0) {
            plan.down.sample(binomial, down, poolIndex(g, s, pool), draws, 0);
            for (let k = 0; k < DOWN_SIZES; k++) this.settle(g, clampScore(s - 1 - k), fixed, draws[k] ?? 0);
          }
          const up = poolUp[pool] ?? 0;
          if (up > 0) {
            plan.up.sample(binomial, up, poolIndex(g, s, pool), draws, 0);
            for (let k = 0; k < UP_SIZES; k++) this.settle(g, clampScore(s + 1 + k), fixed, draws[k] ?? 0);
          }
        }
      }
      // (C) follow-on issues of resolved customers who stay
      const f = k.followOn[g] ?? 0;
      for (let s = 0; s < SCORES; s++) {
        const n = resolvedStay[g * SCORES + s] ?? 0;
        if (n === 0) continue;
        const withFollowOn = binomial.sample(n, f);
        next[stateIndex(g, s, PENDING_FOLLOW_ON)] = (next[stateIndex(g, s, PENDING_FOLLOW_ON)] ?? 0) + withFollowOn;
        next[stateIndex(g, s, PENDING_NONE)] = (next[stateIndex(g, s, PENDING_NONE)] ?? 0) + n - withFollowOn;
      }
    }
    c.churned = churned;
    this.next = x;
    this.x = next;
  }

  /**
   * Places m customers of segment g who stay with new score s2 and next pending `fixed`
   * (`NEXT_PENDING`; -1: resolved, awaiting the follow-on draw), counting them at the month's end.
   */
  private settle(g: number, s2: number, fixed: number, m: number): void {
    if (m === 0) return;
    const gs = g * SCORES + s2;
    this.endCounts[gs] = (this.endCounts[gs] ?? 0) + m;
    if (fixed >= 0) this.next[stateIndex(g, s2, fixed)] = (this.next[stateIndex(g, s2, fixed)] ?? 0) + m;
    else this.resolvedStay[gs] = (this.resolvedStay[gs] ?? 0) + m;
  }

  acquire(g: number, mean: number, scores: Float64Array, end: Float64Array): number {
    const n = this.poisson.sample(mean);
    if (n === 0) return 0;
    sampleMultinomial(this.binomial, n, scores, 0, SCORES, this.draws, 0);
    for (let s = 0; s < SCORES; s++) {
      const m = this.draws[s] ?? 0;
      this.x[stateIndex(g, s, PENDING_NONE)] = (this.x[stateIndex(g, s, PENDING_NONE)] ?? 0) + m;
      end[g * SCORES + s] = (end[g * SCORES + s] ?? 0) + m;
    }
    return n;
  }
}

/** The cohort engine's population factory. */
export const cohortPopulation = (model: PolicyModel, seed: number): Population => new CohortPopulation(model, seed);
