/**
 * The one orchestrator. Data flows one way:
 *
 *   scenario.yaml --1 load + validate--> Scenario --2 engine--> EngineKind
 *        --3 Monte Carlo (worker threads)--> runs --4 aggregate--> Forecast
 *        --4b evidence check + sensitivity (with uncertain inputs)--> analyses
 *        --5 render (CSV, JSON, XLSX, report, charts, manifest)--> files --6 write (all at once)--> out/<name>/
 *
 * Stages 2-5 are pure and deterministic for a given scenario and seed; only 1 and 6 touch files,
 * and the clock is read only for the timings in run.json.
 */
import path from 'node:path';
import { engineOf } from './engine/choose.js';
import type { EngineKind } from './engine/engine.js';
import { runMonteCarlo, type MonteCarlo, type Sampling } from './engine/montecarlo.js';
import { aggregate } from './forecast/aggregate.js';
import { runToPrecision, type PrecisionOutcome, type PrecisionTarget } from './forecast/precision.js';
import type { Forecast } from './forecast/types.js';
import { now } from './io/clock.js';
import { writeOutputDir } from './io/outputDir.js';
import { loadScenario, type ScenarioError } from './io/scenarioFile.js';
import { packageVersion } from './io/version.js';
import { outputFiles } from './report/files.js';
import type { EvidenceRun } from './report/htmlEvidence.js';
import { DEFAULT_EVIDENCE_RUNS, evaluateEvidence } from './forecast/evidence/evaluate.js';
import { sensitivityAnalysis } from './forecast/sensitivity.js';
import { loadLedger } from './io/ledger.js';
import type { RunManifest } from './report/json.js';

export interface PipelineOptions {
  readonly file: string;
  /** `path=value` overrides, applied before validation. */
  readonly sets: readonly string[];
  readonly workers: number;
  /** Parent of the scenario's output folder (default `out`). */
  readonly outRoot: string;
  /** The command line, for run.json. */
  readonly command: string;
  readonly onProgress?: (done: number, total: number) => void;
  /** How worlds are drawn (default `random`; `lhs`: Latin Hypercube over the uncertain inputs). */
  readonly sampling?: Sampling;
  /**
   * Keep adding runs until every policy's mean NPV difference is known to this precision (or the
   * ranking is settled, or `maxRuns`); the scenario's runs are then the first check.
   */
  readonly precision?: PrecisionTarget;
  /** Ceiling on the runs with `precision` (default 10,000). */
  readonly maxRuns?: number;
}

/** The ceiling on runs of `--precision` when `--max-runs` is not given. */
export const DEFAULT_MAX_RUNS = 10_000;

export type PipelineResult =
  | {
      readonly ok: true;
      readonly forecast: Forecast;
      readonly manifest: RunManifest;
      readonly dir: string;
      /** With `precision`: why the runs stopped, and the checks on the way (also in run.json). */
      readonly precision?: PrecisionOutcome;
    }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const t0 = now();
  // 1. load and validate
  const loaded = loadScenario(opts.file, opts.sets);
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  const { scenario, name, hash } = loaded.value;
  const t1 = now();
  // 2. engine
  const engine: EngineKind = engineOf(scenario);
  // 3. Monte Carlo
  const maxRuns = opts.maxRuns ?? DEFAULT_MAX_RUNS;
  const workers = Math.max(1, Math.min(opts.workers, opts.precision ? maxRuns : scenario.runs));
  const sampling = opts.sampling ?? 'random';
  const mcOptions = { engine, workers, sampling, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) };
  let mc: MonteCarlo;
  let adaptive: PrecisionOutcome | undefined;
  if (opts.precision) {
    ({ mc, outcome: adaptive } = await runToPrecision(scenario, mcOptions, { target: opts.precision, maxRuns, firstRuns: scenario.runs }));
  } else {
    mc = await runMonteCarlo(scenario, mcOptions);
  }
  const t2 = now();
  // 4. aggregate
  const ran = mc.to === scenario.runs ? scenario : { ...scenario, runs: mc.to };
  const forecast = aggregate(ran, name, engine, mc);
  const t3 = now();
  // 4b. analyses for the report: the evidence check of the model, and the sensitivity analysis
  // when the scenario has uncertain inputs (both deterministic for the scenario and seed)
  const evidence: EvidenceRun = {
    runs: DEFAULT_EVIDENCE_RUNS,
    seed: scenario.seed,
    policy: forecast.policies.find((p) => p.key === scenario.baseline)?.label ?? scenario.baseline,
    rows: evaluateEvidence(scenario, { runs: DEFAULT_EVIDENCE_RUNS, ledger: loadLedger() }),
  };
  const sensitivity = forecast.inputs.length > 0 ? sensitivityAnalysis(ran, name, mc) : undefined;
  const t4 = now();
  // 5. render
  // run.json gains `sampling` and the adaptive outcome only when they are not the defaults.
  const extra = {
    ...(sampling === 'random' ? {} : { sampling }),
    ...(adaptive ? { stopReason: adaptive.stopReason, precision: adaptive } : {}),
  };
  const manifest: RunManifest = {
    tool: 'servicecast',
    version: packageVersion(),
    scenario: name,
    scenarioFile: opts.file,
    scenarioHash: hash,
    seed: scenario.seed,
    runs: mc.to,
    engine,
    workers,
    horizonMonths: scenario.horizonMonths,
    command: opts.command,
    node: process.version,
    timingsMs: { load: round(t1 - t0), simulate: round(t2 - t1), aggregate: round(t3 - t2), analyses: round(t4 - t3) },
    ...extra,
  };
  const files = await outputFiles(forecast, manifest, sensitivity ? { evidence, sensitivity } : { evidence });
  // 6. write
  const dir = path.join(opts.outRoot, name);
  writeOutputDir(dir, files, isAnalysisOutput);
  return adaptive ? { ok: true, forecast, manifest, dir, precision: adaptive } : { ok: true, forecast, manifest, dir };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Outputs of `sweep` and `calibrate` that a later `run` keeps in the folder (`run` writes its own sensitivity files). */
export const isAnalysisOutput = (name: string): boolean => /^(sweep-.*|calibration)$/.test(name);
