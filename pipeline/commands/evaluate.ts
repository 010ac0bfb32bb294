import type { CommandModule } from 'yargs';
import { CommandError } from './CommandError.js';

// Placeholder until the issue that owns `hmo evaluate` lands; it must not survive.
export const evaluateCommand: CommandModule = {
  command: 'evaluate',
  describe: '(not built yet)',
  handler: () => {
    throw new CommandError('hmo evaluate is not built yet', 1);
  },
};
