import { HmoError, type ExitCode } from './HmoError.js';

/**
 * A failure of the train stage the user can act on (no training files, one class only, mixed feature catalogues); its message comes from `pipeline/messages/train.ts`. Exit code 1.
 *
 * @example
 *   throw new TrainError('no labelled rows');
 */
export class TrainError extends HmoError {
  readonly kind = 'train';

  constructor(message: string, exitCode: ExitCode = 1) {
    super(message, exitCode);
    this.name = 'TrainError';
  }
}
