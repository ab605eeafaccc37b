import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { emit, rebuildFiles } from './export.js';

interface ReportArgs {
  dir: string;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <dir>',
  describe: 'Rebuild the report, charts and exports of a finished run (out/<scenario>) without simulating',
  builder: (y: Argv) =>
    y.positional('dir', { type: 'string', demandOption: true, describe: 'A finished output folder, e.g. out/default' }) as unknown as Argv<ReportArgs>,
  handler: async (args: ArgumentsCamelCase<ReportArgs>) => {
    emit(await rebuildFiles(String(args.dir)));
  },
};
