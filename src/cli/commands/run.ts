import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { formatErrors } from '../../io/scenarioFile.js';
import { parsePrecision, type StopReason } from '../../forecast/precision.js';
import { DEFAULT_MAX_RUNS, runPipeline } from '../../pipeline.js';
import { commonOptions, commonSets, type CommonArgs } from '../common.js';
import { progressBar } from '../progress.js';
import { summaryTable } from '../summaryTable.js';

interface RunArgs extends CommonArgs {
  precision?: string;
  maxRuns?: number;
  sampling: string;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario>',
  describe: 'Simulate a scenario and write out/<scenario>/',
  builder: (y: Argv) =>
    commonOptions(y)
      .option('precision', {
        type: 'string',
        describe: 'Add runs until the 95% half-width of every mean NPV difference is within this: 1% (of |mean|) or 50000 (currency); --runs is then the first check',
      })
      .option('max-runs', { type: 'number', describe: `Ceiling on runs with --precision (default ${DEFAULT_MAX_RUNS})` })
      .option('sampling', { type: 'string', choices: ['random', 'lhs'], default: 'random', describe: 'random, or lhs: Latin Hypercube over the uncertain inputs' })
      .check((a) => {
        if (a['precision'] !== undefined && parsePrecision(String(a['precision'])) === undefined) {
          throw new Error(`--precision ${String(a['precision'])}: expected a percentage such as 1% or a positive amount such as 50000`);
        }
        const m = a['max-runs'];
        if (m !== undefined && !(typeof m === 'number' && Number.isInteger(m) && m >= 1)) throw new Error(`--max-runs ${String(m)}: expected a whole number of runs >= 1`);
        return true;
      }) as unknown as Argv<RunArgs>,
  handler: async (args: ArgumentsCamelCase<RunArgs>) => {
    const sets = commonSets(args);
    const bar = progressBar(args.quiet);
    const precision = args.precision === undefined ? undefined : parsePrecision(args.precision);
    const result = await runPipeline({
      ...(precision ? { precision } : {}),
      ...(args.maxRuns !== undefined ? { maxRuns: args.maxRuns } : {}),
      sampling: args.sampling === 'lhs' ? 'lhs' : 'random',
      file: args.scenario,
      sets,
      workers: args.workers,
      outRoot: args.out,
      command: ['servicecast', ...process.argv.slice(2)].join(' '),
      onProgress: (d, t) => bar.update(d, t),
    }).finally(() => bar.stop());
    if (!result.ok) {
      process.stderr.write(formatErrors(result.errors) + '\n');
      process.exitCode = 1;
      return;
    }
    process.stdout.write(summaryTable(result.forecast) + '\n');
    const stop = result.precision;
    if (stop) process.stdout.write(`stopped after ${result.manifest.runs} runs: ${STOP_TEXT[stop.stopReason]} (precision ${stop.target})\n`);
    process.stdout.write(`wrote ${result.dir}/ (simulation ${(result.manifest.timingsMs['simulate'] ?? 0).toFixed(0)} ms)\n`);
  },
};

const STOP_TEXT: Readonly<Record<StopReason, string>> = {
  precision: 'every mean NPV difference is within the precision asked',
  ranking: 'the ranking of the policies is settled (every neighbour told apart at 95%)',
  'max-runs': 'reached --max-runs before the precision asked',
};
