import type { WorkerJobs } from '../../workers/WorkerJobs.js';

/**
 * The real per-borough stages, by name: the job table a `WorkerPool` worker
 * thread looks a stage up in, loading its module on first use.
 *
 * @example
 *   const pool = WorkerPool.create(2, boroughStagesModule);
 *   await pool.run('rankBorough', { out, modelDir, borough, params }, ctx);
 */
export const workerJobs = {
  ingestBorough: async () => (await import('../../ingest/ingestBorough.js')).ingestBorough,
  buildBoroughFeatures: async () => (await import('../../features/buildBoroughFeatures.js')).buildBoroughFeatures,
  // One per thread: it keeps the loaded model from one borough to the next.
  rankBorough: async () => (await import('../../rank/rankBoroughStage.js')).rankBoroughStage(),
} satisfies WorkerJobs;

/** The name of one real per-borough stage. */
export type BoroughStageName = keyof typeof workerJobs;

/** This module's URL, for `WorkerPool.create`. */
export const boroughStagesModule = import.meta.url;
