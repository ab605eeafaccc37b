/**
 * `npm run bench`: the engines' speed on this machine, as a report (not a timed test).
 *  1. agent engine: customer-months per second on one core, default.yaml, baseline policy (after two
 *     warm-up runs);
 *  2. cohort engine: wall time of 1,000,000 customers x 60 months x 1,000 runs x all policies;
 *  3. expected engine: the same workload;
 *  4. the share of (2) and (3) spent in the closed-form CLV (mathjs's solve, over drawn worlds), and peak memory;
 *  5. the floors under (2) and (3): what their workloads cost before the rest of the engine does
 *     anything. Cohort: the binomial draws alone, recorded from real policy-runs and replayed.
 *     Expected: the worker pool's start plus (4).
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ScenarioFile from '../../src/io/scenarioFile.js';
import type * as WorldModule from '../../src/scenario/world.js';
import type * as KernelModule from '../../src/model/kernel.js';
import type * as SimulateModule from '../../src/engine/simulate.js';
import type * as AgentModule from '../../src/engine/agent.js';
import type * as MonteCarloModule from '../../src/engine/montecarlo.js';
import type * as FundamentalModule from '../../src/engine/fundamental.js';
import type * as MetricsModule from '../../src/engine/metrics.js';
import type * as RunsModule from '../../src/engine/runs.js';
import type * as BinomialModule from '../../src/random/samplers/binomial.js';
import type * as TycheiModule from '../../src/random/tychei.js';
import type { Scenario } from '../../src/scenario/schema.js';

/**
 * The compiled module `rel` under dist/, typed as its source: the bench times the code `npm start`
 * runs. `npm run bench` builds dist/, compiles this file with tsconfig.bench.json and runs it with
 * plain node, from the package root. (Run under tsx, with its loader and esbuild service in the
 * process, the agent engine was slower in three of four alternating pairs: medians 15-23 M
 * customer-months/s against 21-24 M with plain node.)
 */
async function dist<T>(rel: string): Promise<T> {
  return (await import(pathToFileURL(path.resolve('dist', rel)).href)) as T;
}
const { loadScenario } = await dist<typeof ScenarioFile>('io/scenarioFile.js');
const { drawWorld, meanWorld } = await dist<typeof WorldModule>('scenario/world.js');
const { PolicyKernel, policyModel, worldSegments } = await dist<typeof KernelModule>('model/kernel.js');
const { simulatePolicy } = await dist<typeof SimulateModule>('engine/simulate.js');
const { agentPopulation } = await dist<typeof AgentModule>('engine/agent.js');
const { runMonteCarlo, workerPool } = await dist<typeof MonteCarloModule>('engine/montecarlo.js');
const { closedForm } = await dist<typeof FundamentalModule>('engine/fundamental.js');
const { COL, METRIC_COUNT } = await dist<typeof MetricsModule>('engine/metrics.js');
const { simulateRuns } = await dist<typeof RunsModule>('engine/runs.js');
const { BinomialSampler, BinomialProbabilities } = await dist<typeof BinomialModule>('random/samplers/binomial.js');
const { Tychei } = await dist<typeof TycheiModule>('random/tychei.js');

