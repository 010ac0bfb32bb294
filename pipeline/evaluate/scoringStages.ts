import { defaultScorerLoader } from './scorerLoader.js';
import { scoreBoroughStage } from './scoreBoroughStage.js';

/**
 * The evaluation's per-borough stage table, for a `BoroughWorkerPool`
 * (`BoroughWorkerPool.create(2, scoringStagesModule)`): `scoreBorough` with
 * the models area's scorer.
 *
 * @example
 *   await pool.run('scoreBorough', { out, modelDir, borough, truth, sampleSize, fieldTrial, seed, k, reinspectAfterMonths }, ctx);
 */
export const boroughStages = {
  scoreBorough: async () => scoreBoroughStage(defaultScorerLoader),
};

/** This module's URL, for `BoroughWorkerPool.create`. */
export const scoringStagesModule = import.meta.url;
