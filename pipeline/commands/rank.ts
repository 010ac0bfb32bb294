import type { CommandModule } from 'yargs';
import { CommandError } from './CommandError.js';

// Placeholder until the issue that owns `hmo rank` lands; it must not survive.
export const rankCommand: CommandModule = {
  command: 'rank',
  describe: '(not built yet)',
  handler: () => {
    throw new CommandError('hmo rank is not built yet', 1);
  },
};
