import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import type { BoroughStatus } from '../db/BoroughStatus.js';
import { type Duck, sqlString } from '../db/Duck.js';
import { openDropDb } from '../db/openDropDb.js';
import { outputLayout } from '../layout.js';
import { featuresMessages as m } from '../messages/features.js';
import type { Params } from '../params/Params.js';
import type { StageContext } from '../stage.js';
import { loadSchema } from '../standard/schema.js';
import { produceAtomically } from '../util/atomicWrite.js';
import { catalogueHash, featureCatalogue } from './catalogue.js';
import { anchorsTableSql, featureSelectSql } from './featureSql.js';
import { FeaturesError } from '../errors/FeaturesError.js';
import { TRAINING_COLUMNS } from '../frame/FeatureFrame.js';
import { trainingLabelsSql } from './trainingLabelsSql.js';

/** What `buildBoroughFeatures` wrote, for logs and the run record. */
export interface BoroughFeatureSummary {
  borough_code: string;
  /** The extract date: the as-of date of score.parquet. */
  as_of: string;
  score_rows: number;
  train_rows: number;
  /** Training rows labelled hmo. */
  positives: number;
  /** Training rows of declared HMOs (licence-application inspection, or licensed the day before): kept, flagged `declared`. */
  declared: number;
  /** The catalogue hash written into both files' Parquet metadata. */
  catalogue_hash: string;
}

/**
 * Builds the point-in-time features of one ingested borough:
 * `OUT/features/<code>/score.parquet` (every property, as of the extract
 * date, records dated on or before it) and `OUT/features/<code>/train.parquet`
 * (every labelled property, as of the day before its latest conclusive
 * inspection, records dated strictly before it; with `label`,
 * `inspection_date`, `trigger`). All computation runs in DuckDB, in one
 * feature query over both files' (UPRN, as_of) pairs (the query's fixed cost,
 * planning and whole-table passes, is paid once, not once per file); both
 * files are written atomically, ordered by UPRN, with the catalogue hash and
 * the windows in their Parquet key-value metadata.
 *
 * @example
 *   await buildBoroughFeatures({ out: 'out/sample', borough: 'E09000007', params: { recent_months: 12, long_months: 36 } }, silentContext);
 */
