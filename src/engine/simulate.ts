/**
 * The time loop every engine shares (the engine owns time, as in Mesa): build the month's kernel,
 * step the population, add new customers from word of mouth, record the metrics.
 */
import { PolicyKernel, type PolicyModel } from '../model/kernel.js';
import { EXPERIENCES } from '../model/experience.js';
import { PENDING, SCORES } from '../model/state.js';
import { acquisitionMean } from '../model/wordOfMouth.js';
import type { PerCustomerSummary, PopulationFactory, StepCounts } from './engine.js';
import { METRIC_COUNT, recordMonth, wordOfMouthCounts } from './metrics.js';

/** One policy simulated in one world. */
export interface PolicyRun {
  /** Metrics by month: `[(t - 1) * METRIC_COUNT + column]`, t = 1..horizon. */
  readonly metrics: Float64Array;
  readonly perCustomer?: PerCustomerSummary;
}

/**
 * Simulates one policy in one world with the given engine. `kernels` may be passed to share the
 * policy's kernel builder with the closed forms (`closedForm`); its caches are pure, so the result
 * is the same either way.
 */
export function simulatePolicy(model: PolicyModel, make: PopulationFactory, seed: number, kernels: PolicyKernel = new PolicyKernel(model)): PolicyRun {
  const G = model.segments.length;
  const T = model.horizon;
  const metrics = new Float64Array(T * METRIC_COUNT);
  const population = make(model, seed);
  const counts: StepCounts & { newCustomers: number } = {
    start: new Float64Array(G * SCORES),
    end: new Float64Array(G * SCORES),
    experiences: new Float64Array(G * PENDING * EXPERIENCES),
    churned: 0,
    newCustomers: 0,
  };
  const { wordOfMouth } = model.world;
  let discount = 1;
  for (let t = 1; t <= T; t++) {
    const k = kernels.month(t, population.atRisk());
    counts.start.fill(0);
    counts.end.fill(0);
    counts.experiences.fill(0);
    counts.churned = 0;
    discount /= 1 + model.monthlyDiscount;
    population.step(k, counts, discount);
    let joined = 0;
    for (let g = 0; g < G; g++) {
      const seg = model.segments[g];
      if (!seg) continue;
      const w = wordOfMouthCounts(counts.experiences, counts.start, g);
      const mean = acquisitionMean(wordOfMouth, seg.acquisitionPerMonth, w.promoters, w.good, w.bad);
      joined += population.acquire(g, mean, seg.newCustomerScores, counts.end);
    }
    counts.newCustomers = joined;
    recordMonth(metrics, t, k, counts, discount);
  }
  const perCustomer = population.finish?.();
  return perCustomer ? { metrics, perCustomer } : { metrics };
}
