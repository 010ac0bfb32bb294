import { HmoError, type ExitCode } from './HmoError.js';

/**
 * Thrown when a drop, a borough folder name or an output folder cannot be used at all (a usage problem, not a borough's data): exit code 2.
 *
 * @example
 *   throw new DropError('drop/ has no borough folders');
 */
export class DropError extends HmoError {
  readonly kind = 'drop';

  constructor(message: string, exitCode: ExitCode = 2) {
    super(message, exitCode);
    this.name = 'DropError';
  }
}
