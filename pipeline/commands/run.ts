import type { CommandModule } from 'yargs';
import { CommandError } from './CommandError.js';

// Placeholder until the issue that owns `hmo run` lands; it must not survive.
export const runCommand: CommandModule = {
  command: 'run',
  describe: '(not built yet)',
  handler: () => {
    throw new CommandError('hmo run is not built yet', 1);
  },
};
