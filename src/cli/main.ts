#!/usr/bin/env node
/** The servicecast command line: parses argv, calls the pipeline, prints, sets the exit code. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { calibrateCommand } from './commands/calibrate.js';
import { evidenceCommand } from './commands/evidence.js';
import { exportCommand } from './commands/export.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { sensitivityCommand } from './commands/sensitivity.js';
import { sweepCommand } from './commands/sweep.js';
import { validateCommand } from './commands/validate.js';

// A reader that stops early (`servicecast run ... | head`) closes the pipe, and the next write
// fails with EPIPE. The rest of the output has nowhere to go; that is not an error of the command
// (files are written whole before anything is printed about them), so exit quietly with the
// command's exit code instead of crashing with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
}

try {
  await yargs(hideBin(process.argv))
    .scriptName('servicecast')
    .command(runCommand)
    .command(validateCommand)
    .command(schemaCommand)
    .command(sensitivityCommand)
    .command(sweepCommand)
    .command(calibrateCommand)
    .command(evidenceCommand)
    .command(exportCommand)
    .command(reportCommand)
    .demandCommand(1, 'Name a command: run, validate, schema, evidence, sensitivity, sweep, calibrate, export or report.')
    .strict()
    .help()
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`${msg}\nRun "servicecast --help" for usage.\n`);
      process.exit(1);
    })
    .parseAsync();
} catch (err) {
  process.stderr.write(`servicecast: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}
