// Address-matching benchmark: precision, coverage, time and memory of pipeline/harmonise/address on messy
// variants of a borough's gazetteer (issue 14).
// Usage: node dist/scripts/bench/addressMatching.js [--properties FILE | --borough GSS --scale N] [--seed 1]
//          [--missing 0.03] [--rows N] [--sure P] [--review P] [--json FILE] [--errors N]
// Without --properties it generates one borough (default Hackney, E09000012) with `hmo generate` at --scale
// (default 36, about 100k properties) into a temporary folder. A share --missing of the properties is taken out
// of the gazetteer after their messy rows are written, so those rows are unmatchable (a partial gazetteer):
// a sure UPRN for one of them is a precision error.
// Prints a JSON summary: rows, matchable, sure/review/none, precision and coverage of sure matches, seconds per
// phase (wall and CPU), peak resident memory, candidate pairs, the learned model; with --errors N, N wrong sure matches.
import type { DuckDBAppender } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Duck, sqlString } from '../../pipeline/db/Duck.js';
import { generateDrop } from '../../pipeline/generate/generateDrop.js';
import { matchAddressesToTable } from '../../pipeline/harmonise/address/matchAddresses.js';
import { messyAddressVariants, type GazetteerEntry } from '../../pipeline/harmonise/address/messyAddressVariants.js';
import { Random } from '../../pipeline/util/Random.js';

const { values } = parseArgs({
  options: {
    properties: { type: 'string' },
    borough: { type: 'string', default: 'E09000012' },
    scale: { type: 'string', default: '36' },
    seed: { type: 'string', default: '1' },
    missing: { type: 'string', default: '0.03' },
    rows: { type: 'string' },
    sure: { type: 'string' },
    review: { type: 'string' },
    json: { type: 'string' },
    errors: { type: 'string', default: '0' },
    threads: { type: 'string' },
  },
});

const LOCALITIES: Record<string, readonly string[]> = {
  E09000012: ['Hackney', 'Stoke Newington', 'Dalston', 'Homerton', 'Clapton'],
  E09000007: ['Camden', 'Kentish Town', 'Holborn', 'Hampstead'],
};

const seed = Number(values.seed);
const seconds: Record<string, number> = {};
// CPU seconds of this process, DuckDB's threads included: on a shared, busy machine wall time is not comparable.
const cpuSeconds: Record<string, number> = {};
const cpuNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
let t = performance.now();
let cpu = cpuNow();
const lap = (name: string) => {
  const now = performance.now();
  seconds[name] = Math.round(now - t) / 1000;
  t = now;
  const cpuAt = cpuNow();
  cpuSeconds[name] = Math.round((cpuAt - cpu) * 1000) / 1000;
  cpu = cpuAt;
};

let scratch: string | undefined;
let propertiesFile = values.properties;
if (propertiesFile === undefined) {
  scratch = mkdtempSync(join(tmpdir(), 'hmo-address-bench-'));
  await generateDrop({ out: scratch, boroughs: [values.borough], scale: Number(values.scale), seed });
  propertiesFile = join(scratch, 'drop', values.borough, 'properties.csv');
  lap('generate_drop');
}

