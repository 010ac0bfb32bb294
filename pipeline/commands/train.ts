import type { CommandModule } from 'yargs';
import { CommandError } from './CommandError.js';

// Placeholder until the issue that owns `hmo train` lands; it must not survive.
export const trainCommand: CommandModule = {
  command: 'train',
  describe: '(not built yet)',
  handler: () => {
    throw new CommandError('hmo train is not built yet', 1);
  },
};
