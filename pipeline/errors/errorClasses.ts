import { CommandError } from './CommandError.js';
import { DropError } from './DropError.js';
import { EvaluateError } from './EvaluateError.js';
import { FeaturesError } from './FeaturesError.js';
import { HarmoniseError } from './HarmoniseError.js';
import type { ExitCode, HmoError } from './HmoError.js';
import { OutcomesError } from './OutcomesError.js';
import { ParamsError } from './ParamsError.js';
import { RankError } from './RankError.js';
import { TrainError } from './TrainError.js';

/**
 * Every `HmoError` class by its name, so that an error that crossed a thread
 * boundary as a plain object can be rebuilt in its class
 * (`pipeline/workers/workerError.ts`). A new family is added here.
 *
 * @example
 *   const error = new ERROR_CLASSES.TrainError('no labelled rows', 1);
 */
export const ERROR_CLASSES: Record<string, new (message: string, exitCode?: ExitCode) => HmoError> = {
  CommandError,
  ParamsError,
  DropError,
  FeaturesError,
  TrainError,
  EvaluateError,
  RankError,
  OutcomesError,
  HarmoniseError,
};
