/** Messages about params files. */
export const paramsMessages = {
  unreadable: (file: string, detail: string) => `Cannot read the params file ${file}: ${detail}`,
  notAnObject: (file: string) => `The params file ${file} must hold an object of settings (JSON or YAML).`,
  unknownKey: (file: string, key: string, allowed: readonly string[]) =>
    `${file}: unknown key "${key}"; allowed here: ${allowed.join(', ')}`,
  wrongType: (file: string, key: string, expected: string, value: unknown) =>
    `${file}: "${key}" must be ${expected}, not ${JSON.stringify(value)}`,
  notAllowed: (file: string, key: string, value: unknown, allowed: readonly string[]) =>
    `${file}: "${key}" is ${JSON.stringify(value)}; allowed values: ${allowed.join(', ')}`,
  outOfRange: (file: string, key: string, value: unknown, range: string) =>
    `${file}: "${key}" is ${JSON.stringify(value)}; it must be ${range}`,
  inconsistent: (file: string, detail: string) => `${file}: ${detail}`,
  retiredKey: (file: string, key: string, why: string) => `${file}: "${key}" is no longer a setting: ${why}. Delete it from the params file.`,
} as const;

const NEWTON_NO_EPOCHS = 'the logistic regression is now solved to convergence by Newton\'s method (max_iter and tol bound it), not trained by epochs';
const NEWTON_NO_RATE = 'the logistic regression\'s Newton solver needs no learning rate';
const NEWTON_NO_BATCHES = 'the logistic regression\'s Newton solver reads every row at each step, not batches';

/**
 * Keys that earlier versions accepted, with why they went: a params file
 * naming one is refused with `retiredKey` (not ignored, so that nobody keeps
 * a setting that no longer does anything), where any other unknown key gets
 * `unknownKey`.
 */
export const RETIRED_PARAMS: Readonly<Record<string, string>> = {
  'train.logistic.epochs': NEWTON_NO_EPOCHS,
  'train.logistic.learning_rate': NEWTON_NO_RATE,
  'train.logistic.batch_size': NEWTON_NO_BATCHES,
  'train.blend.logistic_epochs': NEWTON_NO_EPOCHS,
  'train.blend.logistic_learning_rate': NEWTON_NO_RATE,
  'train.blend.logistic_batch_size': NEWTON_NO_BATCHES,
};
