/**
 * The Monte Carlo driver: splits the runs into batches, runs them in this thread (one worker) or on
 * a piscina pool of worker threads, and assembles the batches by run index, so the result is the
 * same whatever the number of workers and whichever batch finishes first.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { Scenario } from '../scenario/schema.js';
import { latinHypercube } from '../random/lhs.js';
import { uncertainInputs } from '../scenario/world.js';
import type { EngineKind } from './engine.js';
import { METRIC_COUNT } from './metrics.js';
import { simulateRuns, type RunBatch } from './runs.js';

/** All runs of a scenario, assembled. Same layout as a batch with from = 0, to = runs. */
export type MonteCarlo = RunBatch;

/** How the worlds' inputs are drawn: independently per run, or as a Latin Hypercube. */
export type Sampling = 'random' | 'lhs';

export interface MonteCarloOptions {
  readonly engine: EngineKind;
  /** Worker threads (1 = in this thread). */
  readonly workers: number;
  /** Called with (runs done, runs in all) as batches finish. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Default `random`: each run draws its world from its own named streams. */
  readonly sampling?: Sampling;
  /**
   * Latin Hypercube only: runs per hypercube (default: all the runs of `runMonteCarlo`, one
   * hypercube). Adaptive runs (`--precision`) add whole blocks, each a hypercube of its own.
   */
  readonly lhsBlock?: number;
  /**
   * Worker threads to run on (from `workerPool`), shared with other Monte Carlos and left open;
   * default: a pool of `workers` threads of this Monte Carlo's own, closed with it. A sweep runs
   * one Monte Carlo per point on one pool instead of starting threads for each (0.4-0.5 s a time).
   */
  readonly pool?: Piscina;
}

/** A pool of `workers` worker threads for `MonteCarloOptions.pool`; the caller destroys it. */
export function workerPool(workers: number): Piscina {
  return new Piscina({ filename: workerFile(), minThreads: workers, maxThreads: workers, execArgv: workerExecArgv(process.execArgv) });
}

/** The compiled worker: next to this module, or under dist/ when running from the TypeScript source. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return path.join(path.dirname(here), 'worker.js');
  return path.resolve(path.dirname(here), '../../dist/engine/worker.js');
}

/** Node flags that preload code or install module loaders (`--import x` or `--import=x`). */
const LOADER_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/**
 * Node flags for the worker threads: this process's, without preloads and module loaders. The
 * workers run the compiled `worker.js` and never need a TypeScript loader; tsx's (when the caller
 * runs under tsx, as `npm run bench` does) starts an esbuild service in every worker and about
 * halved the workers' throughput.
 */
export function workerExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    if (LOADER_FLAGS.has(eq >= 0 ? arg.slice(0, eq) : arg)) {
      if (eq < 0) i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

function batches(start: number, runs: number, workers: number): [number, number][] {
  const size = Math.max(1, Math.min(50, Math.ceil((runs - start) / (workers * 8))));
  const out: [number, number][] = [];
  for (let from = start; from < runs; from += size) out.push([from, Math.min(runs, from + size)]);
  return out;
}

/** Runs every Monte Carlo run of the scenario. */
export async function runMonteCarlo(scenario: Scenario, opts: MonteCarloOptions): Promise<MonteCarlo> {
  const session = openMonteCarlo(scenario, { ...opts, lhsBlock: opts.lhsBlock ?? scenario.runs });
  try {
    return await session.extend(scenario.runs);
  } finally {
    await session.close();
  }
}

/**
 * A Monte Carlo that can grow: `extend(n)` simulates runs [runs so far, n) and returns runs
 * [0, n) assembled. Runs depend only on the scenario, the run index (and the LHS block), so
 * growing in steps gives the same runs as one call. One worker pool serves every step.
 */
export interface MonteCarloSession {
  extend(runs: number): Promise<MonteCarlo>;
  close(): Promise<void>;
}

export function openMonteCarlo(scenario: Scenario, opts: MonteCarloOptions): MonteCarloSession {
  const P = Object.keys(scenario.policies).length;
  const T = scenario.horizonMonths;
  const inputList = uncertainInputs(scenario);
  const I = inputList.length;
  const lhs = opts.sampling === 'lhs';
  const block = opts.lhsBlock ?? scenario.runs;
  let all: MonteCarlo = { from: 0, to: 0, metrics: new Float64Array(0), clv: new Float64Array(0), inputs: new Float64Array(0) };
  if (opts.engine === 'agent') all = { ...all, perCustomer: new Float64Array(0) };
  let pool: Piscina | undefined;
  const grow = (a: Float64Array, n: number): Float64Array => {
    const b = new Float64Array(n);
    b.set(a);
    return b;
  };
  return {
    async extend(runs: number): Promise<MonteCarlo> {
      const start = all.to;
      if (runs <= start) return all;
      const next = {
        metrics: grow(all.metrics, runs * P * T * METRIC_COUNT),
        clv: grow(all.clv, runs * P),
        inputs: grow(all.inputs, runs * I),
        perCustomer: all.perCustomer ? grow(all.perCustomer, runs * P * 6) : undefined,
      };
      let done = start;
      const place = (b: RunBatch): void => {
        next.metrics.set(b.metrics, b.from * P * T * METRIC_COUNT);
        next.clv.set(b.clv, b.from * P);
        next.inputs.set(b.inputs, b.from * I);
        if (next.perCustomer && b.perCustomer) next.perCustomer.set(b.perCustomer, b.from * P * 6);
        done += b.to - b.from;
        opts.onProgress?.(done, runs);
      };
      const design = lhs ? latinHypercube(inputList, scenario.seed, start, runs, block) : undefined;
      const task = (from: number, to: number) => {
        const base = { scenario, engine: opts.engine, from, to };
        return design ? { ...base, inputValues: design.slice((from - start) * I, (to - start) * I) } : base;
      };
      const work = batches(start, runs, opts.workers);
      if (opts.workers <= 1) {
        for (const [from, to] of work) place(simulateRuns(task(from, to)));
      } else {
        const p = opts.pool ?? (pool ??= workerPool(opts.workers));
        await Promise.all(work.map(async ([from, to]) => place((await p.run(task(from, to))) as RunBatch)));
      }
      const { perCustomer, ...rest } = next;
      all = perCustomer ? { from: 0, to: runs, ...rest, perCustomer } : { from: 0, to: runs, ...rest };
      return all;
    },
    async close(): Promise<void> {
      await pool?.destroy();
      pool = undefined;
    },
  };
}
