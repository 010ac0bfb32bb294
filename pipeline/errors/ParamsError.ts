import { HmoError, type ExitCode } from './HmoError.js';

/**
 * A params file (or an option standing for a param) that cannot be used: unreadable, an unknown key, a value of the wrong type or outside its rule (`pipeline/params/paramRules.ts`). A usage error: exit code 2.
 *
 * @example
 *   throw new ParamsError('params.yaml: "rank.top" must be a whole number');
 */
export class ParamsError extends HmoError {
  readonly kind = 'params';

  constructor(message: string, exitCode: ExitCode = 2) {
    super(message, exitCode);
    this.name = 'ParamsError';
  }
}
