import type { CommandModule } from 'yargs';
import { CommandError } from './CommandError.js';

// Placeholder until the issue that owns `hmo runs` lands; it must not survive.
export const runsCommand: CommandModule = {
  command: 'runs',
  describe: '(not built yet)',
  handler: () => {
    throw new CommandError('hmo runs is not built yet', 1);
  },
};
