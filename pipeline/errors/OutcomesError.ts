import { HmoError, type ExitCode } from './HmoError.js';

/**
 * A failure of `hmo outcomes` the user can act on (a list with bad lines, an output that exists): exit code 1, or 2 for a usage error.
 *
 * @example
 *   throw new OutcomesError('8 bad lines; nothing was written');
 */
export class OutcomesError extends HmoError {
  readonly kind = 'outcomes';

  constructor(message: string, exitCode: ExitCode = 1) {
    super(message, exitCode);
    this.name = 'OutcomesError';
  }
}
