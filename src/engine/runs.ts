/**
 * Monte Carlo runs: each run draws one world (one value per uncertain input) and simulates every
 * policy in it with the same engine seed, so differences between policies are paired (common
 * random numbers). A batch of runs is what a worker does; its result depends only on the scenario
 * and the run indices, never on the worker.
 */
import type { Scenario } from '../scenario/schema.js';
import { drawWorld, uncertainInputs } from '../scenario/world.js';
import { PolicyKernel, policyModel, worldSegments } from '../model/kernel.js';
import { deriveSeed } from '../random/streams.js';
import type { EngineKind } from './engine.js';
import { POPULATIONS } from './choose.js';
import { closedForm } from './fundamental.js';
import { METRIC_COUNT } from './metrics.js';
import { simulatePolicy } from './simulate.js';

/** What a batch of runs [from, to) returns; arrays are laid out run-major. */
export interface RunBatch {
  readonly from: number;
  readonly to: number;
  /** `[((r - from) * P + policy) * T * METRIC_COUNT + (t - 1) * METRIC_COUNT + column]`. */
  readonly metrics: Float64Array;
  /** CLV per customer, `[(r - from) * P + policy]` (currency). */
  readonly clv: Float64Array;
  /** Drawn value of each uncertain input, `[(r - from) * I + input]`. */
  readonly inputs: Float64Array;
  /** Agent engine only: mean and P5..P95 of per-customer horizon value, `[(r - from) * P + policy) * 6 + j]`. */
  readonly perCustomer?: Float64Array;
}

/** A batch of work for a worker. */
export interface RunTask {
  readonly scenario: Scenario;
  readonly engine: EngineKind;
  readonly from: number;
  readonly to: number;
  /**
   * Values of the uncertain inputs for runs [from, to), `[(r - from) * I + input]`, when they are
   * not drawn at random (Latin Hypercube sampling); absent: each run draws its own world.
   */
  readonly inputValues?: Float64Array;
}

/** Simulates runs [from, to) of the scenario with the given engine. */
export function simulateRuns(task: RunTask): RunBatch {
  const { scenario, engine, from, to } = task;
  const keys = Object.keys(scenario.policies);
  const P = keys.length;
  const T = scenario.horizonMonths;
  const inputs = uncertainInputs(scenario);
  const I = inputs.length;
  const n = to - from;
  const metrics = new Float64Array(n * P * T * METRIC_COUNT);
  const clv = new Float64Array(n * P);
  const drawn = new Float64Array(n * I);
  const perCustomer = engine === 'agent' ? new Float64Array(n * P * 6) : undefined;
  const make = POPULATIONS[engine];
  for (let r = from; r < to; r++) {
    const world = drawWorld(scenario, r, task.inputValues && designRow(inputs, task.inputValues, r - from));
    inputs.forEach((inp, i) => (drawn[(r - from) * I + i] = valueAt(world, inp.path)));
    const segments = worldSegments(world);
    const seed = deriveSeed(scenario.seed, 'engine', r);
    keys.forEach((key, p) => {
      const model = policyModel(world, key, segments);
      const kernels = new PolicyKernel(model);
      const run = simulatePolicy(model, make, seed, kernels);
      metrics.set(run.metrics, ((r - from) * P + p) * T * METRIC_COUNT);
      clv[(r - from) * P + p] = closedForm(model, false, kernels).clv;
      const pc = run.perCustomer?.horizonValue;
      if (perCustomer && pc) perCustomer.set([pc.mean, pc.p5, pc.p25, pc.p50, pc.p75, pc.p95], ((r - from) * P + p) * 6);
    });
  }
  return perCustomer ? { from, to, metrics, clv, inputs: drawn, perCustomer } : { from, to, metrics, clv, inputs: drawn };
}

/** Row k of a design, as overrides by input path. */
function designRow(inputs: readonly { path: string }[], values: Float64Array, k: number): Map<string, number> {
  const I = inputs.length;
  return new Map(inputs.map((inp, i) => [inp.path, values[k * I + i] ?? Number.NaN]));
}

/** The number at a dotted path of a drawn world. */
function valueAt(world: unknown, path: string): number {
  let node: unknown = world;
  for (const key of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'number' ? node : Number.NaN;
}
