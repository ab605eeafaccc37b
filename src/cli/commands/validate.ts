import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { formatErrors, loadScenario } from '../../io/scenarioFile.js';

interface ValidateArgs {
  files: string[];
  set: string[];
}

export interface ValidateOutcome {
  readonly stdout: string;
  readonly stderr: string;
  /** 0 when every file is valid, else 1. */
  readonly exitCode: 0 | 1;
}

/** Validates each file with the same overrides: "ok <file>" for a valid one, its errors otherwise. */
export function validateFiles(files: readonly string[], sets: readonly string[]): ValidateOutcome {
  let stdout = '';
  let stderr = '';
  let exitCode: 0 | 1 = 0;
  for (const file of files) {
    const result = loadScenario(file, sets);
    if (result.ok) {
      stdout += `ok ${file}\n`;
    } else {
      stderr += `${formatErrors(result.errors)}\n`;
      exitCode = 1;
    }
  }
  return { stdout, stderr, exitCode };
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <files..>',
  describe: 'Check scenario files and report every problem with its line',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Scenario YAML files' })
      .option('set', { type: 'string', array: true, default: [], describe: 'Override a field: --set path=value' }) as unknown as Argv<ValidateArgs>,
  handler: (args: ArgumentsCamelCase<ValidateArgs>) => {
    const outcome = validateFiles(args.files.map(String), args.set.map(String));
    if (outcome.stdout !== '') process.stdout.write(outcome.stdout);
    if (outcome.stderr !== '') process.stderr.write(outcome.stderr);
    if (outcome.exitCode !== 0) process.exitCode = outcome.exitCode;
  },
};
