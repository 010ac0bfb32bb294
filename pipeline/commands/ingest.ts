import type { CommandModule } from 'yargs';
import { CommandError } from './CommandError.js';

// Placeholder until the issue that owns `hmo ingest` lands; it must not survive.
export const ingestCommand: CommandModule = {
  command: 'ingest',
  describe: '(not built yet)',
  handler: () => {
    throw new CommandError('hmo ingest is not built yet', 1);
  },
};
