import { mkdirSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { BoroughStatus, TableStatus } from '../db/BoroughStatus.js';
import { Duck } from '../db/Duck.js';
import { outputLayout } from '../layout.js';
import { ingestMessages } from '../messages/ingest.js';
import { logError, type StageContext } from '../stage.js';
import { loadSchema, type TableName } from '../standard/schema.js';
import { produceAtomically, writeFileAtomic } from '../util/atomicWrite.js';
import { checkTableRows, type SpineTiming } from './checkTableRows.js';
import { inspectTableFile, type InspectedTable } from './inspectTableFile.js';
import { readManifest, type ListedTable } from './readManifest.js';
import { DropError } from '../errors/DropError.js';

/** How many of a borough's tables (after properties) are checked at once, each on its own DuckDB connection. */
export const TABLE_LANES = 2;

/**
 * Ingests one borough folder of a drop: the manifest and every listed file
 * are checked against section 4.1 of the standard first (each problem is an
 * error naming the file, and the line and column where there is one); a
 * borough with any error is `failed` and gets only its borough.json. Otherwise
 * the row checks of section 4.2 run in DuckDB, and it writes
 * OUT/ingest/<code>/<table>.parquet, OUT/quarantine/<code>/<table>.csv and
 * OUT/ingest/<code>/borough.json, each folder replaced as a whole (atomically).
 * Reads only `drop/<borough>`; writes only under `out`.
 *
 * @example
 *   const status = await ingestBorough({ drop: 'data/sample/drop', borough: 'E09000007', out: 'out/sample' }, ctx);
 *   status.status; // 'ok' | 'failed'
 */
export async function ingestBorough(
  input: { drop: string; borough: string; out: string; /** Tables checked at once after properties (default TABLE_LANES); the outputs are the same for any. */ tableLanes?: number },
  ctx: StageContext,
): Promise<BoroughStatus> {
  const { drop, borough, out } = input;
  const tableLanes = Math.max(1, Math.floor(input.tableLanes ?? TABLE_LANES));
  // A folder's own name never holds a path separator; a backslash is an ordinary character on POSIX
  // (a folder named `..\..\etc` is a borough that fails, with a message), a separator on Windows.
  if (borough === '' || borough === '.' || borough === '..' || /[/\0]/.test(borough) || borough.includes(sep)) {
    throw new DropError(ingestMessages.notBoroughFolderName(borough));
  }
  const schema = loadSchema();
  const layout = outputLayout(out);
  const boroughDir = join(drop, borough);
  const manifest = readManifest(boroughDir, borough);
  const status: BoroughStatus = {
    borough_code: borough,
    borough_name: manifest.boroughName ?? schema.borough(borough)?.name ?? null,
    status: 'failed',
    standard: manifest.standard,
    extract_date: manifest.extractDate,
    errors: [...manifest.errors],
    warnings: [...manifest.warnings],
    tables: {},
  };
  // Phase 1: section 4.1, file by file in the manifest's order (the spine,
  // properties, first). Phase 2, the row checks, starts on the spine as soon as
  // the manifest and the spine's own file pass: DuckDB loads properties on its
  // thread while the byte-level pass reads the other files on this one. A later
  // file that fails section 4.1 still fails the borough: the work already done
  // is thrown away with its temporary folders.
  const inspected: InspectedTable[] = [];
  const inspect = (listed: ListedTable) => {
    const table = inspectTableFile(boroughDir, borough, listed, schema.table(listed.table));
    inspected.push(table);
    status.errors.push(...table.errors);
    status.warnings.push(...table.warnings);
  };
  const inspectRest = () => {
    for (const listed of manifest.tables.slice(inspected.length)) inspect(listed);
    for (const warning of status.warnings) ctx.log.warn(warning);
  };
  const [first] = manifest.tables;
  if (first !== undefined) inspect(first);

  const quarantineDir = join(layout.quarantineDir, borough);
  const extractDate = manifest.extractDate;
  const failBorough = async () => {
    for (const error of status.errors) logError(ctx.log, error);
    rmSync(quarantineDir, { recursive: true, force: true });
    await produceAtomically(join(layout.ingestDir, borough), async (dir) => {
      mkdirSync(dir, { recursive: true });
      writeFileAtomic(join(dir, 'borough.json'), `${JSON.stringify(status, null, 2)}\n`);
    });
    return status;
  };
  if (status.errors.length > 0 || extractDate === null) {
    inspectRest();
    return failBorough();
  }

  try {
    await produceAtomically(join(layout.ingestDir, borough), (dir) =>
      produceAtomically(quarantineDir, async (quarantine) => {
        const workDir = join(dir, '.work');
        mkdirSync(workDir, { recursive: true });
        mkdirSync(quarantine, { recursive: true });
        // DuckDB spills here, inside OUT, never in the current folder. One
        // thread per statement: every table is read in one thread anyway (rowid =
        // file order), and a second one for the same statement only added CPU
        // (3.5-4.1 s against 2.45 s for a full-scale borough).
        const db = await Duck.open(':memory:', { temp_directory: join(workDir, 'duckdb'), threads: '1' });
        const lanes: Duck[] = [db];
        let spineDone: Promise<unknown> = Promise.resolve();
        try {
          let done = 0;
          let started = false;
          const check = async (lane: Duck, table: InspectedTable, timing?: SpineTiming) => {
            const name = table.spec.name;
            status.tables[name] = await checkTableRows(
              lane,
              table,
              {
                borough,
                extractDate,
                workDir,
                parquetPath: join(dir, `${name}.parquet`),
                quarantinePath: join(quarantine, `${name}.csv`),
              },
              timing,
            );
            done++;
            if (started) ctx.progress.update(done);
          };
          // The spine (listed first) on the first connection: the other tables' unmatched_uprn check reads its
          // accepted UPRNs. It is started before the other files' byte-level pass, which runs on this thread
          // without a pause (so no table finishes before the progress task below starts).
          // The other lanes wait only for the known UPRNs (`knownUprns`), which exist before properties' Parquet and
          // quarantine are written; it rejects when properties fails before that.
          const [spine] = inspected;
          let knownUprns: Promise<unknown> = Promise.resolve();
          if (spine !== undefined) {
            let known = () => {};
            knownUprns = new Promise<void>((resolve) => (known = resolve));
            spineDone = check(db, spine, { onKnownUprns: () => known() });
            knownUprns = Promise.race([knownUprns, spineDone]);
          }
          let knownSettled = spine === undefined;
          void knownUprns.then(
            () => (knownSettled = true),
            () => (knownSettled = true),
          );
          inspectRest();
          if (status.errors.length > 0) throw new AbandonedBorough();
          ctx.progress.start(ingestMessages.ingesting(borough), inspected.length, 'tables');
          started = true;
          // Then the other tables, largest first, on `tableLanes` connections at once (each statement on its own
          // thread): a borough keeps two cores busy when it is the last one running. A table loaded while the
          // spine's known UPRNs do not exist yet waits for them before its unmatched_uprn check (checkTableRows' spineDone).
          const others = inspected.slice(1);
          for (let k = 1; k < Math.min(tableLanes, others.length + 1); k++) lanes.push(await db.connectAgain());
          const queue = [...others].sort((a, b) => b.bytes - a.bytes);
          const drain = async (lane: Duck) => {
            for (let table = queue.shift(); table !== undefined; table = queue.shift()) await check(lane, table, knownSettled ? undefined : { spineDone: knownUprns });
          };
          // Every lane settles before the connections close (a failed table must not close a connection another lane is using).
          const settled = await Promise.allSettled(lanes.map(async (lane, k) => (k === 0 ? spineDone.then(() => drain(lane)) : drain(lane))));
          const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failed !== undefined) throw failed.reason;
        } finally {
          // The spine's statements may still run (a file after it failed section 4.1): they end before the database closes.
          await spineDone.catch(() => undefined);
          for (const lane of lanes.slice(1)) lane.close();
          db.close();
          rmSync(workDir, { recursive: true, force: true });
        }
        for (const spec of schema.tables) {
          if (!status.tables[spec.name]) status.tables[spec.name] = notSupplied(spec.name);
        }
        status.tables = Object.fromEntries(schema.tables.map((t) => [t.name, status.tables[t.name]])) as BoroughStatus['tables'];
        status.status = 'ok';
        writeFileAtomic(join(dir, 'borough.json'), `${JSON.stringify(status, null, 2)}\n`);
      }),
    );
  } catch (error) {
    if (!(error instanceof AbandonedBorough)) throw error;
    // The spine's counts must not reach the failed borough's status.
    status.tables = {};
    return failBorough();
  }
  ctx.progress.finish();
  return status;
}

/** Thrown inside the borough's temporary folders when a file after the spine fails section 4.1: they are removed, the borough fails. */
class AbandonedBorough extends Error {
  constructor() {
    super('abandoned: a file failed section 4.1 after the row checks had started');
  }
}

function notSupplied(table: TableName): TableStatus {
  const spec = loadSchema().table(table);
  return {
    supplied: false,
    file: null,
    rows_read: 0,
    rows_accepted: 0,
    rows_quarantined: 0,
    reasons: {},
    missing_optional_columns: spec.columns.filter((c) => !c.required).map((c) => c.name),
  };
}

