import type { CommandModule } from 'yargs';
import { CommandError } from './CommandError.js';

// Placeholder until the issue that owns `hmo validate` lands; it must not survive.
export const validateCommand: CommandModule = {
  command: 'validate',
  describe: '(not built yet)',
  handler: () => {
    throw new CommandError('hmo validate is not built yet', 1);
  },
};