export async function buildBoroughFeatures(
  input: { out: string; borough: string; params: Params['features'] },
  ctx: StageContext,
): Promise<BoroughFeatureSummary> {
  const { out, borough, params } = input;
  const status = usableStatus(out, borough);
  const layout = outputLayout(out);
  const catalogue = featureCatalogue(params);
  const hash = catalogueHash(params);
  const metadata = `KV_METADATA {catalogue_hash: ${sqlString(hash)}, recent_months: '${params.recent_months}', long_months: '${params.long_months}'}`;
  const db = await openDropDb(out, [borough]);
  try {
    // On a worker thread, boroughs run side by side (hmo run's WorkerPool), one per core: a second DuckDB
    // thread per borough would only add CPU (about 15% more for a large borough). Alone on the main thread, it saves wall time.
    if (!isMainThread) await db.run('SET threads = 1');
    ctx.progress.start(`features ${borough}`, 2, 'files');
    const code = sqlString(borough);
    const asOf = `(SELECT extract_date FROM boroughs WHERE borough_code = ${code})`;

    // Phase 1: the anchors of both files. Every property as of the extract
    // date (score.parquet) and every labelled inspection as of the day before
    // it (train.parquet); a feature row is a function of (UPRN, as_of) alone,
    // so both files' rows come from one feature query over the distinct pairs.
    await db.run(`CREATE OR REPLACE TEMP TABLE labels AS ${trainingLabelsSql(borough)}`);
    // Each pair gets an integer id, `aid`, numbered in (UPRN, as_of) order: the cumulative plan keys its per-anchor results on it.
    await db.run(
      anchorsTableSql(
        `SELECT DISTINCT borough_code, uprn, as_of FROM (
           SELECT p.borough_code, p.uprn, b.extract_date AS as_of
           FROM properties p JOIN boroughs b ON b.borough_code = p.borough_code
           WHERE p.borough_code = ${code}
           UNION ALL
           SELECT borough_code, uprn, as_of FROM labels
         )`,
      ),
    );
    const [expected] = await db.all<{ score: number; train: number }>(
      `SELECT (SELECT CAST(count(*) AS INTEGER) FROM properties WHERE borough_code = ${code}) AS score,
              (SELECT CAST(count(*) AS INTEGER) FROM labels) AS train`,
    );

    // Phase 2: one pass of the feature query over every anchor (running
    // totals: the as_of dates are many), into a scratch Parquet file beside
    // the outputs (memory stays flat whatever the borough's size).
    const scratch = join(dirname(layout.scoringFeatures(borough)), `.features-${process.pid}-${threadId}.parquet`);
    mkdirSync(dirname(scratch), { recursive: true });
    let scoreRows: number;
    let trainRows: number;
    try {
      // Unsorted: each file sorts its own rows.
      await db.run(`COPY (${featureSelectSql(catalogue, params, [], 'cumulative', 'none')}) TO ${sqlString(scratch)} (FORMAT parquet)`);
      const features = `read_parquet(${sqlString(scratch)})`;

      // Phase 3: the two files, each ordered by UPRN (then as_of).
      scoreRows = await writeFeatures(
        db,
        layout.scoringFeatures(borough),
        `SELECT * FROM ${features} WHERE as_of = ${asOf} ORDER BY uprn`,
        metadata,
        borough,
        expected?.score ?? 0,
      );
      ctx.progress.update(1);
      const passThrough = ['label', 'inspection_date', 'trigger', 'declared'] satisfies Array<(typeof TRAINING_COLUMNS)[number]>;
      trainRows = await writeFeatures(
        db,
        layout.trainingFeatures(borough),
        `SELECT f.*, ${passThrough.map((c) => `l."${c}"`).join(', ')}
         FROM labels l JOIN ${features} f ON f.uprn = l.uprn AND f.as_of = l.as_of
         ORDER BY f.uprn, f.as_of`,
        metadata,
        borough,
        expected?.train ?? 0,
      );
      ctx.progress.update(2);
      ctx.progress.finish();
    } finally {
      rmSync(scratch, { force: true });
    }

    const [counts] = await db.all<{ positives: number; declared: number }>(
      `SELECT CAST(count(*) FILTER (WHERE label = 1) AS INTEGER) AS positives, CAST(count(*) FILTER (WHERE declared) AS INTEGER) AS declared
       FROM labels`,
    );
    const summary: BoroughFeatureSummary = {
      borough_code: borough,
      as_of: status.extract_date ?? '',
      score_rows: scoreRows,
      train_rows: trainRows,
      positives: counts?.positives ?? 0,
      declared: counts?.declared ?? 0,
      catalogue_hash: hash,
    };
    if (trainRows === 0) ctx.log.warn(m.noLabels(borough));
    ctx.log.info(m.boroughDone(summary));
    return summary;
  } finally {
    db.close();
  }
}

/** The borough's ingest status, if the borough can have features; otherwise a FeaturesError saying why not. */
export function usableStatus(out: string, borough: string): BoroughStatus {
  if (!loadSchema().isLondonBorough(borough)) throw new FeaturesError(m.notALondonCode(borough));
  const file = outputLayout(out).boroughStatus(borough);
  if (!existsSync(file)) throw new FeaturesError(m.notIngested(borough, out));
  const status = JSON.parse(readFileSync(file, 'utf8')) as BoroughStatus;
  if (status.status !== 'ok') throw new FeaturesError(m.failedIngest(borough, status.errors[0]));
  if (status.extract_date === null) throw new FeaturesError(m.noExtractDate(borough));
  return status;
}

/** Writes one anchor-per-row feature file atomically and returns its row count (checked against the anchors it should have). */
async function writeFeatures(db: Duck, file: string, select: string, metadata: string, borough: string, expected: number): Promise<number> {
  return produceAtomically(file, async (tmp) => {
    await db.run(`COPY (${select}) TO ${sqlString(tmp)} (FORMAT parquet, ${metadata})`);
    const [written] = await db.all<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM read_parquet(${sqlString(tmp)})`);
    const rows = written?.n ?? 0;
    if (rows !== expected) throw new FeaturesError(m.rowCountMismatch(borough, file, expected, rows));
    return rows;
  });
}
