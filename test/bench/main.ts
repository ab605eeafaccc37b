/**
 * `npm run bench`: the engines' speed on this machine, as a report (not a timed test).
 *  1. agent engine: customer-months per second on one core, default.yaml, baseline policy (after two
 *     warm-up runs);
 *  2. cohort engine: wall time of 1,000,000 customers x 60 months x 1,000 runs x all policies;
 *  3. expected engine: the same workload;
 *  4. the share of (2) and (3) spent in the closed-form CLV (mathjs's solve), and peak memory.
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
const { meanWorld } = await dist<typeof WorldModule>('scenario/world.js');
const { PolicyKernel, policyModel } = await dist<typeof KernelModule>('model/kernel.js');
const { simulatePolicy } = await dist<typeof SimulateModule>('engine/simulate.js');
const { agentPopulation } = await dist<typeof AgentModule>('engine/agent.js');
const { runMonteCarlo } = await dist<typeof MonteCarloModule>('engine/montecarlo.js');
const { closedForm } = await dist<typeof FundamentalModule>('engine/fundamental.js');
const { COL, METRIC_COUNT } = await dist<typeof MetricsModule>('engine/metrics.js');

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
  const m2 = policyModel(meanWorld(big), big.baseline);
  const kernels = new PolicyKernel(m2);
  for (let i = 0; i < 100; i++) closedForm(m2, false, kernels); // mathjs builds its functions on first use; then JIT warm-up
  const t0 = performance.now();
  for (let i = 0; i < 500; i++) closedForm(m2, false, kernels);
  const perCall = (performance.now() - t0) / 500;
  console.log(`4. closed-form CLV (mathjs sparse LU, all segments in one solve): ${perCall.toFixed(2)} ms per policy-run, ${((perCall * runs * P) / 1000 / workers).toFixed(2)} s of the wall times above`);
  console.log(`   peak memory (max RSS of the main thread's process): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

await main();