function load(sets: string[]): Scenario {
  const r = loadScenario('scenarios/default.yaml', sets);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.scenario;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const workers = Number(process.env['BENCH_WORKERS'] ?? os.availableParallelism());
  const runs = Number(process.env['BENCH_RUNS'] ?? 1000);
  console.log(`servicecast bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${workers} workers`);

  // 1. agent engine, one core
  const sc = load([]);
  const world = meanWorld(sc);
  const model = policyModel(world, sc.baseline);
  const rates: number[] = [];
  // Reps -2 and -1 warm the JIT up and are not counted: a Monte Carlo of many runs spends all but
  // its first few in optimised code (the first two ran at about 55-85% of the later ones' speed).
  for (let rep = -2; rep < 7; rep++) {
    const t0 = performance.now();
    const run = simulatePolicy(model, agentPopulation, 1000 + rep);
    const ms = performance.now() - t0;
    let cm = 0;
    for (let t = 1; t <= model.horizon; t++) cm += (run.metrics[(t - 1) * METRIC_COUNT + COL.active] ?? 0) - (run.metrics[(t - 1) * METRIC_COUNT + COL.new] ?? 0) + (run.metrics[(t - 1) * METRIC_COUNT + COL.churned] ?? 0);
    if (rep >= 0) rates.push(cm / (ms / 1000));
  }
  console.log(`1. agent engine: ${(median(rates) / 1e6).toFixed(1)} M customer-months/s on one core (median of 7 runs after two warm-up runs; default.yaml, ${sc.baseline}; set-up and per-customer summary included)`);

  // 2-3. cohort and expected engines: 1,000,000 customers x 60 months x runs x policies
  const segs = Object.entries(sc.segments);
  const total = segs.reduce((a, [, s]) => a + s.customers, 0);
  const scale = segs.map(([k, s]) => `segments.${k}.customers=${Math.round((s.customers * 1_000_000) / total)}`);
  const big = load([...scale, 'horizonMonths=60', `runs=${runs}`]);
  const P = Object.keys(big.policies).length;
  for (const engine of ['cohort', 'expected'] as const) {
    const t0 = performance.now();
    await runMonteCarlo(big, { engine, workers });
    const s = (performance.now() - t0) / 1000;
    console.log(`${engine === 'cohort' ? 2 : 3}. ${engine} engine: ${s.toFixed(2)} s wall for 1,000,000 customers x 60 months x ${runs} runs x ${P} policies (${workers} workers)`);
  }
  // 4. the closed forms' share. runs.ts takes them with the simulation's kernel builder, whose
  // segment chains are already built (and memoised): what they add is mathjs's solve.
  const solve = solveOverWorlds(big);
  const solveSeconds = (solve * runs * P) / 1000 / workers;
  console.log(`4. closed-form CLV (mathjs sparse LU, all segments in one solve): ${solve.toFixed(2)} ms per policy-run over drawn worlds, ${solveSeconds.toFixed(2)} s of the wall times above`);
  console.log(`   peak memory (max RSS of the main thread's process): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

  // 5. floors, with a perfect speed-up over the workers assumed (two workers give 1.6-1.8x here).
  const cohortFloor = drawsFloor(big, P, runs, workers);
  console.log(
    `5. cohort floor: ${fmt(cohortFloor.perRun)} binomial draws per policy-run (recorded), replayed alone at ${cohortFloor.ns.toFixed(1)} ns each:` +
      ` ${cohortFloor.seconds.toFixed(2)} s for ${runs} runs x ${P} policies on ${workers} workers, before any other work`,
  );
  const start = await poolStart(workers);
  console.log(
    `   expected floor: worker pool start ${start.toFixed(2)} s + mathjs solve ${solve.toFixed(2)} ms per policy-run over drawn worlds` +
      ` (${solveSeconds.toFixed(2)} s on ${workers} workers) = ${(start + solveSeconds).toFixed(2)} s before any month is simulated`,
  );
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

/**
 * The cohort workload's binomial draws alone: every draw (n, p) of 2 runs x all policies, recorded
 * by wrapping the sampler's methods, then replayed with `samplePrepared` (p's quantities computed
 * beforehand, as the engine's multinomial plans do) on this thread. Returns draws per policy-run,
 * the median cost of a draw over 5 replays (ns) and the workload's seconds at that cost.
 */
function drawsFloor(scenario: Scenario, P: number, runs: number, workers: number): { perRun: number; ns: number; seconds: number } {
  const n: number[] = [];
  const p: number[] = [];
  const proto = BinomialSampler.prototype;
  const { sample, samplePrepared } = proto;
  let inside = 0; // a draw for p > 0.5 calls `sample` again: count it once
  proto.sample = function (this: InstanceType<typeof BinomialSampler>, k: number, q: number): number {
    if (inside === 0) {
      n.push(k);
      p.push(q);
    }
    inside++;
    try {
      return sample.call(this, k, q);
    } finally {
      inside--;
    }
  };
  proto.samplePrepared = function (this: InstanceType<typeof BinomialSampler>, k: number, table: InstanceType<typeof BinomialProbabilities>, i: number): number {
    n.push(k);
    p.push(table.p(i));
    return samplePrepared.call(this, k, table, i);
  };
  const recorded = 2;
  try {
    simulateRuns({ scenario, engine: 'cohort', from: 0, to: recorded });
  } finally {
    proto.sample = sample;
    proto.samplePrepared = samplePrepared;
  }
  const N = n.length;
  const table = new BinomialProbabilities(N);
  p.forEach((q, i) => table.set(i, q));
  const counts = Float64Array.from(n);
  const sampler = new BinomialSampler(Tychei.fromSeed(1));
  const ns: number[] = [];
  let sink = 0;
  for (let rep = 0; rep < 6; rep++) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) sink += sampler.samplePrepared(counts[i] ?? 0, table, i);
    if (rep > 0) ns.push(((performance.now() - t0) * 1e6) / N);
  }
  if (!(sink > 0)) throw new Error('the replayed draws summed to nothing');
  const perRun = N / (recorded * P);
  const each = median(ns);
  return { perRun, ns: each, seconds: (perRun * each * runs * P) / 1e9 / workers };
}

/** Seconds for a new pool of `workers` threads to answer one empty batch each (threads started, engines and mathjs loaded). */
async function poolStart(workers: number): Promise<number> {
  const sc = load(['runs=1']);
  const t0 = performance.now();
  const pool = workerPool(workers);
  await Promise.all(Array.from({ length: workers }, () => pool.run({ scenario: sc, engine: 'expected', from: 0, to: 0 })));
  const s = (performance.now() - t0) / 1000;
  await pool.destroy();
  return s;
}

/**
 * mathjs's solve of the closed forms per policy-run (ms), over 300 drawn worlds x all policies,
 * after one untimed pass over the same worlds (mathjs builds its functions on first use; JIT
 * warm-up). Each closed form is taken twice and only the second is timed: the first builds the
 * steady kernel and its chains (memoised), as the simulation has built them in a run.
 */
function solveOverWorlds(scenario: Scenario): number {
  const keys = Object.keys(scenario.policies);
  const worlds = 300;
  let ms = 0;
  for (let pass = 0; pass < 2; pass++) {
    ms = 0;
    for (let r = 0; r < worlds; r++) {
      const world = drawWorld(scenario, r);
      const segments = worldSegments(world);
      for (const key of keys) {
        const model = policyModel(world, key, segments);
        const kernels = new PolicyKernel(model);
        closedForm(model, false, kernels);
        const t0 = performance.now();
        closedForm(model, false, kernels);
        ms += performance.now() - t0;
      }
    }
  }
  return ms / (worlds * keys.length);
}

await main();
