import type { CommandModule } from 'yargs';
import { CommandError } from './CommandError.js';

// Placeholder until the issue that owns `hmo outcomes` lands; it must not survive.
export const outcomesCommand: CommandModule = {
  command: 'outcomes',
  describe: '(not built yet)',
  handler: () => {
    throw new CommandError('hmo outcomes is not built yet', 1);
  },
};
