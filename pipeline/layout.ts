import { join } from 'node:path';
import type { TableName } from './standard/schema.js';

/**
 * Where every stage reads and writes under an output folder `OUT`. One place,
 * so that stages, the run orchestrator, notebooks and tests agree on paths,
 * and scripts and evaluators can rely on them (see docs/architecture.md).
 *
 * @example
 *   const out = outputLayout('out/sample');
 *   out.quarantineCsv('E09000007', 'properties'); // out/sample/quarantine/E09000007/properties.csv
 */
export function outputLayout(out: string) {
  return {
    root: out,
    /** DuckDB database with views over the accepted tables and features (for analysts and `--drop-db`). */
    database: join(out, 'hmo.duckdb'),
    ingestDir: join(out, 'ingest'),
    /** Accepted, typed rows of one table of one borough (Parquet, with a `borough_code` column). */
    acceptedTable: (borough: string, table: TableName) => join(out, 'ingest', borough, `${table}.parquet`),
    /** The per-borough part of the quality report: status, errors, warnings, extract date, per-table counts. */
    boroughStatus: (borough: string) => join(out, 'ingest', borough, 'borough.json'),
    quarantineDir: join(out, 'quarantine'),
    quarantineCsv: (borough: string, table: TableName) => join(out, 'quarantine', borough, `${table}.csv`),
    qualityJson: join(out, 'quality', 'report.json'),
    qualityHtml: join(out, 'quality', 'report.html'),
    featuresDir: join(out, 'features'),
    /** One row per property as of the borough's extract date (for scoring). */
    scoringFeatures: (borough: string) => join(out, 'features', borough, 'score.parquet'),
    /** One row per labelled property as of its latest inspection (for training), with `label`. */
    trainingFeatures: (borough: string) => join(out, 'features', borough, 'train.parquet'),
    modelDir: join(out, 'model'),
    evaluationDir: join(out, 'evaluation'),
    metricsJson: join(out, 'evaluation', 'metrics.json'),
    evaluationHtml: join(out, 'evaluation', 'report.html'),
    modelCard: join(out, 'evaluation', 'model_card.md'),
    /** The evaluated model's scores of a borough's list candidates (frame/CandidateScores.ts), which rank reads instead of scoring again. */
    candidateScores: (borough: string) => join(out, 'evaluation', 'scores', `${borough}.parquet`),
    candidateScoresDir: join(out, 'evaluation', 'scores'),
    /** The officers' lists: the champion model's (written by promotion, or when the data changes under the champion). */
    listsDir: join(out, 'lists'),
    /** What OUT/lists holds: the champion run, its model, the data it was ranked on (see publishChampionLists). */
    listsProvenance: join(out, 'lists', 'lists.json'),
    /** Before any model is promoted, OUT/lists holds only this notice. */
    listsNotice: join(out, 'lists', 'README.txt'),
    listCsv: (borough: string) => join(out, 'lists', borough, 'inspection_list.csv'),
    listHtml: (borough: string) => join(out, 'lists', borough, 'inspection_list.html'),
    runsDir: join(out, 'runs'),
    /** A run's candidate lists (its own model's), kept with its record: OUT/runs/<id>/lists/<GSS>/inspection_list.{csv,html}. */
    runLists: (runId: string) => join(out, 'runs', runId),
    runDir: (runId: string) => join(out, 'runs', runId),
    /** A run's record: id, status, timings, fingerprints, model reference, headline metrics. */
    runRecord: (runId: string) => join(out, 'runs', runId, 'run.json'),
    /** The effective params of a run. */
    runParams: (runId: string) => join(out, 'runs', runId, 'params.json'),
    /** A copy of the run's OUT/evaluation/metrics.json. */
    runMetrics: (runId: string) => join(out, 'runs', runId, 'metrics.json'),
    /** The model trained by a run (a run whose train stage was cached refers to an earlier run's). */
    runModelDir: (runId: string) => join(out, 'runs', runId, 'model'),
    registry: join(out, 'registry.json'),
    /** The run cache: one record per stage (and borough) with the hashes of its inputs and outputs. */
    cacheDir: join(out, 'cache'),
    cacheRecord: (node: string, borough?: string) => join(out, 'cache', node, `${borough ?? 'all'}.json`),
    /** Held by the `hmo run` writing to OUT (holds its process id), so that two runs never write at once. */
    runLock: join(out, 'cache', 'run.lock'),
  };
}

export type OutputLayout = ReturnType<typeof outputLayout>;
