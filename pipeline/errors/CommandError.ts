import { HmoError, type ExitCode } from './HmoError.js';

/**
 * An error of the command line (a bad option, a run that failed, a run or model that does not exist), reported as it is with its exit code: 1 for a failure of the data or the run, 2 for a usage error. Only the command line and the orchestrator (`pipeline/commands`, `pipeline/run`, `pipeline/main.ts`) throw it; stages throw their own family.
 *
 * @example
 *   throw new CommandError('--workers must be a whole number of at least 1', 2);
 */
export class CommandError extends HmoError {
  readonly kind = 'command';

  constructor(message: string, exitCode: ExitCode = 1) {
    super(message, exitCode);
    this.name = 'CommandError';
  }
}
