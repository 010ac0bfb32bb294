import type { CommandModule } from 'yargs';
import { CommandError } from './CommandError.js';

// Placeholder until the issue that owns `hmo models` lands; it must not survive.
export const modelsCommand: CommandModule = {
  command: 'models',
  describe: '(not built yet)',
  handler: () => {
    throw new CommandError('hmo models is not built yet', 1);
  },
};
