import type { CommandModule } from 'yargs';
import { scenarioJsonSchemaText } from '../../scenario/jsonSchema.js';

export const schemaCommand: CommandModule<object, object> = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editor autocompletion)',
  handler: () => {
    process.stdout.write(scenarioJsonSchemaText());
  },
};
