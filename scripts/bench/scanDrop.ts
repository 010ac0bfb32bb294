/**
 * The bare DuckDB scan the benchmark compares ingest with: one
 * `SELECT count(*) FROM read_csv([...every CSV of the drop...])`, no
 * validation, no typing, no output. Run as its own process by the harness
 * (so its memory is measured apart):
 *
 *   node dist/scripts/bench/scanDrop.js <drop>
 *
 * prints one JSON line: `{"files":…, "rows":…, "seconds":…}`.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Duck, sqlString } from '../../pipeline/db/Duck.js';

/** Every CSV file of a drop, in a stable order. */
export function dropCsvFiles(drop: string): string[] {
  return readdirSync(drop)
    .sort()
    .map((borough) => join(drop, borough))
    .filter((folder) => statSync(folder).isDirectory())
    .flatMap((folder) => readdirSync(folder).sort().filter((name) => name.endsWith('.csv')).map((name) => join(folder, name)));
}

/**
 * Counts the records of every CSV of the drop in one DuckDB scan. Tables
 * differ in columns, so the scan unions them by name; every value is read as
 * text and rows DuckDB cannot parse are skipped (the faults a real drop
 * carries must not stop a baseline that validates nothing).
 *
 * @example
 *   const { rows, seconds } = await scanDrop('scripts/bench/cache/drops/.../drop');
 */
export async function scanDrop(drop: string): Promise<{ files: number; rows: number; seconds: number }> {
  const files = dropCsvFiles(drop);
  const db = await Duck.open();
  try {
    const options = 'all_varchar = true, header = true, null_padding = true, ignore_errors = true';
    // Warm up DuckDB's CSV reader and thread pool on one file, so the timing is of the scan alone; with the
    // scan's own options (with the sniffer's defaults DuckDB refuses a file with records of the wrong field count).
    if (files[0] !== undefined) await db.all(`SELECT count(*) FROM read_csv(${sqlString(files[0])}, ${options})`);
    const started = performance.now();
    const rows = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM read_csv([${files.map(sqlString).join(', ')}], union_by_name = true, ${options})`);
    return { files: files.length, rows: Number(rows[0]?.n ?? 0), seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  const drop = process.argv[2];
  if (drop === undefined) {
    process.stderr.write('usage: node dist/scripts/bench/scanDrop.js <drop>\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(`${JSON.stringify({ event: 'stage_start', stage: 'scan' })}\n`);
    const result = await scanDrop(drop);
    process.stdout.write(`${JSON.stringify({ event: 'stage_end', stage: 'scan', seconds: result.seconds, cached: false })}\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}
