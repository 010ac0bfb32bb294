import type { StageContext } from '../stage.js';

/** A job function: plain (structured-clone safe) inputs in, a plain result out; `shared` is the pool's shared data. */
export type WorkerJobFunction = (inputs: never, ctx: StageContext, shared: never) => Promise<unknown>;

/** Loads a job function (so that a thread that only ingests never loads TensorFlow.js). */
export type WorkerJobLoader = () => Promise<WorkerJobFunction>;

/**
 * A job table, as a module exports it under the name `workerJobs` for a
 * `WorkerPool` (`WorkerPool.create(size, import.meta.url of that module)`).
 *
 * @example
 *   export const workerJobs = {
 *     rankBorough: async () => (await import('../rank/rankBorough.js')).rankBorough,
 *   } satisfies WorkerJobs;
 */
export type WorkerJobs = Record<string, WorkerJobLoader>;

/** A job's result whose buffers move to the main thread instead of being copied. */
export class Transferring<T> {
  constructor(
    readonly value: T,
    readonly buffers: ArrayBuffer[],
  ) {}
}

/**
 * Wraps a job's result so that the listed buffers are transferred (not
 * copied) back to the main thread; the caller of `WorkerPool.run` receives
 * `value`. Outside a worker thread, use `value` as it is.
 *
 * @example
 *   return transferring(result, [result.testLogits.buffer]);
 */
export function transferring<T>(value: T, buffers: ArrayBufferLike[]): Transferring<T> {
  return new Transferring(value, buffers as ArrayBuffer[]);
}
