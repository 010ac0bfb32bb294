import { defaultScorerLoader } from './scorerLoader.js';
import { scoreBoroughStage } from './scoreBoroughStage.js';

/**
 * The evaluation's per-borough stage table, for a `WorkerPool`
 * (`WorkerPool.create(2, scoringStagesModule)`): `scoreBorough` with
 * the models area's scorer.
 *
 * @example
 *   await pool.run('scoreBorough', { out, modelDir, borough, truth, sampleSize, fieldTrial, seed, k, reinspectAfterMonths }, ctx);
 */
export const workerJobs = {
  scoreBorough: async () => scoreBoroughStage(defaultScorerLoader),
};

/** This module's URL, for `WorkerPool.create`. */
export const scoringStagesModule = import.meta.url;
