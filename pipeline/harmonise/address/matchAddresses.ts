import type { DuckDBConnection } from '@duckdb/node-api';
import { harmoniseAddressMessages as messages } from '../../messages/harmoniseAddress.js';
import { HarmoniseError } from '../../errors/HarmoniseError.js';
import { COMPARISONS, derivedColumnsSql, levelColumnsSql } from './comparisonSql.js';
import { CandidateSets, FellegiSunterModel, type ModelSummary, type PatternCount } from './FellegiSunterModel.js';
import { normaliseAddressesSql } from './normaliseAddressesSql.js';

export type MatchDecision = 'sure' | 'review' | 'none';

export interface AddressMatch {
  /** The raw row's key (its line number in the raw file). */
  key: number;
  /** The matched UPRN; null unless `decision === 'sure'`. */
  uprn: string | null;
  /** Probability (0..1) that the best candidate is the row's property (the model's posterior); 0 with no candidate. */
  score: number;
  decision: MatchDecision;
  /** The best candidate even when not sure (for the review sheet). */
  bestUprn: string | null;
  candidate2Uprn: string | null;
  /** Probability that the second candidate is the row's property. */
  candidate2Score: number | null;
}

export interface MatchOptions {
  /** Probability at or above which the best candidate may be sure (default 0.99). */
  sureThreshold?: number;
  /** Probability at or above which a row goes to review rather than none (default 0.2). */
  reviewThreshold?: number;
  /** Seed of the sample of raw rows the model is trained on and of the random pairs u starts from (default 1). */
  seed?: number;
  /** How many match-weight bits the best candidate must lead the second by to be sure (default 4). */
  marginBits?: number;
  /** Raw rows (a seeded sample) whose candidates train the model (default 50,000). */
  trainingRows?: number;
  /** Raw rows compared and decided at a time; memory grows with the batch, not the table (default 100,000). */
  batchRows?: number;
}

export const DEFAULT_SURE_THRESHOLD = 0.99;
export const DEFAULT_REVIEW_THRESHOLD = 0.2;
export const DEFAULT_MARGIN_BITS = 4;
const DEFAULT_TRAINING_ROWS = 50_000;
const DEFAULT_RANDOM_PAIRS = 50_000;
const DEFAULT_BATCH_ROWS = 100_000;

/** What a table-writing run found, beside the rows it wrote. */
export interface AddressMatchRun {
  readonly rows: number;
  readonly sure: number;
  readonly review: number;
  readonly none: number;
  readonly candidatePairs: number;
  /** The learned Fellegi–Sunter parameters (π, and m, u, weight per comparison level). */
  readonly model: ModelSummary;
}

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
let runCounter = 0;

/**
 * Matches every row of `rawTable` (key BIGINT, address VARCHAR, postcode
 * VARCHAR NULL) against `gazetteerTable` (uprn VARCHAR, address VARCHAR,
 * postcode VARCHAR NULL), both in `conn`, and returns one AddressMatch per
 * raw row, in key order. A UPRN is given only when the decision is `sure`.
 * For large tables prefer `matchAddressesToTable`, which leaves the result in
 * DuckDB.
 *
 * @example
 *   const matches = await matchAddresses(conn, 'raw_licences', 'gazetteer');
 *   // [{ key: 2, uprn: '100021234567', score: 0.99998, decision: 'sure', bestUprn: '100021234567', ... }, ...]
 */
