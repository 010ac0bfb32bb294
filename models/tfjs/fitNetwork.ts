import * as tf from '@tensorflow/tfjs';
import { Random } from '../../pipeline/util/Random.js';
import { classWeightsFor } from '../classWeights.js';
import type { FitOptions, FitReport } from '../Learner.js';
import { buildNetwork, predictLogits, weightedLogitCrossEntropy, type NetworkSettings } from './network.js';
import { trainEpoch } from './trainEpoch.js';

/** Below this many training rows there is no early-stopping split: the network trains for the full epochs. */
const MIN_ROWS_FOR_EARLY_STOPPING = 40;

/** A network's settings and how it is trained (a network learner's settings). */
export interface NetworkFitSettings extends NetworkSettings {
  epochs: number;
  learning_rate: number;
  batch_size: number;
}

/**
 * Trains one network (`buildNetwork(kind, …)`) on a row-major input matrix:
 * seeded initialisation, seeded dropout, our own seeded shuffling every epoch
 * (tfjs's `shuffle` uses Math.random), class weights (options.classWeight),
 * and early stopping on a stratified validation split
 * (options.earlyStopping; `options.groups` keeps a group's rows, e.g. one
 * property's inspections, on one side) that restores the best epoch's weights. Same data
 * and seed → same weights. The caller disposes the returned model.
 *
 * @example
 *   const { model, report } = await fitNetwork('logistic', x, labels, pre.width, settings, { seed: 42, classWeight: 'balanced', earlyStopping: { validationFraction: 0.15, patience: 3 } });
 */
export async function fitNetwork(
  kind: string,
  x: Float32Array,
  labels: ArrayLike<number>,
  width: number,
  settings: NetworkFitSettings,
  options: FitOptions,
  onEpoch?: (epoch: number, total: number) => void,
): Promise<{ model: tf.Sequential; report: FitReport }> {
  const seed = options.seed;
  const rng = new Random(seed);
  const n = labels.length;
  const { fit, validation } = earlyStoppingSplit(
    labels,
    n >= MIN_ROWS_FOR_EARLY_STOPPING ? options.earlyStopping.validationFraction : 0,
    rng.fork('early-stopping'),
    options.groups,
  );
  let positives = 0;
  for (const i of fit) if (labels[i] === 1) positives++;
  const classWeights = classWeightsFor(options.classWeight, fit.length, positives);

  const model = buildNetwork(kind, width, settings, seed);
  model.compile({ optimizer: tf.train.adam(settings.learning_rate), loss: weightedLogitCrossEntropy(classWeights) });

  const xValidation = gatherRows(x, width, validation);
  const yValidation = Array.from(validation, (i) => labels[i] as number);
  const shuffler = rng.fork('shuffle');
  const order = Array.from({ length: fit.length }, (_, i) => i);
  // The epoch's rows in shuffled order, written over every epoch.
  const rows = new Uint32Array(fit.length);
  const epochX = new Float32Array(fit.length * width);
  const epochY = new Float32Array(fit.length);

  let best = { epoch: 0, loss: Number.POSITIVE_INFINITY, weights: [] as tf.Tensor[] };
  let epoch = 0;
  try {
    while (epoch < settings.epochs) {
      epoch += 1;
      shuffler.shuffle(order);
      // Permuting rows in JavaScript is a memory copy; tf.gather on the wasm backend is far slower.
      for (let k = 0; k < rows.length; k++) {
        const row = fit[order[k] as number] as number;
        rows[k] = row;
        epochY[k] = labels[row] as number;
      }
      gatherRows(x, width, rows, epochX);
      await trainEpoch(model, epochX, epochY, width, settings.batch_size);
      onEpoch?.(epoch, settings.epochs);
      if (validation.length === 0) continue;
      const loss = weightedLoss(predictLogits(model, xValidation, width), yValidation, classWeights);
      if (loss < best.loss - 1e-7) {
        tf.dispose(best.weights);
        best = { epoch, loss, weights: model.getWeights().map((w) => w.clone()) };
      } else if (epoch - best.epoch >= options.earlyStopping.patience) {
        break;
      }
    }
    if (best.weights.length > 0) model.setWeights(best.weights);
  } finally {
    tf.dispose(best.weights);
  }
  return {
    model,
    report: {
      kind,
      seed,
      rows: fit.length,
      positives,
      early_stopping_rows: validation.length,
      class_weights: { '0': round(classWeights[0]), '1': round(classWeights[1]) },
      epochs_run: epoch,
      best_epoch: validation.length === 0 ? epoch : best.epoch,
      best_validation_loss: validation.length === 0 ? null : round(best.loss),
    },
  };
}

/**
 * A stratified split: `fraction` of each class, chosen by the seeded
 * generator, goes to validation. With `groups` (one id per row, e.g. the
 * property of each inspection), whole groups move: a group is of class 1
 * when any of its rows is, and `fraction` of each class's groups is held
 * out, so no group has rows on both sides. Rows that are each their own
 * group give the same split as no groups.
 *
 * @example
 *   earlyStoppingSplit([1, 1, 0, 0, 0], 0.5, new Random(1), [7, 7, 8, 9, 9]);
 *   // rows 0 and 1 are on the same side, as are rows 3 and 4
 */
export function earlyStoppingSplit(
  labels: ArrayLike<number>,
  fraction: number,
  rng: Random,
  groups?: ArrayLike<number>,
): { fit: number[]; validation: number[] } {
  // Groups in order of their first row; a group's rows in row order.
  const rowsOf = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const g = groups === undefined ? i : (groups[i] as number);
    const rows = rowsOf.get(g);
    if (rows === undefined) rowsOf.set(g, [i]);
    else rows.push(i);
  }
  const byClass: [number[][], number[][]] = [[], []];
  for (const rows of rowsOf.values()) byClass[rows.some((i) => labels[i] === 1) ? 1 : 0].push(rows);
  const validation: number[] = [];
  for (const members of byClass) {
    rng.shuffle(members);
    for (const rows of members.slice(0, Math.round(members.length * fraction))) validation.push(...rows);
  }
  const held = new Set(validation);
  const fit: number[] = [];
  for (let i = 0; i < labels.length; i++) if (!held.has(i)) fit.push(i);
  return { fit, validation: validation.sort((a, b) => a - b) };
}

/** The given rows of a row-major matrix, into `out` (a new matrix when omitted). */
function gatherRows(x: Float32Array, width: number, rows: ArrayLike<number>, out = new Float32Array(rows.length * width)): Float32Array {
  // A plain copy loop: a subarray per row costs more than the copy itself.
  for (let r = 0; r < rows.length; r++) {
    const from = (rows[r] as number) * width;
    const to = r * width;
    for (let c = 0; c < width; c++) out[to + c] = x[from + c] as number;
  }
  return out;
}

function weightedLoss(logits: Float64Array, labels: readonly number[], weights: { 0: number; 1: number }): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i] as number;
    const y = labels[i] as number;
    const w = y === 1 ? weights[1] : weights[0];
    sum += w * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z);
    total += w;
  }
  return total > 0 ? sum / total : Number.NaN;
}

function round(v: number): number {
  return Number(v.toPrecision(10));
}
