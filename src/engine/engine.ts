/**
 * The contract between the time loop (`simulate.ts`) and an engine: how a population is stored,
 * moved through one month's kernel and topped up with new customers.
 */
import type { MonthKernel, PolicyModel } from '../model/kernel.js';

/** Counts an engine fills in during one month's step. */
export interface StepCounts {
  /** Active at the start, by (g, s). */
  readonly start: Float64Array;
  /** Survivors at the end by (g, s); new customers are added by `acquire`. */
  readonly end: Float64Array;
  /** Customers by (g, p, e). */
  readonly experiences: Float64Array;
  churned: number;
}

/** One engine's population for one (run, policy). */
export interface Population {
  /** Customers at risk by (g, p), as the kernel wants them for waits: `[g * PENDING + p]`. */
  atRisk(): Float64Array;
  /** Moves the population through one month; `discount` is the month's discount factor. */
  step(k: MonthKernel, counts: StepCounts, discount: number): void;
  /**
   * Adds the month's new customers of segment g (mean `mean`, scores by `scores`), adding them to
   * `end`; returns how many joined.
   */
  acquire(g: number, mean: number, scores: Float64Array, end: Float64Array): number;
  /** Called once after the last month (the agent engine summarises per-customer values). */
  finish?(): PerCustomerSummary | undefined;
}

/** Percentiles of a per-customer quantity (the agent engine's CLV distribution). */
export interface PerCustomerSummary {
  /** Discounted net contribution over the horizon per initial customer: mean and P5..P95. */
  readonly horizonValue: { mean: number; p5: number; p25: number; p50: number; p75: number; p95: number };
}

/** The engines. */
export type EngineKind = 'expected' | 'cohort' | 'agent';

/** Makes a population for one (run, policy); `seed` names the run's engine stream. */
export type PopulationFactory = (model: PolicyModel, seed: number) => Population;
