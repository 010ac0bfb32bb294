import { HmoError, type ExitCode } from './HmoError.js';

/**
 * A failure of the evaluate stage the user can act on (a truth file or model file that cannot be read, a borough that cannot be scored); its message comes from `pipeline/messages/evaluate.ts`. Exit code 1 unless a usage error (2).
 *
 * @example
 *   throw new EvaluateError('truth.csv: no column outcome');
 */
export class EvaluateError extends HmoError {
  readonly kind = 'evaluate';

  constructor(message: string, exitCode: ExitCode = 1) {
    super(message, exitCode);
    this.name = 'EvaluateError';
  }
}
