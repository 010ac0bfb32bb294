import { buildBoroughFeatures } from '../features/buildBoroughFeatures.js';
import { ingestBorough } from '../ingest/ingestBorough.js';
import { rankBorough } from '../rank/rankBorough.js';
import type { StageContext } from '../stage.js';

/** A per-borough stage function: plain (structured-clone safe) inputs in, a plain result out. */
export type BoroughStageFunction = (inputs: never, ctx: StageContext) => Promise<unknown>;

/**
 * The real per-borough stages, by name: the table a `BoroughWorkerPool`
 * worker looks a stage up in (the module is loaded once per worker thread).
 *
 * @example
 *   const pool = BoroughWorkerPool.create(2, boroughStagesModule);
 *   await pool.run('rankBorough', { out, modelDir, borough, params }, ctx);
 */
export const boroughStages = { ingestBorough, buildBoroughFeatures, rankBorough } satisfies Record<string, BoroughStageFunction>;

/** The name of one real per-borough stage. */
export type BoroughStageName = keyof typeof boroughStages;

/** This module's URL, for `BoroughWorkerPool.create`. */
export const boroughStagesModule = import.meta.url;
