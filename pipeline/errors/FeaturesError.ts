import { HmoError, type ExitCode } from './HmoError.js';

/**
 * A failure of the features stage the user can act on (a borough not ingested, or failed); its message comes from `pipeline/messages/features.ts`. Exit code 1.
 *
 * @example
 *   throw new FeaturesError('E09000007 has not been ingested');
 */
export class FeaturesError extends HmoError {
  readonly kind = 'features';

  constructor(message: string, exitCode: ExitCode = 1) {
    super(message, exitCode);
    this.name = 'FeaturesError';
  }
}
