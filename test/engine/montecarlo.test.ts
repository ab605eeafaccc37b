import { describe, expect, it } from 'vitest';
import { Scenario } from '../../src/scenario/schema.js';
import { runMonteCarlo, workerExecArgv, workerPool } from '../../src/engine/montecarlo.js';
import { aggregate } from '../../src/forecast/aggregate.js';
import { forecastCsv, summaryCsv } from '../../src/report/csv.js';
import { forecastJson } from '../../src/report/json.js';
import type { EngineKind } from '../../src/engine/engine.js';

const scenario = Scenario.parse({
  baseline: 'exceed',
  horizonMonths: 12,
  runs: 24,
  seed: 7,
  segments: {
    c: { customers: 3000, revenuePerMonth: 30, grossMargin: 0.7, baseChurn: { dist: 'pert', min: 0.008, mode: 0.012, max: 0.02 }, problemRate: 0.1, acquisitionPerMonth: 40 },
  },
  policies: { exceed: { delight: { rate: 0.16 } }, meet: {}, effort: { channels: { phone: { resolution: 0.9 } }, costs: { oneOff: 20000 } } },
});

async function files(engine: EngineKind, workers: number): Promise<string> {
  const mc = await runMonteCarlo(scenario, { engine, workers });
  const f = aggregate(scenario, 'repro', engine, mc);
  return forecastCsv(f) + summaryCsv(f) + forecastJson(f);
}

describe('reproducibility', () => {
  for (const engine of ['agent', 'cohort', 'expected'] as const) {
    it(`${engine}: workers 1 and 2 give byte-identical CSV and JSON`, async () => {
      const one = await files(engine, 1);
      const two = await files(engine, 2);
      expect(two).toBe(one);
      expect(one.length).toBeGreaterThan(1000);
    });
  }
  it('a different seed gives a different forecast', async () => {
    const a = await runMonteCarlo(scenario, { engine: 'cohort', workers: 1 });
    const b = await runMonteCarlo({ ...scenario, seed: 8 }, { engine: 'cohort', workers: 1 });
    expect(Array.from(a.metrics)).not.toEqual(Array.from(b.metrics));
  });
});

describe('a shared worker pool', () => {
  it('gives the runs a pool of their own gives, and stays open for the next Monte Carlo', async () => {
    const own = await runMonteCarlo(scenario, { engine: 'cohort', workers: 2 });
    const pool = workerPool(2);
    try {
      const first = await runMonteCarlo(scenario, { engine: 'cohort', workers: 2, pool });
      const second = await runMonteCarlo({ ...scenario, seed: 8 }, { engine: 'cohort', workers: 2, pool });
      expect(Array.from(first.metrics)).toEqual(Array.from(own.metrics));
      expect(Array.from(first.clv)).toEqual(Array.from(own.clv));
      expect(second.to).toBe(scenario.runs);
      expect(pool.threads.length).toBe(2);
    } finally {
      await pool.destroy();
    }
  });
});

describe('worker flags', () => {
  it('drop preloads and module loaders, keep the rest', () => {
    const argv = ['--require', '/x/preflight.cjs', '--import', 'file:///x/loader.mjs', '--max-old-space-size=4096', '--loader=ts-node/esm', '-r', 'y', '--enable-source-maps', '--experimental-loader', 'z'];
    expect(workerExecArgv(argv)).toEqual(['--max-old-space-size=4096', '--enable-source-maps']);
    expect(workerExecArgv([])).toEqual([]);
  });
});
