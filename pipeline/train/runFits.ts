import type { FeatureFrame } from '../frame/FeatureFrame.js';
import type { Params } from '../params/Params.js';
import type { StageContext } from '../stage.js';
import type { WorkerPool } from '../workers/WorkerPool.js';
import { runTrainTask, type TrainTask, type TrainTaskResult } from './runTrainTask.js';
import type { TrainShared } from './trainJobs.js';

/**
 * The frame with its numeric columns moved into one SharedArrayBuffer, so
 * that the training threads read the main thread's copy instead of each
 * receiving a clone (structured cloning shares a SharedArrayBuffer's memory):
 * the frame is held once, however many threads train. The columns' values are
 * the same; the frame passed in should be dropped (its columns are copied).
 *
 * @example
 *   const frame = withSharedColumns(await readFeatureFrame(files));
 */
export function withSharedColumns(frame: FeatureFrame): FeatureFrame {
  if (typeof SharedArrayBuffer !== 'function' || frame.numeric.size === 0) return frame;
  const buffer = new SharedArrayBuffer(frame.numeric.size * frame.length * Float64Array.BYTES_PER_ELEMENT);
  const numeric = new Map<string, Float64Array>();
  let at = 0;
  for (const [name, column] of frame.numeric) {
    const shared = new Float64Array(buffer, at * Float64Array.BYTES_PER_ELEMENT, frame.length);
    shared.set(column);
    numeric.set(name, shared);
    at += frame.length;
  }
  return { ...frame, numeric };
}

/**
 * What the training threads share: only what training reads of the frame
 * (not addresses or UPRNs), and the train params.
 *
 * @example
 *   const pool = WorkerPool.create(2, trainJobsModule, trainShared(frame, params.train));
 */
export function trainShared(frame: FeatureFrame, train: Params['train']): TrainShared {
  return {
    frame: {
      length: frame.length,
      boroughCode: [],
      uprn: [],
      asOf: [],
      numeric: frame.numeric,
      categorical: frame.categorical,
      ...(frame.label === undefined ? {} : { label: frame.label }),
    },
    train,
  };
}

/**
 * Runs every training task: on `pool`'s threads (a `WorkerPool` of
 * `trainJobsModule`, tfjs-wasm being single-threaded, one core each), or one
 * after the other in the calling thread without a pool. Each result depends
 * only on its task, never on which thread ran it, so results are the same
 * whatever the scheduling. `onDone(count)` after each task. Results are keyed
 * by task id.
 *
 * @example
 *   const results = await runFits(frame, params.train, tasks, pool, ctx, (done) => ctx.progress.update(done));
 */
export async function runFits(
  frame: FeatureFrame,
  train: Params['train'],
  tasks: readonly TrainTask[],
  pool: WorkerPool | undefined,
  ctx: StageContext,
  onDone?: (done: number, task: TrainTask) => void,
): Promise<Map<string, TrainTaskResult>> {
  const results = new Map<string, TrainTaskResult>();
  const finish = (task: TrainTask, result: TrainTaskResult) => {
    results.set(task.id, result);
    onDone?.(results.size, task);
  };
  if (pool === undefined) {
    for (const task of tasks) finish(task, await runTrainTask(frame, task, train));
    return results;
  }
  // The pool takes tasks in this order as threads come free.
  await Promise.all(tasks.map(async (task) => finish(task, (await pool.run('fit', task, ctx)) as TrainTaskResult)));
  return results;
}
