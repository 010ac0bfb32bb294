import type { CommandModule } from 'yargs';
import { CommandError } from './CommandError.js';

// Placeholder until the issue that owns `hmo features` lands; it must not survive.
export const featuresCommand: CommandModule = {
  command: 'features',
  describe: '(not built yet)',
  handler: () => {
    throw new CommandError('hmo features is not built yet', 1);
  },
};
