import type { FeatureFrame } from '../frame/FeatureFrame.js';
import type { Params } from '../params/Params.js';
import { transferring, type WorkerJobs } from '../workers/WorkerJobs.js';
import type { TrainTask } from './runTrainTask.js';

/** What every training thread receives once: the frame (only what training reads) and the train params. */
export interface TrainShared {
  frame: FeatureFrame;
  train: Params['train'];
}

/**
 * The training job table, for a `WorkerPool` (`WorkerPool.create(threads,
 * trainJobsModule, shared)`): `fit` runs one `TrainTask` on the shared frame
 * and hands its logits and weights back without copying them.
 *
 * @example
 *   const result = await pool.run('fit', task, ctx);
 */
export const workerJobs = {
  fit: async () => {
    const { runTrainTask } = await import('./runTrainTask.js');
    return async (task: TrainTask, _ctx: unknown, shared: TrainShared) => {
      const result = await runTrainTask(shared.frame, task, shared.train);
      const buffers: ArrayBufferLike[] = [result.testLogits.buffer];
      for (const content of Object.values(result.model?.files ?? {})) if (typeof content !== 'string') buffers.push(content.buffer);
      return transferring(result, buffers);
    };
  },
} satisfies WorkerJobs;

/** This module's URL, for `WorkerPool.create`. */
export const trainJobsModule = import.meta.url;
