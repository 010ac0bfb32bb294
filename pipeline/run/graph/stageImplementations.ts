import { evaluateModel } from '../../evaluate/evaluateModel.js';
import { buildBoroughFeatures } from '../../features/buildBoroughFeatures.js';
import { ingestBorough } from '../../ingest/ingestBorough.js';
import { listDropBoroughs } from '../../ingest/listDropBoroughs.js';
import { writeDropDatabase } from '../../ingest/writeDropDatabase.js';
import { writeQualityReport } from '../../writers/quality/writeQualityReport.js';
import { rankBoroughStage } from '../../rank/rankBoroughStage.js';
import type { StageContext } from '../../stage.js';
import { trainModel } from '../../train/trainModel.js';
import type { WorkerPool } from '../../workers/WorkerPool.js';
import type { BoroughStageName } from './boroughStages.js';
import type { StageImplementations } from './pipelineGraph.js';

const url = (path: string) => new URL(path, import.meta.url).href;

/**
 * The real stage entry points (docs/architecture.md, "Stage entry points")
 * and the module each runs, whose import closure is its code version.
 *
 * @example
 *   const graph = pipelineGraph(realStages());
 */
export function realStages(): StageImplementations {
  return {
    listDropBoroughs,
    ingestBorough,
    writeQualityReport: (inputs) => writeQualityReport(inputs),
    writeDropDatabase: (inputs) => writeDropDatabase(inputs),
    buildBoroughFeatures,
    trainModel,
    evaluateModel: (inputs, ctx) => evaluateModel(inputs, ctx),
    // the loaded model kept from one borough to the next
    rankBorough: rankBoroughStage(),
    modules: {
      ingest: [url('../../ingest/ingestBorough.js')],
      quality: [url('../../writers/quality/writeQualityReport.js')],
      database: [url('../../ingest/writeDropDatabase.js')],
      features: [url('../../features/buildBoroughFeatures.js')],
      train: [url('../../train/trainModel.js')],
      evaluate: [url('../../evaluate/evaluateModel.js')],
      rank: [url('../../rank/rankBoroughStage.js')],
    },
  };
}

/**
 * `stages` with its per-borough functions (ingest, features, rank) run on
 * `pool`'s worker threads: the real ones, by name, whatever `stages` holds
 * (their inputs are plain values, their progress and logs come back to `ctx`).
 *
 * @example
 *   const pool = WorkerPool.create(2, boroughStagesModule);
 *   const graph = pipelineGraph(onWorkerThreads(realStages(), pool));
 */
export function onWorkerThreads(stages: StageImplementations, pool: WorkerPool): StageImplementations {
  const on = (name: BoroughStageName) => (inputs: object, ctx: StageContext) => pool.run(name, inputs, ctx);
  return { ...stages, ingestBorough: on('ingestBorough'), buildBoroughFeatures: on('buildBoroughFeatures'), rankBorough: on('rankBorough') };
}
