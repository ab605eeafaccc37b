/**
 * What the commands that simulate share: the options common to `run`, `sensitivity`, `sweep` and
 * `calibrate`, loading a scenario, writing files, and printing an outcome.
 */
import os from 'node:os';
import type { Argv } from 'yargs';
import { formatOutputErrors, replaceFiles } from '../io/readOutput.js';
import { formatErrors, loadScenario, type LoadedScenario } from '../io/scenarioFile.js';

/** What a command prints and its exit code. */
export interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: 0 | 1;
}

/** The options every analysis command shares with `run`. */
export interface CommonArgs {
  scenario: string;
  runs?: number;
  seed?: number;
  engine?: string;
  workers: number;
  set: string[];
  out: string;
  quiet: boolean;
}

/** Adds the options every analysis command shares with `run`. */
export function commonOptions(y: Argv): Argv {
  return y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
    .option('runs', { type: 'number', describe: 'Monte Carlo runs (overrides the scenario)' })
    .option('seed', { type: 'number', describe: 'Seed (overrides the scenario)' })
    .option('engine', { type: 'string', choices: ['auto', 'expected', 'cohort', 'agent'], describe: 'Engine (overrides the scenario)' })
    .option('workers', { type: 'number', default: os.availableParallelism(), describe: 'Worker threads (default: the cores)' })
    .option('set', { type: 'string', array: true, default: [], describe: 'Override a field: --set path=value' })
    .option('out', { type: 'string', default: 'out', describe: 'Output root folder' })
    .option('quiet', { type: 'boolean', default: false, describe: 'No progress bar' });
}

/** `--set` overrides of the common options (runs, seed, engine), after the user's own. */
export function commonSets(a: Pick<CommonArgs, 'set' | 'runs' | 'seed' | 'engine'>): string[] {
  const sets = [...a.set];
  if (a.runs !== undefined) sets.push(`runs=${a.runs}`);
  if (a.seed !== undefined) sets.push(`seed=${a.seed}`);
  if (a.engine !== undefined) sets.push(`engine=${a.engine}`);
  return sets;
}

/** Loads a scenario; errors as an outcome. */
export function load(file: string, sets: readonly string[]): { ok: true; value: LoadedScenario } | { ok: false; outcome: Outcome } {
  const loaded = loadScenario(file, sets);
  if (!loaded.ok) return { ok: false, outcome: { stdout: '', stderr: formatErrors(loaded.errors) + '\n', exitCode: 1 } };
  return loaded;
}

/** Writes files into `dir` one by one, atomically; errors as an outcome. */
export function writeInto(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Outcome | undefined {
  const errors = replaceFiles(dir, files);
  return errors.length > 0 ? { stdout: '', stderr: formatOutputErrors(errors) + '\n', exitCode: 1 } : undefined;
}

/** Writes an outcome to stdout / stderr and sets the exit code. */
export function emitOutcome(o: Outcome): void {
  if (o.stdout !== '') process.stdout.write(o.stdout);
  if (o.stderr !== '') process.stderr.write(o.stderr);
  if (o.exitCode !== 0) process.exitCode = o.exitCode;
}