export async function matchAddresses(
  conn: DuckDBConnection,
  rawTable: string,
  gazetteerTable: string,
  options: MatchOptions = {},
): Promise<AddressMatch[]> {
  const target = `__hmo_am_result_${process.pid}_${++runCounter}`;
  await matchAddressesToTable(conn, rawTable, gazetteerTable, target, options);
  try {
    const reader = await conn.runAndReadAll(
      `SELECT key, uprn, score, decision, best_uprn, candidate2_uprn, candidate2_score FROM ${target} ORDER BY key`,
    );
    return reader.getRows().map((row) => ({
      key: Number(row[0]),
      uprn: (row[1] as string | null) ?? null,
      score: row[2] as number,
      decision: row[3] as MatchDecision,
      bestUprn: (row[4] as string | null) ?? null,
      candidate2Uprn: (row[5] as string | null) ?? null,
      candidate2Score: (row[6] as number | null) ?? null,
    }));
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${target}`);
  }
}

/**
 * As `matchAddresses`, but writes the result to the table `targetTable`
 * (replaced if it exists): key BIGINT, uprn VARCHAR, score DOUBLE, decision
 * VARCHAR, best_uprn VARCHAR, candidate2_uprn VARCHAR, candidate2_score
 * DOUBLE, match_weight DOUBLE, one row per raw row. Returns the counts and
 * the learned model.
 *
 * Phases: (1) check the tables; (2) normalise both sides (DuckDB SQL); (3)
 * the gazetteer's blocking keys; (4) per batch of raw rows, block (candidate
 * pairs that share a postcode, or a building number and the start or end of
 * a street or building name word) and compare each pair field by field; (5)
 * learn m, u and π by EM on a seeded sample's candidates; (6) per batch,
 * weigh, rank and decide.
 *
 * @example
 *   const run = await matchAddressesToTable(conn, 'raw_licences', 'gazetteer', 'licence_matches');
 *   console.log(run.sure, run.review, run.none);
 */
export async function matchAddressesToTable(
  conn: DuckDBConnection,
  rawTable: string,
  gazetteerTable: string,
  targetTable: string,
  options: MatchOptions = {},
): Promise<AddressMatchRun> {
  const sure = options.sureThreshold ?? DEFAULT_SURE_THRESHOLD;
  const review = options.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
  const margin = options.marginBits ?? DEFAULT_MARGIN_BITS;
  const seed = Math.trunc(options.seed ?? 1);
  if (!(review >= 0 && review <= sure && sure <= 1)) throw new HarmoniseError(messages.badThresholds(sure, review));
  for (const name of [rawTable, gazetteerTable, targetTable]) {
    if (!TABLE_NAME.test(name)) throw new HarmoniseError(messages.badTableName(name));
  }
  // Phase 1: the tables and their columns.
  await requireColumns(conn, 'gazetteer', gazetteerTable, ['uprn', 'address', 'postcode'], true);
  await requireColumns(conn, 'raw', rawTable, ['key', 'address', 'postcode'], false);
  const duplicate = await scalar(conn, `SELECT CAST(key AS VARCHAR) FROM ${rawTable} GROUP BY key HAVING count(*) > 1 ORDER BY key LIMIT 1`);
  if (duplicate !== null) throw new HarmoniseError(messages.duplicateKeys(rawTable, String(duplicate)));

  const p = `__hmo_am_${process.pid}_${++runCounter}`;
  const scratch = ['gz_in', 'gz_norm', 'gz', 'raw_in', 'raw_norm', 'raw', 'gz_keys', 'scored'].map((t) => `${p}_${t}`);
  const [gzIn, gzNorm, gz, rawIn, rawNorm, raw, gzKeys, scored] = scratch as [string, string, string, string, string, string, string, string];
  const batchRows = Math.max(1, Math.trunc(options.batchRows ?? DEFAULT_BATCH_ROWS));
  try {
    // Phase 2: normalise. The gazetteer's rows get a dense id; rows without a UPRN or an address cannot be matched to.
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${gzIn} AS
      SELECT row_number() OVER (ORDER BY u, a) AS key, u AS uprn, a AS address, p AS postcode
      FROM (SELECT CAST(uprn AS VARCHAR) AS u, CAST(address AS VARCHAR) AS a, CAST(postcode AS VARCHAR) AS p FROM ${gazetteerTable})
      WHERE u IS NOT NULL AND trim(a) <> ''`);
    const gazetteerRows = Number(await scalar(conn, `SELECT count(*) FROM ${gzIn}`));
    if (gazetteerRows === 0) throw new HarmoniseError(messages.emptyGazetteer(gazetteerTable));
    await conn.run(normaliseAddressesSql(gzIn, gzNorm));
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${gz} AS
      SELECT CAST(n.key AS INTEGER) AS gid, i.uprn, n.* EXCLUDE (key), ${derivedColumnsSql('gazetteer')} FROM ${gzNorm} n JOIN ${gzIn} i USING (key)`);
    await conn.run(`DROP TABLE ${gzNorm}`);
    await conn.run(`DROP TABLE ${gzIn}`);
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${rawIn} AS
      SELECT CAST(key AS BIGINT) AS key, CAST(address AS VARCHAR) AS address, CAST(postcode AS VARCHAR) AS postcode FROM ${rawTable}`);
    await conn.run(normaliseAddressesSql(rawIn, rawNorm));
    await conn.run(`DROP TABLE ${rawIn}`);
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${raw} AS
      SELECT row_number() OVER (ORDER BY key) AS rid, *, ${derivedColumnsSql('raw')} FROM ${rawNorm}`);
    await conn.run(`DROP TABLE ${rawNorm}`);
    const rawRows = Number(await scalar(conn, `SELECT count(*) FROM ${raw}`));

    // Phase 3: the gazetteer's blocking keys: building number (or flat, with no number) with the start (four
    // letters) or the end (three letters, of words of five or more) of the first word of the street (or
    // building name), so that a typo in the street still meets its street when the postcode is missing,
    // cut or wrong. Raw rows are blocked batch by batch (phase 4).
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${gzKeys} AS
      SELECT gid, bk, unnest(['<' || left(w, 4), CASE WHEN length(w) >= 5 THEN '>' || right(w, 3) END]) AS w4 FROM (
        SELECT gid, coalesce(CAST(num_base AS VARCHAR), 'f' || flat) AS bk,
          split_part(CASE WHEN num IS NOT NULL THEN coalesce(street, pre) ELSE coalesce(pre, street) END, ' ', 1) AS w
        FROM ${gz} WHERE num IS NOT NULL OR flat IS NOT NULL)
      WHERE w <> ''`);

    // Phase 4 (per batch of raw rows): candidate pairs (same postcode, or same block key) and their comparison
    // vectors. Batches keep memory bounded by the batch, not by the borough.
    const levels = COMPARISONS.map((_, i) => `l${i}`).join(', ');
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${scored} (key BIGINT, gid INTEGER, ${COMPARISONS.map((_, i) => `l${i} TINYINT`).join(', ')})`);
    const scoreRows = (rows: string) =>
      conn.run(`INSERT INTO ${scored}
      WITH rr AS (SELECT * FROM ${raw} WHERE ${rows}),
      rk AS (
        SELECT DISTINCT key, bk, w4 FROM (
          SELECT key, unnest(list_filter([coalesce(CAST(num_base AS VARCHAR), 'f' || flat),
              -- a bare number may be the flat of a named building ("5 Ash House" for "Flat 5, Ash House")
              CASE WHEN flat IS NULL THEN 'f' || num END], b -> b IS NOT NULL)) AS bk,
            -- the words of its building name and street (place words at their ends already stripped)
            concat_ws(' ', pre, street) AS name_words,
            -- the end of a word is tried only where the postcode cannot be trusted (their blocks grow with the borough)
            pc_state IN ('missing', 'cut', 'conflict') AS by_end
          FROM rr WHERE num IS NOT NULL OR flat IS NOT NULL) keys,
        LATERAL (SELECT unnest(string_split(keys.name_words, ' ')) AS w) ws,
        LATERAL (SELECT unnest(['<' || left(w, 4), CASE WHEN by_end AND length(w) >= 5 THEN '>' || right(w, 3) END]) AS w4) k
        WHERE w <> '' AND w4 IS NOT NULL
      ), cand AS (
        SELECT DISTINCT key, gid FROM (
          SELECT r.key, g.gid FROM rr r JOIN ${gz} g ON g.pc = r.pc_text
          UNION ALL SELECT r.key, g.gid FROM rr r JOIN ${gz} g ON g.pc = r.pc_col
          UNION ALL SELECT r.key, g.gid FROM rk r JOIN ${gzKeys} g ON r.bk = g.bk AND r.w4 = g.w4 AND g.w4 IS NOT NULL)
      )
      SELECT c.key, c.gid, ${COMPARISONS.map((comparison, i) => `CAST((${comparison.sql}) AS TINYINT) AS l${i}`).join(',\n  ')}
      FROM cand c JOIN rr r USING (key) JOIN ${gz} g USING (gid)`);

    // Phase 5: m, u and π by EM over the candidate sets of a seeded sample of raw rows, in two sessions
    // (Splink's way: a session never estimates a comparison its pairs were chosen by). Session 1: candidates
    // that share the postcode estimate number and flat, and building name. Session 2: candidates that share
    // number and flat (and whose building names do not differ) estimate street and postcode. u starts from
    // random pairs (seeded), which are nearly all non-matches, as Splink estimates u.
    const trainingRows = Math.max(1, Math.trunc(options.trainingRows ?? DEFAULT_TRAINING_ROWS));
    const randomCount = Math.min(DEFAULT_RANDOM_PAIRS, rawRows * gazetteerRows);
    const randomPairs = await patternCounts(
      conn,
      `SELECT ${levelColumnsSql()} FROM (
         SELECT (hash(i, ${seed}, 'raw') % ${rawRows}) + 1 AS rid, CAST((hash(i, ${seed}, 'gazetteer') % ${gazetteerRows}) + 1 AS INTEGER) AS gid
         FROM range(${randomCount}) t(i)) s
       JOIN ${raw} r USING (rid) JOIN ${gz} g USING (gid)`,
    );
    // Every raw row's candidates are compared once, batch by batch, into one table (DuckDB spills it to disk
    // past its memory limit); the model is trained on a seeded sample's candidate sets and applied to all.
    for (let from = 1; from <= rawRows; from += batchRows) await scoreRows(`rid BETWEEN ${from} AND ${from + batchRows - 1}`);
    const sample = trainingRows >= rawRows ? 'true' : `key IN (SELECT key FROM ${raw} ORDER BY hash(key, ${seed}), key LIMIT ${trainingRows})`;
    const session = async (where: string) =>
      candidateSets(conn, `SELECT key, ${levels}, count(*) AS n FROM ${scored} WHERE (${where}) AND ${sample} GROUP BY ALL ORDER BY ALL`);
    const byPostcode = [0, 1];
    const byAddress = [2, 3];
    const model = FellegiSunterModel.compose(COMPARISONS, [
      [FellegiSunterModel.fit(COMPARISONS, await session('l3 = 3'), { randomPairs, estimates: byPostcode }), byPostcode],
      [
        FellegiSunterModel.fit(COMPARISONS, await session('l0 = 6 AND l1 <> 0'), { randomPairs, estimates: byAddress }),
        byAddress,
      ],
    ]);

    // Phase 6 (per batch): weigh, rank, decide.
    const weightSql = [
      '0',
      ...COMPARISONS.map(
        (spec, c) =>
          `CASE l${c} ${Array.from({ length: spec.levels }, (_, l) => `WHEN ${l} THEN ${model.levelWeight(c, l)}`).join(' ')} ELSE 0 END`,
      ),
    ].join(' + ');
    // A UPRN is only ever written for a pair whose number and flat agree (different flats never share one; a
    // bare number may stand for the flat of a named building), whose building names do not disagree and whose
    // street is the same, found, or a typo of it.
    const [unit, building, street] = [0, 1, 2];
    const mayBeSure = `(l${unit} = 6 AND l${building} <> 0 AND l${street} IN (-1, 2, 3, 4))
      OR (l${unit} = 5 AND l${building} IN (2, 4) AND l${street} IN (-1, 2, 3, 4))
      OR (l${unit} = -1 AND l${building} = 4 AND l${street} IN (-1, 3, 4))`;
    await conn.run(`CREATE OR REPLACE TABLE ${targetTable} (key BIGINT, uprn VARCHAR, score DOUBLE, decision VARCHAR,
      best_uprn VARCHAR, candidate2_uprn VARCHAR, candidate2_score DOUBLE, match_weight DOUBLE)`);
    const candidatePairs = Number(await scalar(conn, `SELECT count(*) FROM ${scored}`));
    for (let from = 1; from <= rawRows; from += batchRows) {
      const rows = `rid BETWEEN ${from} AND ${from + batchRows - 1}`;
      await conn.run(`INSERT INTO ${targetTable}
      WITH weighted AS (
        SELECT key, gid, ${weightSql} AS w, ${mayBeSure} AS may_be_sure FROM ${scored} WHERE key IN (SELECT key FROM ${raw} WHERE ${rows})
      ), ranked AS (
        SELECT *, row_number() OVER (PARTITION BY key ORDER BY w DESC, gid) AS rank,
          count(*) OVER (PARTITION BY key) AS n,
          sum(pow(2, w)) OVER (PARTITION BY key) AS total
        FROM weighted
      ), posterior AS (
        -- the chance that this candidate is the row's property: (π/n)·2^w / ((1−π) + (π/n)·Σ 2^w)
        SELECT q.*, g.uprn, (${model.pi} / n) * pow(2, w) / ((1 - ${model.pi}) + (${model.pi} / n) * total) AS p
        FROM ranked q JOIN ${gz} g USING (gid) WHERE rank <= 2
      ), top2 AS (
        SELECT key,
          max(CASE WHEN rank = 1 THEN uprn END) AS best_uprn,
          max(CASE WHEN rank = 1 THEN w END) AS w1,
          max(CASE WHEN rank = 1 THEN p END) AS p1,
          bool_or(CASE WHEN rank = 1 THEN may_be_sure END) AS may_be_sure,
          max(CASE WHEN rank = 2 THEN uprn END) AS candidate2_uprn,
          max(CASE WHEN rank = 2 THEN w END) AS w2,
          max(CASE WHEN rank = 2 THEN p END) AS p2
        FROM posterior GROUP BY key
      ), decided AS (
        SELECT r.key, t.best_uprn, t.w1, t.candidate2_uprn, t.w2, coalesce(t.p1, 0) AS p1, t.p2, t.may_be_sure
        FROM ${raw} r LEFT JOIN top2 t USING (key) WHERE r.${rows}
      )
      SELECT key,
        CASE WHEN decision = 'sure' THEN best_uprn END AS uprn,
        p1 AS score, decision, best_uprn, candidate2_uprn, p2 AS candidate2_score, w1 AS match_weight
      FROM (
        SELECT *, CASE
          WHEN best_uprn IS NULL THEN 'none'
          WHEN p1 >= ${sure} AND may_be_sure AND (w2 IS NULL OR w1 - w2 >= ${margin}) THEN 'sure'
          WHEN p1 >= ${review} THEN 'review'
          ELSE 'none' END AS decision
        FROM decided)
      ORDER BY key`);
    }
    const counts = await conn.runAndReadAll(
      `SELECT count(*) FILTER (decision = 'sure'), count(*) FILTER (decision = 'review'), count(*) FILTER (decision = 'none') FROM ${targetTable}`,
    );
    const [sureCount, reviewCount, noneCount] = (counts.getRows()[0] ?? [0, 0, 0]).map((v) => Number(v));
    return {
      rows: rawRows,
      sure: sureCount as number,
      review: reviewCount as number,
      none: noneCount as number,
      candidatePairs,
      model: model.summary(),
    };
  } finally {
    for (const table of scratch) await conn.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

async function requireColumns(conn: DuckDBConnection, role: string, table: string, expected: readonly string[], isGazetteer: boolean): Promise<void> {
  let present: string[];
  try {
    const reader = await conn.runAndReadAll(`DESCRIBE ${table}`);
    present = reader.getRows().map((row) => String(row[0]).toLowerCase());
  } catch {
    throw new HarmoniseError(isGazetteer ? messages.noGazetteer(table) : messages.missingTable(role, table));
  }
  const missing = expected.filter((c) => !present.includes(c));
  if (missing.length > 0) throw new HarmoniseError(messages.missingColumns(role, table, missing, expected));
}

async function scalar(conn: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRows()[0]?.[0] ?? null;
}

/**
 * Rows (key, l0.., n) ordered by key, as candidate sets, read chunk by chunk
 * (DuckDB streams the result): the sample's candidates are held as typed
 * arrays (12 bytes an entry), never as one JavaScript array per row, so this
 * stays small however many candidates a row of a large borough has.
 */
async function candidateSets(conn: DuckDBConnection, sql: string): Promise<CandidateSets> {
  const result = await conn.stream(sql);
  const width = COMPARISONS.length;
  const ids = new Map<string, number>();
  const patterns: number[][] = [];
  const starts: number[] = [];
  let pattern = new Int32Array(1 << 16);
  let count = new Float64Array(1 << 16);
  let entries = 0;
  let previous: unknown = undefined;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    for (const row of chunk.getRows()) {
      if (entries === pattern.length) {
        const grownPattern = new Int32Array(pattern.length * 2);
        grownPattern.set(pattern);
        pattern = grownPattern;
        const grownCount = new Float64Array(count.length * 2);
        grownCount.set(count);
        count = grownCount;
      }
      if (entries === 0 || row[0] !== previous) starts.push(entries);
      previous = row[0];
      let id = '';
      for (let c = 1; c <= width; c++) id += `${Number(row[c])},`;
      let p = ids.get(id);
      if (p === undefined) {
        p = patterns.push(Array.from({ length: width }, (_, c) => Number(row[c + 1]))) - 1;
        ids.set(id, p);
      }
      pattern[entries] = p;
      count[entries] = Number(row[width + 1]);
      entries += 1;
    }
  }
  starts.push(entries);
  return new CandidateSets(patterns, Int32Array.from(starts), pattern.slice(0, entries), count.slice(0, entries));
}

async function patternCounts(conn: DuckDBConnection, levelsSql: string): Promise<PatternCount[]> {
  const levels = COMPARISONS.map((_, i) => `l${i}`).join(', ');
  const reader = await conn.runAndReadAll(`SELECT ${levels}, count(*) AS n FROM (${levelsSql}) GROUP BY ALL ORDER BY ALL`);
  return reader.getRows().map((row) => ({
    levels: COMPARISONS.map((_, i) => Number(row[i])),
    count: Number(row[COMPARISONS.length]),
  }));
}
