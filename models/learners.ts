import type { Learner } from './Learner.js';
import { blendLearner } from './blend/blendLearner.js';
import { gbdtLearner } from './gbdt/gbdtLearner.js';
import { logisticLearner } from './logistic/logisticLearner.js';
import { mlpLearner } from './mlp/mlpLearner.js';

/**
 * The registry of learners. Its keys are the ONLY list of model kinds: the
 * params (`train.models`, a `train.<kind>` section each, their rules and
 * docs), training, model choice, `loadScorer` and the reasons all read it.
 * Adding a learner = its folder under models/ + one line here (then
 * `npm run docs:params` for the params table). Order: the params' and docs'.
 *
 * @example
 *   LEARNERS.mlp.settings.defaults.hidden_units; // [32, 16]
 */
export const LEARNERS = {
  logistic: logisticLearner,
  mlp: mlpLearner,
  gbdt: gbdtLearner,
  blend: blendLearner,
} satisfies Record<string, Learner<any>>; // any: each learner has its own settings type

/** A model kind: a key of the registry. */
export type ModelKind = keyof typeof LEARNERS;

/** The settings type of one learner. */
export type SettingsOf<K extends ModelKind> = (typeof LEARNERS)[K] extends Learner<infer S> ? S : never;

/** Every learner's settings by kind: the `train.<kind>` sections of the params. */
export type LearnerSettings = { [K in ModelKind]: SettingsOf<K> };

/** Every model kind, in registry order. */
export const MODEL_KINDS = Object.keys(LEARNERS) as ModelKind[];

/** Whether `kind` names a learner of the registry. */
export function isModelKind(kind: string): kind is ModelKind {
  return Object.hasOwn(LEARNERS, kind);
}

/**
 * The learner of a kind (as the params or a model's metadata name it), or
 * undefined when no learner has that name.
 *
 * @example
 *   learnerOf('logistic')?.names.list; // 'logistic regression'
 */
export function learnerOf(kind: string): Learner<object> | undefined {
  return isModelKind(kind) ? (LEARNERS[kind] as Learner<object>) : undefined;
}

/** The kinds `train.models` names by default (every learner not marked `trainByDefault: false`). */
export function defaultModelKinds(): ModelKind[] {
  return MODEL_KINDS.filter((kind) => (LEARNERS[kind] as Learner<object>).trainByDefault !== false);
}

/** Every learner's default settings, by kind, in registry order (fresh copies). */
export function learnerDefaults(): LearnerSettings {
  return Object.fromEntries(MODEL_KINDS.map((kind) => [kind, structuredClone(LEARNERS[kind].settings.defaults)])) as LearnerSettings;
}
