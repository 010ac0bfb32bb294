import { HmoError, type ExitCode } from './HmoError.js';

/**
 * A failure of `hmo harmonise` that is reported to the person as it is (no
 * stack trace): exit code 1 for a failure of the data, 2 for a usage error
 * (a bad option, a missing file, an unconfirmed assumption).
 *
 * @example
 *   throw new HarmoniseError(harmoniseMessages.noGazetteer(path), 2);
 */
export class HarmoniseError extends HmoError {
  readonly kind = 'harmonise';

  constructor(message: string, exitCode: ExitCode = 1) {
    super(message, exitCode);
    this.name = 'HarmoniseError';
  }
}
