import { HmoError, type ExitCode } from './HmoError.js';

/**
 * A failure of the rank stage the user can act on (no usable borough, features missing, a model that cannot be loaded); its message comes from `pipeline/messages/rank.ts`. Exit code 1.
 *
 * @example
 *   throw new RankError('no usable borough');
 */
export class RankError extends HmoError {
  readonly kind = 'rank';

  constructor(message: string, exitCode: ExitCode = 1) {
    super(message, exitCode);
    this.name = 'RankError';
  }
}
