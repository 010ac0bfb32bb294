import type { CommandModule } from 'yargs';
import { CommandError } from './CommandError.js';

// Placeholder until the issue that owns `hmo generate` lands; it must not survive.
export const generateCommand: CommandModule = {
  command: 'generate',
  describe: '(not built yet)',
  handler: () => {
    throw new CommandError('hmo generate is not built yet', 1);
  },
};
