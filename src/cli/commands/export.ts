import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { readAnalyses } from '../../io/readAnalyses.js';
import { formatOutputErrors, readOutput, replaceFiles, type OutputError } from '../../io/readOutput.js';
import { EXPORT_FORMATS, FORMAT_FILES, outputFiles, type ExportFormat } from '../../report/files.js';

interface ExportArgs {
  dir: string;
  format: string[];
}

export interface CommandOutcome {
  readonly stdout: string;
  readonly stderr: string;
  /** 0 on success, else 1. */
  readonly exitCode: 0 | 1;
}

/**
 * Rebuilds the files of a finished run without simulating: reads `dir/forecast.json` and
 * `dir/run.json` (and the analyses, `evidence.json` and `sensitivity.json`, when there), renders the output files and writes those named by `keep` (all but run.json,
 * the record of the run, when not given) into `dir`, each atomically.
 */
export async function rebuildFiles(dir: string, keep?: (name: string) => boolean): Promise<CommandOutcome> {
  const read = readOutput(dir);
  if (!read.ok) return { stdout: '', stderr: formatOutputErrors(read.errors) + '\n', exitCode: 1 };
  const { forecast, manifest } = read.value;
  const problems: OutputError[] = [];
  const analyses = readAnalyses(dir, forecast, problems);
  if (problems.length > 0) return { stdout: '', stderr: formatOutputErrors(problems) + '\n', exitCode: 1 };
  const all = await outputFiles(forecast, manifest, analyses);
  const files = new Map([...all].filter(([name]) => name !== 'run.json' && (keep === undefined || keep(name))));
  const errors = replaceFiles(dir, files);
  if (errors.length > 0) return { stdout: '', stderr: formatOutputErrors(errors) + '\n', exitCode: 1 };
  return { stdout: `wrote ${[...files.keys()].map((f) => `${dir.replace(/\/+$/, '')}/${f}`).join(', ')}\n`, stderr: '', exitCode: 0 };
}

/** Re-exports a finished run in the given formats. */
export function exportRun(dir: string, formats: readonly ExportFormat[]): Promise<CommandOutcome> {
  const wanted = new Set<string>(formats.flatMap((f) => FORMAT_FILES[f]));
  return rebuildFiles(dir, (name) => wanted.has(name));
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export <dir>',
  describe: 'Re-export a finished run (out/<scenario>) as CSV, XLSX or JSON, without simulating',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'A finished output folder, e.g. out/default' })
      .option('format', {
        type: 'string',
        array: true,
        choices: EXPORT_FORMATS,
        default: EXPORT_FORMATS,
        describe: 'csv: forecast.csv + summary.csv; xlsx: forecast.xlsx; json: forecast.json (repeatable; default: all)',
      }) as unknown as Argv<ExportArgs>,
  handler: async (args: ArgumentsCamelCase<ExportArgs>) => {
    const formats = EXPORT_FORMATS.filter((f) => args.format.map(String).includes(f));
    emit(await exportRun(String(args.dir), formats));
  },
};

/** Writes an outcome to stdout / stderr and sets the exit code. */
export function emit(outcome: CommandOutcome): void {
  if (outcome.stdout !== '') process.stdout.write(outcome.stdout);
  if (outcome.stderr !== '') process.stderr.write(outcome.stderr);
  if (outcome.exitCode !== 0) process.exitCode = outcome.exitCode;
}