const db = await Duck.open();
try {
  if (values.threads !== undefined) await db.run(`SET threads = ${Number(values.threads)}`);
  await db.run(`CREATE TABLE gazetteer_full AS
    SELECT CAST(uprn AS VARCHAR) AS uprn, address, postcode FROM read_csv(${sqlString(propertiesFile)}, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"', strict_mode = false, ignore_errors = true)
    WHERE regexp_full_match(uprn, '[1-9][0-9]{0,11}') AND address IS NOT NULL AND regexp_full_match(postcode, '[A-Z0-9]+ [0-9][A-Z]{2}')
    QUALIFY count(*) OVER (PARTITION BY uprn) = 1 AND count(*) OVER (PARTITION BY lower(address), postcode) = 1`);
  const entries = (await db.all<GazetteerEntry>('SELECT uprn, address, postcode FROM gazetteer_full ORDER BY uprn')).map((e) => ({
    uprn: e.uprn,
    address: e.address,
    postcode: e.postcode ?? null,
  }));
  const rowsWanted = values.rows === undefined ? entries.length : Math.min(entries.length, Number(values.rows));
  const chosen = new Random(seed).fork('bench-rows').shuffle([...entries]).slice(0, rowsWanted);
  const messy = messyAddressVariants(chosen, { seed, localities: LOCALITIES[values.borough] ?? ['London'] });
  await db.run('CREATE TABLE raw (key BIGINT, address VARCHAR, postcode VARCHAR)');
  await db.run('CREATE TABLE truth (key BIGINT, uprn VARCHAR, forms VARCHAR)');
  const raw = await db.connection.createAppender('raw');
  const truth = await db.connection.createAppender('truth');
  for (const row of messy) {
    raw.appendBigInt(BigInt(row.key));
    raw.appendVarchar(row.address);
    appendNullable(raw, row.postcode);
    raw.endRow();
    truth.appendBigInt(BigInt(row.key));
    truth.appendVarchar(row.uprn);
    truth.appendVarchar(row.forms.join(' '));
    truth.endRow();
  }
  raw.closeSync();
  truth.closeSync();
  // A partial gazetteer: a seeded share of the properties is not in it.
  const missingShare = Number(values.missing);
  await db.run(`CREATE TABLE gazetteer AS SELECT * FROM gazetteer_full WHERE hash(uprn, ${seed}) % 10000 >= ${Math.round(missingShare * 10000)}`);
  lap('prepare_rows');

  const rssBefore = process.memoryUsage().rss;
  const run = await matchAddressesToTable(db.connection, 'raw', 'gazetteer', 'matches', {
    seed,
    ...(values.sure === undefined ? {} : { sureThreshold: Number(values.sure) }),
    ...(values.review === undefined ? {} : { reviewThreshold: Number(values.review) }),
  });
  lap('match');

  const [quality] = await db.all<Record<string, number>>(`
    SELECT count(*) AS rows,
      count(*) FILTER (g.uprn IS NOT NULL) AS matchable,
      count(*) FILTER (m.decision = 'sure') AS sure,
      count(*) FILTER (m.decision = 'sure' AND m.uprn = t.uprn) AS sure_right,
      count(*) FILTER (m.decision = 'sure' AND g.uprn IS NULL) AS sure_on_unmatchable,
      count(*) FILTER (m.decision = 'review') AS review,
      count(*) FILTER (m.decision = 'review' AND m.best_uprn = t.uprn) AS review_best_right,
      count(*) FILTER (m.decision = 'none') AS none,
      count(*) FILTER (m.decision = 'none' AND g.uprn IS NULL) AS none_unmatchable
    FROM truth t JOIN matches m USING (key) LEFT JOIN gazetteer g ON g.uprn = t.uprn`);
  const q = Object.fromEntries(Object.entries(quality ?? {}).map(([k, v]) => [k, Number(v)])) as Record<string, number>;
  const byForm = await db.all<Record<string, unknown>>(`
    SELECT form, count(*) AS rows, count(*) FILTER (m.decision = 'sure') AS sure,
      count(*) FILTER (m.decision = 'sure' AND m.uprn <> t.uprn) AS wrong,
      round(count(*) FILTER (m.decision = 'sure' AND m.uprn = t.uprn) / nullif(count(*) FILTER (g.uprn IS NOT NULL), 0), 4) AS coverage
    FROM (SELECT key, uprn, unnest(string_split(forms, ' ')) AS form FROM truth) t
    JOIN matches m USING (key) LEFT JOIN gazetteer g ON g.uprn = t.uprn
    WHERE form <> '' GROUP BY form ORDER BY form`);
  const errorsWanted = Number(values.errors);
  const errors =
    errorsWanted > 0
      ? await db.all(`SELECT t.key, r.address AS raw_address, r.postcode AS raw_postcode, t.forms, gt.address AS true_address,
            gm.address AS matched_address, gm.postcode AS matched_postcode, m.score, m.decision
          FROM truth t JOIN matches m USING (key) JOIN raw r USING (key)
          LEFT JOIN gazetteer_full gt ON gt.uprn = t.uprn LEFT JOIN gazetteer_full gm ON gm.uprn = coalesce(m.uprn, m.best_uprn)
          WHERE (m.decision = 'sure' AND m.uprn <> t.uprn)
             OR (m.decision <> 'sure' AND t.uprn IN (SELECT uprn FROM gazetteer))
          ORDER BY m.decision = 'sure' DESC, hash(t.key) LIMIT ${errorsWanted}`)
      : [];
  const summary = {
    properties_file: values.properties ?? `generated ${values.borough} at scale ${values.scale}`,
    gazetteer_rows: entries.length - Math.round(entries.length * missingShare),
    raw_rows: q.rows,
    matchable_rows: q.matchable,
    sure: q.sure,
    review: q.review,
    none: q.none,
    precision_sure: round((q.sure_right ?? 0) / Math.max(1, q.sure ?? 0)),
    coverage_sure: round((q.sure_right ?? 0) / Math.max(1, q.matchable ?? 0)),
    sure_on_unmatchable: q.sure_on_unmatchable,
    review_best_candidate_right: q.review_best_right,
    none_on_unmatchable: q.none_unmatchable,
    candidate_pairs: run.candidatePairs,
    seconds,
    cpu_seconds: cpuSeconds,
    match_rows_per_second: Math.round((q.rows ?? 0) / (seconds.match ?? 1)),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    rss_before_match_mb: Math.round(rssBefore / 1048576),
    by_form: byForm.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]))),
    model: run.model,
    errors,
  };
  const text = JSON.stringify(summary, (_, v) => (typeof v === 'bigint' ? Number(v) : v), 2);
  if (values.json !== undefined) writeFileSync(values.json, `${text}\n`);
  process.stdout.write(`${text}\n`);
} finally {
  db.close();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
}

function appendNullable(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

function round(x: number): number {
  return Math.round(x * 100000) / 100000;
}
