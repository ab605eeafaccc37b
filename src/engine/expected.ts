/**
 * The `expected` engine: propagates the expected number of customers in every state (a mean-field
 * Markov chain) with the segment chains of `chain.ts`: x' = x Q, churned = x . churn. Exact in
 * expectation for the drawn world; its cost does not depend on the population. New customers
 * arrive at their mean rate.
 */
import { EXPERIENCES } from '../model/experience.js';
import type { MonthKernel, PolicyModel } from '../model/kernel.js';
import { PENDING, PENDING_NONE, SCORES, STATES_PER_SEGMENT, stateIndex } from '../model/state.js';
import { segmentChains, type SegmentChain } from './chain.js';
import type { Population, StepCounts } from './engine.js';
import { addAt } from './addAt.js';

export class ExpectedPopulation implements Population {
  private x: Float64Array;
  private next: Float64Array;
  private readonly G: number;
  private readonly risk: Float64Array;
  private chainsOf: MonthKernel | undefined;
  private chains: readonly SegmentChain[] = [];
  private readonly byPending = new Float64Array(PENDING);

  constructor(model: PolicyModel) {
    this.G = model.segments.length;
    this.x = new Float64Array(this.G * STATES_PER_SEGMENT);
    this.next = new Float64Array(this.x.length);
    this.risk = new Float64Array(this.G * PENDING);
    model.segments.forEach((seg, g) => {
      for (let s = 0; s < SCORES; s++) this.x[stateIndex(g, s, PENDING_NONE)] = seg.customers * (seg.initialScores[s] ?? 0);
    });
  }

  atRisk(): Float64Array {
    const { x, risk } = this;
    risk.fill(0);
    for (let g = 0; g < this.G; g++) {
      const base = g * STATES_PER_SEGMENT;
      for (let p = 0; p < PENDING; p++) {
        let sum = risk[g * PENDING + p] ?? 0;
        for (let s = 0; s < SCORES; s++) sum += x[base + s * PENDING + p] ?? 0;
        risk[g * PENDING + p] = sum;
      }
    }
    return risk;
  }

  step(k: MonthKernel, c: StepCounts): void {
    if (this.chainsOf !== k) {
      this.chains = segmentChains(k);
      this.chainsOf = k;
    }
    const { x, next, byPending } = this;
    const { start: cStart, end: cEnd, experiences } = c;
    const exp = k.exp;
    next.fill(0);
    let churned = 0;
    for (let g = 0; g < this.G; g++) {
      const { start, cols, probs, churn } = this.chains[g] as SegmentChain;
      const base = g * STATES_PER_SEGMENT;
      byPending.fill(0);
      for (let i = 0; i < STATES_PER_SEGMENT; i++) {
        const n = x[base + i] ?? 0;
        if (n === 0) continue;
        const gs = g * SCORES + ((i / PENDING) | 0);
        cStart[gs] = (cStart[gs] ?? 0) + n;
        const p = i % PENDING;
        byPending[p] = (byPending[p] ?? 0) + n;
        churned += n * (churn[i] ?? 0);
        const end = start[i + 1] ?? 0;
        for (let j = start[i] ?? 0; j < end; j++) {
          const to = base + (cols[j] ?? 0);
          next[to] = (next[to] ?? 0) + n * (probs[j] ?? 0);
        }
      }
      for (let p = 0; p < PENDING; p++) {
        const row = (g * PENDING + p) * EXPERIENCES;
        const n = byPending[p] ?? 0;
        for (let e = 0; e < EXPERIENCES; e++) experiences[row + e] = (experiences[row + e] ?? 0) + n * (exp[row + e] ?? 0);
      }
      for (let i = 0; i < STATES_PER_SEGMENT; i++) {
        const gs = g * SCORES + ((i / PENDING) | 0);
        cEnd[gs] = (cEnd[gs] ?? 0) + (next[base + i] ?? 0);
      }
    }
    c.churned = churned;
    this.next = x;
    this.x = next;
  }

  acquire(g: number, mean: number, scores: Float64Array, end: Float64Array): number {
    for (let s = 0; s < SCORES; s++) {
      const n = mean * (scores[s] ?? 0);
      addAt(this.x, stateIndex(g, s, PENDING_NONE), n);
      addAt(end, g * SCORES + s, n);
    }
    return mean;
  }
}

/** The expected engine's population factory. */
export const expectedPopulation = (model: PolicyModel): Population => new ExpectedPopulation(model);
