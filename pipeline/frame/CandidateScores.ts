import { existsSync } from 'node:fs';
import { Duck, sqlString } from '../db/Duck.js';
import { readDoubleColumns } from '../db/readDoubleColumns.js';
import { produceAtomically } from '../util/atomicWrite.js';

/**
 * What a candidate-scores file was scored with: the model, the borough, the
 * candidate rule's setting (`candidateSql`'s `reinspectAfterMonths`) and the
 * SHA-256 of the scoring features file. A reader uses the scores only when
 * all four are the ones it would use (and the UPRNs are its candidates).
 */
export interface CandidateScoresHeader {
  model_id: string;
  borough: string;
  reinspect_after_months: number | null;
  features_sha256: string;
}

/** The scores of a borough's list candidates, ordered by UPRN (at most 12 digits: exact as doubles); NaN where none. */
export interface CandidateScores {
  uprns: Float64Array;
  scores: Float64Array;
}

/**
 * The one scoring pass of a run's candidates: the evaluate stage scores every
 * candidate of a borough's list (the list forecast and the field trial need
 * the list's order) and writes the scores here, as
 * OUT/evaluation/scores/<GSS>.parquet (`uprn BIGINT, score DOUBLE`, ordered by
 * UPRN; the header in the Parquet key-value metadata); the rank stage reads
 * them instead of scoring the same rows again. Written atomically, through
 * `db` (the caller's DuckDB), byte-identical for the same scores.
 *
 * @example
 *   await writeCandidateScores(db, layout.candidateScores('E09000007'), { model_id, borough: 'E09000007', reinspect_after_months: null, features_sha256 }, { uprns, scores });
 */
export async function writeCandidateScores(db: Duck, path: string, header: CandidateScoresHeader, values: CandidateScores): Promise<void> {
  const { uprns, scores } = values;
  if (uprns.length !== scores.length) throw new Error(`writeCandidateScores: ${uprns.length} UPRNs but ${scores.length} scores (${path})`);
  const table = `candidate_scores_${header.borough.replace(/[^A-Za-z0-9]/g, '_')}`;
  await db.run(`CREATE OR REPLACE TABLE ${table} (uprn DOUBLE, score DOUBLE)`);
  try {
    const appender = await db.connection.createAppender(table);
    for (let i = 0; i < uprns.length; i++) {
      appender.appendDouble(uprns[i] as number);
      const score = scores[i] as number;
      if (Number.isNaN(score)) appender.appendNull();
      else appender.appendDouble(score);
      appender.endRow();
    }
    appender.closeSync();
    const metadata =
      `KV_METADATA {model_id: ${sqlString(header.model_id)}, borough: ${sqlString(header.borough)}, ` +
      `reinspect_after_months: ${sqlString(header.reinspect_after_months === null ? 'null' : String(header.reinspect_after_months))}, ` +
      `features_sha256: ${sqlString(header.features_sha256)}}`;
    await produceAtomically(path, (tmp) =>
      db.run(`COPY (SELECT CAST(uprn AS BIGINT) AS uprn, score FROM ${table} ORDER BY uprn) TO ${sqlString(tmp)} (FORMAT parquet, ${metadata})`),
    );
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

/**
 * The scores `writeCandidateScores` wrote at `path`, when the file exists and
 * its header is `expected` (same model, borough, candidate rule and features); else
 * undefined, and the caller scores the candidates itself.
 *
 * @example
 *   const shared = await readCandidateScores(layout.candidateScores('E09000007'), { model_id, borough: 'E09000007', reinspect_after_months: null, features_sha256 });
 */
export async function readCandidateScores(path: string, expected: CandidateScoresHeader, db?: Duck): Promise<CandidateScores | undefined> {
  if (!existsSync(path)) return undefined;
  const own = db === undefined;
  const duck = db ?? (await Duck.open());
  try {
    const file = sqlString(path);
    const pairs = await duck.all<{ key: string; value: string }>(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${file})`);
    const header = new Map(pairs.map((p) => [p.key, p.value]));
    const months = expected.reinspect_after_months === null ? 'null' : String(expected.reinspect_after_months);
    const same =
      header.get('model_id') === expected.model_id &&
      header.get('borough') === expected.borough &&
      header.get('reinspect_after_months') === months &&
      header.get('features_sha256') === expected.features_sha256;
    if (!same) return undefined;
    const { columns } = await readDoubleColumns(duck, `SELECT CAST(uprn AS DOUBLE) AS uprn, score FROM read_parquet(${file}) ORDER BY uprn`);
    return { uprns: columns.get('uprn') ?? new Float64Array(0), scores: columns.get('score') ?? new Float64Array(0) };
  } finally {
    if (own) duck.close();
  }
}
