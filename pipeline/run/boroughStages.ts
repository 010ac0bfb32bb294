import type { StageContext } from '../stage.js';

/** A per-borough stage function: plain (structured-clone safe) inputs in, a plain result out. */
export type BoroughStageFunction = (inputs: never, ctx: StageContext) => Promise<unknown>;

/** Loads a stage function (so that a thread that only ingests never loads TensorFlow.js). */
export type BoroughStageLoader = () => Promise<BoroughStageFunction>;

/**
 * The real per-borough stages, by name: the table a `BoroughWorkerPool`
 * worker thread looks a stage up in, loading its module on first use.
 *
 * @example
 *   const pool = BoroughWorkerPool.create(2, boroughStagesModule);
 *   await pool.run('rankBorough', { out, modelDir, borough, params }, ctx);
 */
export const boroughStages = {
  ingestBorough: async () => (await import('../ingest/ingestBorough.js')).ingestBorough,
  buildBoroughFeatures: async () => (await import('../features/buildBoroughFeatures.js')).buildBoroughFeatures,
  rankBorough: async () => (await import('../rank/rankBorough.js')).rankBorough,
} satisfies Record<string, BoroughStageLoader>;

/** The name of one real per-borough stage. */
export type BoroughStageName = keyof typeof boroughStages;

/** This module's URL, for `BoroughWorkerPool.create`. */
export const boroughStagesModule = import.meta.url;
