import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { Duck } from '../../db/Duck.js';
import { ingestBorough } from '../../ingest/ingestBorough.js';
import { harmoniseMessages } from '../../messages/harmonise.js';
import { loadSchema, type TableName, type TableSpec } from '../../standard/schema.js';
import { silentContext, type StageContext } from '../../stage.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { csvRecord } from '../../writers/csvForPeople.js';
import { HarmoniseError } from '../../errors/HarmoniseError.js';
import { readingOf, UNMAPPED, type FileMapping, type Mapping } from '../mapping/Mapping.js';
import { listRawSources, openRawSource, rawSourceFile } from '../read/rawReaders.js';
import { joinSplitRecords } from '../read/splitRecords.js';
import type { FileReport, HarmoniseReport } from '../report/HarmoniseReport.js';
import { renderHarmoniseReport } from '../report/renderHarmoniseReport.js';
import { columnKeys } from '../suggest/profileFile.js';
import { dateFormOf, type DateForm } from '../values/dateForms.js';
import { DropTableWriter, StagingFile } from './StagingFile.js';
import { defaultAddressMatcher, type AddressMatcher, type MatchDecision, type MatchOptions } from './AddressMatcher.js';
import { LineCursor } from './LineCursor.js';
import { GAZETTEER_LANDLORD_COLUMN, knownUprns, loadGazetteer, writePropertiesFromGazetteer } from './Gazetteer.js';
import { Pseudonymiser, readKeyFile } from './Pseudonymiser.js';
import { readReviewDecisions, REVIEW_SHEET_COLUMNS, type ReviewDecisions } from './reviewDecisions.js';
import { isRejection, RowHarmoniser, type ApplyReason, type Rejection } from './RowHarmoniser.js';

export interface ApplyOptions {
  /** Folder of the borough's raw exports. */
  readonly raw: string;
  readonly mapping: Mapping;
  /** The mapping's file name, for the report. */
  readonly mappingFile?: string;
  /** The borough's gazetteer: a properties.csv of the standard (at least uprn, address, postcode). */
  readonly gazetteer: string;
  /** Output folder: receives drop/<GSS>/, matches/<GSS>/, rejected/<GSS>/, harmonise_report.json and .html. */
  readonly out: string;
  /** The borough's pseudonym key file (needed when people's identifiers are mapped). */
  readonly keyFile?: string;
  /** Filled-in review sheets (files or folders) fed back in. */
  readonly decisions?: readonly string[];
  /** The address matcher (default: the engine in pipeline/harmonise/address). */
  readonly matcher?: AddressMatcher;
  readonly matchOptions?: MatchOptions;
  /** Validate the drop written as `hmo validate` does (default true). */
  readonly validate?: boolean;
  /** DuckDB threads for matching (default: the cores, at most 4); 1 inside a pool of boroughs. */
  readonly threads?: number;
  /** DuckDB's memory limit for matching (default '1GB'): past it, DuckDB spills to a scratch folder under `out`. */
  readonly memoryLimit?: string;
}

/** DuckDB's memory for one borough's matching: the candidate pairs of a borough of a million properties spill past it. */
export const DEFAULT_MEMORY_LIMIT = '1GB';

export const REJECTED_COLUMNS = ['line', 'reason', 'column', 'value', 'detail'] as const;

const MATCH_TABLE = 'raw_addresses';
const GAZETTEER_TABLE = 'gazetteer';
/** Every raw row to match: source index, line, address, postcode (pass 1). */
const ROW_ADDRESSES = 'row_addresses';
const RAW_KEYS = 'raw_keys';
/** Raw row (source index, line) → its distinct address's key. */
const ROW_MATCHES = 'row_matches';
/** The matcher's result: one row per distinct address. */
const MATCHES = 'address_matches';
const ROW_HASHES = 'row_hashes';
/** Rows that repeat an earlier row of their table: (source index, line) → the first one's. */
const DUPLICATES = 'duplicate_rows';
/** A staged row's second value: its address is to be matched, or it carries its own UPRN. */
const MATCHED = 'm';
const OWN_UPRN = 'u';

/** A matched raw row after the person's review decisions. */
interface Resolved {
  readonly match: {
    readonly decision: MatchDecision;
    readonly uprn: string | null;
    readonly score: number;
    readonly candidate2Uprn: string | null;
    readonly candidate2Score: number | null;
    readonly address: string;
    readonly postcode: string;
    readonly bestUprn: string | null;
    readonly bestAddress: string;
    readonly candidate2Address: string;
  };
  decision: MatchDecision;
  uprn: string | null;
  /** True when a review decision set it. */
  decided: boolean;
  /** Why a review decision was ignored, for the log. */
  warning: string | undefined;
}

interface StagedFile {
  readonly name: string;
  readonly mapping: FileMapping;
  readonly spec: TableSpec;
  readonly staged: string;
  readonly report: FileReport;
  readonly needsMatching: boolean;
  readonly rejected: CsvLines;
}

/** Appends CSV lines for people (formula-safe) to a file, in 1 MiB chunks. */
class CsvLines {
  private buffer: string;
  private started = false;
  constructor(
    private readonly path: string,
    columns: readonly string[],
  ) {
    this.buffer = `${csvRecord(columns)}\n`;
  }
  add(values: readonly unknown[]): void {
    this.buffer += `${csvRecord(values)}\n`;
    if (this.buffer.length > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buffer === '') return;
    writeFileSync(this.path, this.buffer, { flag: this.started ? 'a' : 'w' });
    this.started = true;
    this.buffer = '';
  }
}

/** Two 32-bit FNV-1a hashes of a row's text: the key of the duplicate check (collisions ~2^-64). */
function rowHash(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a >>> 0, b >>> 0];
}

/**
 * `hmo harmonise apply`: writes one borough's raw exports as a standard drop,
 * as the mapping says, and accounts for every raw row.
 *   1. checks: assumptions confirmed, key present if people's identifiers are mapped, gazetteer readable;
 *   2. pass 1 per file: each record harmonised (dates, codes, numbers, pseudonyms, fills) into a
 *      staging file, or rejected with its line and reason; each row to match sent to DuckDB with its address;
 *   3. the distinct addresses matched to UPRNs in DuckDB against the gazetteer (one call for all files);
 *      the matches stay in DuckDB (it spills past --memory-limit), so memory does not grow with the borough;
 *   4a. the person's review decisions laid over the matches, and the rows that would be written hashed
 *      into DuckDB to find duplicates (a row repeating an earlier one of its table);
 *   4b. pass 2 per file, each staged row with its match and duplicate streamed from DuckDB in line order:
 *      sure matches written to drop/<GSS>/<table>.csv, review ones held back, none rejected (complaints
 *      keep a null UPRN, as the standard allows); duplicates rejected; the review sheet
 *      matches/<GSS>/<file>.csv and rejected/<GSS>/<file>.csv written;
 *   5. properties.csv (the gazetteer, when it is a full properties table), manifest.json, the drop
 *      folder renamed into place; validated as `hmo validate` does; the report written.
 *
 * @example
 *   const report = await applyMapping({ raw: 'exports/hackney', mapping: readMapping('hackney.yaml'),
 *     gazetteer: 'llpg/properties.csv', out: 'harmonised', keyFile: 'hackney.key' }, ctx);
 *   report.files['licence_register.csv'].rows_written;
 */
export async function applyMapping(options: ApplyOptions, ctx: StageContext = silentContext): Promise<HarmoniseReport> {
  const schema = loadSchema();
  const mapping = options.mapping;
  const code = mapping.borough_code;

  // 1. Checks before any work.
  const unconfirmed = [...mapping.assumptions.map((a) => ({ file: '', a })), ...Object.entries(mapping.files).flatMap(([file, f]) => (f.table === 'skip' ? [] : f.assumptions.map((a) => ({ file, a }))))].filter(
    (x) => !x.a.confirmed,
  );
  if (unconfirmed.length > 0) throw new HarmoniseError(harmoniseMessages.unconfirmed(unconfirmed.map((x) => `${x.file ? `${x.file}: ` : ''}${x.a.column}: ${x.a.statement}`)), 2);
  const used = Object.entries(mapping.files).filter(([, f]) => f.table !== 'skip').sort(([a], [b]) => a.localeCompare(b));
  for (const [name] of used) {
    const file = rawSourceFile(name);
    if (file === undefined || !existsSync(join(options.raw, file))) throw new HarmoniseError(harmoniseMessages.mappedFileMissing(name, options.raw), 2);
  }
  for (const name of await listRawSources(options.raw)) if (!(name in mapping.files)) ctx.log.warn(harmoniseMessages.fileNotInMapping(name));
  const peopleColumns = used.flatMap(([name, f]) => {
    const spec = schema.table(f.table as TableName);
    const mapped = Object.values(f.columns).map((c) => c.to);
    const filled = f.assumptions.filter((a) => a.fill).map((a) => a.column);
    return spec.columns.filter((c) => c.type === 'pseudonym' && (mapped.includes(c.name) || filled.includes(c.name))).map((c) => `${name}: ${c.name}`);
  });
  let pseudonymiser: Pseudonymiser | undefined;
  if (peopleColumns.length > 0) {
    if (!options.keyFile) throw new HarmoniseError(harmoniseMessages.keyNeeded(peopleColumns), 2);
    pseudonymiser = new Pseudonymiser(readKeyFile(options.keyFile));
  } else if (options.keyFile) pseudonymiser = new Pseudonymiser(readKeyFile(options.keyFile));
  if (existsSync(options.out) && !statSync(options.out).isDirectory()) throw new HarmoniseError(harmoniseMessages.outIsFile(options.out), 2);
  const decisions: ReviewDecisions = options.decisions && options.decisions.length > 0 ? readReviewDecisions(options.decisions) : new Map();

  mkdirSync(options.out, { recursive: true });
  // Scratch inside OUT, so that finished folders are renamed into place on one file system.
  const work = join(options.out, `.harmonise-${code}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const db = await Duck.open(':memory:', {
    threads: String(options.threads ?? Math.min(4, availableParallelism())),
    memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    temp_directory: join(work, 'spill'),
  });
  try {
    const gazetteer = await loadGazetteer(db.connection, options.gazetteer, GAZETTEER_TABLE);
    const propertiesFromRaw = used.some(([, f]) => f.table === 'properties');
    if (!propertiesFromRaw && !gazetteer.isPropertiesTable) {
      throw new HarmoniseError(harmoniseMessages.gazetteerNotProperties(options.gazetteer, gazetteer.header), 2);
    }
    // The gazetteer's landlord numbers become the drop's properties.landlord_ref under the same key as the raw exports'.
    if (!propertiesFromRaw && gazetteer.landlordRefs > 0) {
      if (!pseudonymiser) throw new HarmoniseError(harmoniseMessages.keyNeeded([`${basename(options.gazetteer)}: ${GAZETTEER_LANDLORD_COLUMN}`]), 2);
      if (gazetteer.landlordRefsLikePseudonyms === gazetteer.landlordRefs) ctx.log.warn(harmoniseMessages.gazetteerLandlordsLookHashed(options.gazetteer, gazetteer.landlordRefs));
    }

    // 2. Pass 1: harmonise every row into a staging file; each row to match goes to DuckDB with its address
    // (DuckDB keeps them, spilling past its memory limit: nothing held in JavaScript grows with the borough).
    await db.run(`CREATE OR REPLACE TABLE ${ROW_ADDRESSES} (src INTEGER, line INTEGER, address VARCHAR, postcode VARCHAR)`);
    const rowAddresses = await db.connection.createAppender(ROW_ADDRESSES);
    const staged: StagedFile[] = [];
    const rejectedDir = join(work, 'rejected');
    mkdirSync(rejectedDir, { recursive: true });
    for (const [name, fileMapping] of used) {
      ctx.log.info(harmoniseMessages.applying(name, fileMapping.table));
      const spec = schema.table(fileMapping.table as TableName);
      const reader = await openRawSource(options.raw, name, readingOf(fileMapping));
      const report: FileReport = {
        table: spec.name, rows_read: 0, rows_written: 0, rows_review: 0, rows_rejected: 0, reasons: {}, encoding: reader.encoding ?? reader.format, blank_rows: 0,
        date_forms: {}, unmapped_values: {}, filled_by_assumption: {},
      };
      const rejected = new CsvLines(join(rejectedDir, `${name}.csv`), REJECTED_COLUMNS);
      const stagedPath = join(work, `${staged.length}.staged.csv`);
      // Staged values: line, address key, the row's own UPRN, then the standard columns in order.
      const out = new StagingFile(stagedPath);
      let harmoniser: RowHarmoniser | undefined;
      const dateColumns: { key: string; index: number; forms: readonly DateForm[] }[] = [];
      const codedColumns: { key: string; index: number; values: Readonly<Record<string, string | null>> }[] = [];
      const reject = (line: number, r: Rejection) => {
        report.rows_rejected += 1;
        report.reasons[r.reason] = (report.reasons[r.reason] ?? 0) + 1;
        rejected.add([line, r.reason, r.column, r.value, r.detail]);
      };
      const records = reader.records();
      let headerWidth = 0;
      // The header: the first record on or after the mapping's header line.
      for (let next = records.next(); !next.done; next = records.next()) {
        const record = next.value;
        if (record.line < fileMapping.header_line) continue;
        {
          const header = record.fields;
          headerWidth = header.length;
          const keys = columnKeys(header);
          const missing = Object.keys(fileMapping.columns).filter((k) => !keys.includes(k));
          if (missing.length > 0) throw new HarmoniseError(harmoniseMessages.columnsMissing(name, record.line, missing, keys), 1);
          const extra = keys.filter((k) => !(k in fileMapping.columns));
          if (extra.length > 0) ctx.log.warn(harmoniseMessages.columnsNotInMapping(name, extra));
          harmoniser = new RowHarmoniser(name, fileMapping, spec, header, keys, mapping.extract_date, pseudonymiser);
          keys.forEach((k, index) => {
            const c = fileMapping.columns[k];
            const target = spec.columns.find((s) => s.name === c?.to);
            if (target?.type === 'date') dateColumns.push({ key: k, index, forms: c?.date_forms ?? [] });
            if (c?.values) codedColumns.push({ key: k, index, values: c.values });
          });
        }
        break;
      }
      if (!harmoniser) throw new HarmoniseError(harmoniseMessages.noHeader(name, fileMapping.header_line), 1);
      // Records split over two rows by a PDF conversion are read joined; the continuation row is accounted for.
      for (const record of joinSplitRecords(records, headerWidth)) {
        if (record.fields.every((f) => f.trim() === '')) {
          report.blank_rows += 1;
          continue;
        }
        report.rows_read += 1;
        if (record.joinedTo !== undefined) {
          reject(record.line, { reason: 'continuation_row', column: '', value: '', detail: harmoniseMessages.joinedTo(record.joinedTo) });
          continue;
        }
        for (const d of dateColumns) {
          const v = (record.fields[d.index] ?? '').trim();
          if (v === '') continue;
          const forms = report.date_forms[d.key] ?? (report.date_forms[d.key] = {});
          const form = dateFormOf(v, d.forms) ?? 'unread';
          forms[form] = (forms[form] ?? 0) + 1;
        }
        for (const c of codedColumns) {
          const v = record.fields[c.index] ?? '';
          const to = Object.prototype.hasOwnProperty.call(c.values, v) ? c.values[v] : Object.prototype.hasOwnProperty.call(c.values, v.trim()) ? c.values[v.trim()] : v.trim() === '' ? null : undefined;
          if (to === UNMAPPED || to === undefined) {
            const bucket = report.unmapped_values[c.key] ?? (report.unmapped_values[c.key] = {});
            bucket[v] = (bucket[v] ?? 0) + 1;
          }
        }
        const result = harmoniser.harmonise(record.line, record.fields);
        if (isRejection(result)) {
          reject(record.line, result);
          continue;
        }
        if (result.uprn === undefined) {
          rowAddresses.appendInteger(staged.length);
          rowAddresses.appendInteger(record.line);
          rowAddresses.appendVarchar(result.address);
          rowAddresses.appendVarchar(result.postcode);
          rowAddresses.endRow();
        }
        out.write([String(record.line), result.uprn === undefined ? MATCHED : OWN_UPRN, result.uprn ?? '', ...result.values]);
      }
      out.close();
      for (const [column, count] of harmoniser.filledCounts) report.filled_by_assumption[column] = count;
      staged.push({ name, mapping: fileMapping, spec, staged: stagedPath, report, needsMatching: harmoniser.needsMatching, rejected });
    }

    rowAddresses.flushSync();
    rowAddresses.closeSync();

    // 3. The distinct addresses (keyed in the order first met, file by file), matched in one call; the matches
    // stay in DuckDB.
    await db.run(`CREATE OR REPLACE TABLE ${RAW_KEYS} AS
      SELECT address, postcode, CAST(row_number() OVER (ORDER BY first_met) - 1 AS BIGINT) AS key
      FROM (SELECT address, postcode, min(src * 4294967296 + line) AS first_met FROM ${ROW_ADDRESSES} GROUP BY address, postcode)`);
    await db.run(`CREATE OR REPLACE TABLE ${MATCH_TABLE} AS SELECT key, address, nullif(postcode, '') AS postcode FROM ${RAW_KEYS}`);
    await db.run(`CREATE OR REPLACE TABLE ${ROW_MATCHES} AS
      SELECT r.src, r.line, k.key FROM ${ROW_ADDRESSES} r JOIN ${RAW_KEYS} k ON r.address = k.address AND r.postcode = k.postcode`);
    await db.run(`DROP TABLE ${ROW_ADDRESSES}`);
    await db.run(`DROP TABLE ${RAW_KEYS}`);
    const distinctAddresses = Number((await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${MATCH_TABLE}`))[0]?.n ?? 0);
    await db.run(`CREATE OR REPLACE TABLE ${MATCHES} (key BIGINT, uprn VARCHAR, score DOUBLE, decision VARCHAR, best_uprn VARCHAR, candidate2_uprn VARCHAR, candidate2_score DOUBLE)`);
    if (distinctAddresses > 0) {
      ctx.log.info(harmoniseMessages.matching(distinctAddresses, gazetteer.properties));
      const matcher = options.matcher ?? defaultAddressMatcher;
      await matcher(db.connection, MATCH_TABLE, GAZETTEER_TABLE, MATCHES, options.matchOptions);
      const [check] = await db.all<{ n: bigint; keys: bigint; missing: bigint }>(
        `SELECT (SELECT count(*) FROM ${MATCHES}) AS n, (SELECT count(DISTINCT key) FROM ${MATCHES}) AS keys,
           (SELECT count(*) FROM ${MATCH_TABLE} a ANTI JOIN ${MATCHES} m USING (key)) AS missing`,
      );
      if (Number(check?.n) !== distinctAddresses || Number(check?.keys) !== distinctAddresses || Number(check?.missing) !== 0) {
        throw new Error(`The address matcher wrote ${Number(check?.n)} matches (${Number(check?.keys)} keys) for ${distinctAddresses} addresses`);
      }
    }
    // The UPRNs the review sheets name that the gazetteer has (a decision naming another is ignored, with a warning).
    const decidedUprns = [...new Set([...decisions.values()].flatMap((byLine) => [...byLine.values()].flatMap((d) => (d.uprn === null ? [] : [d.uprn]))))];
    const knownDecided = await knownUprns(db.connection, GAZETTEER_TABLE, decidedUprns);

    // A raw row's match and, after the review sheet, what it gets: the decision, the UPRN (sure only).
    const resolve = (file: StagedFile, line: number, m: readonly DuckDBValue[]): Resolved => {
      const match = {
        decision: m[1] as MatchDecision, uprn: (m[2] as string | null) ?? null, score: Number(m[3] ?? 0),
        candidate2Uprn: (m[4] as string | null) ?? null, candidate2Score: m[5] === null || m[5] === undefined ? null : Number(m[5]),
        address: String(m[6] ?? ''), postcode: String(m[7] ?? ''),
        bestUprn: (m[8] as string | null) ?? null, bestAddress: String(m[9] ?? ''), candidate2Address: String(m[10] ?? ''),
      };
      const decided = decisions.get(file.name)?.get(line);
      const unchanged = decided !== undefined && decided.uprn !== null && match.decision === 'sure' && match.uprn === decided.uprn;
      const resolved: Resolved = { match, decision: match.decision, uprn: match.decision === 'sure' ? match.uprn : null, decided: false, warning: undefined };
      if (decided && !unchanged && (decided.rawAddress === '' || decided.rawAddress === match.address)) {
        if (decided.uprn !== null && !knownDecided.has(decided.uprn)) resolved.warning = harmoniseMessages.decisionUnknownUprn(file.name, line, decided.uprn);
        else {
          resolved.decision = decided.uprn === null ? 'none' : 'sure';
          resolved.uprn = decided.uprn;
          resolved.decided = true;
        }
      } else if (decided && !unchanged) resolved.warning = harmoniseMessages.decisionStale(file.name, line);
      return resolved;
    };
    // Per raw row of a source: its match, its address as matched, and (for the review sheet) the gazetteer's
    // addresses of the two best candidates.
    const matchesOf = (src: number) =>
      `SELECT rm.line, m.decision, m.uprn, m.score, m.candidate2_uprn, m.candidate2_score, a.address, coalesce(a.postcode, '') AS postcode,
         m.best_uprn, g1.address AS best_address, g2.address AS candidate2_address
       FROM ${ROW_MATCHES} rm JOIN ${MATCHES} m USING (key) JOIN ${MATCH_TABLE} a USING (key)
         LEFT JOIN ${GAZETTEER_TABLE} g1 ON g1.uprn = m.best_uprn LEFT JOIN ${GAZETTEER_TABLE} g2 ON g2.uprn = m.candidate2_uprn
       WHERE rm.src = ${src}`;
    const tableIndex = (name: TableName) => schema.tables.findIndex((t) => t.name === name);

    // 4a. Duplicates: the hash of every row that would be written, in DuckDB; a row whose table and hash an
    // earlier row (file order, then line) already has is a duplicate of it.
    await db.run(`CREATE OR REPLACE TABLE ${ROW_HASHES} (tbl INTEGER, ha UINTEGER, hb UINTEGER, src INTEGER, line INTEGER)`);
    {
      const writer = await db.connect();
      const hashes = await writer.createAppender(ROW_HASHES);
      try {
        for (const [src, file] of staged.entries()) {
          const uprnAllowsNull = file.spec.columns.find((c) => c.name === 'uprn')?.nullable === true;
          const uprnSlot = file.spec.columns.findIndex((c) => c.name === 'uprn');
          // Only what decides whether and with which UPRN a row is written (the address only when a review
          // decision for this source may need checking against it): fewer strings to read back.
          const address = decisions.has(file.name) ? 'a.address' : "''";
          const cursor = file.needsMatching
            ? await LineCursor.open(
                db.connection,
                `SELECT rm.line, m.decision, m.uprn, 0, NULL, NULL, ${address}, '' FROM ${ROW_MATCHES} rm JOIN ${MATCHES} m USING (key)
                 ${decisions.has(file.name) ? `JOIN ${MATCH_TABLE} a USING (key)` : ''} WHERE rm.src = ${src} ORDER BY rm.line`,
              )
            : undefined;
          for (const f of StagingFile.rows(file.staged)) {
            const line = Number(f[0]);
            const values = f.slice(3);
            let uprn: string | null = f[2] ?? '';
            if (f[1] === MATCHED) {
              const m = await cursor?.at(line);
              if (!m) throw new Error(`No match for ${file.name}:${line}`);
              const r = resolve(file, line, m);
              if (r.decision === 'review' || (r.decision === 'none' && !uprnAllowsNull)) continue;
              uprn = r.uprn;
            }
            values[uprnSlot] = uprn ?? '';
            const [ha, hb] = rowHash(values.join('\u0001'));
            hashes.appendInteger(tableIndex(file.spec.name));
            hashes.appendUInteger(ha);
            hashes.appendUInteger(hb);
            hashes.appendInteger(src);
            hashes.appendInteger(line);
            hashes.endRow();
          }
          cursor?.close();
        }
        hashes.flushSync();
      } finally {
        hashes.closeSync();
        writer.closeSync();
      }
    }
    await db.run(`CREATE OR REPLACE TABLE ${DUPLICATES} AS
      SELECT src, line, first_src, first_line FROM (
        SELECT src, line, first_value(src) OVER w AS first_src, first_value(line) OVER w AS first_line FROM ${ROW_HASHES}
        WINDOW w AS (PARTITION BY tbl, ha, hb ORDER BY src, line ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
      WHERE src <> first_src OR line <> first_line`);
    await db.run(`DROP TABLE ${ROW_HASHES}`);

    // 4b. Pass 2: write the drop's rows, the review sheets and the rejections, each staged row with its match
    // and its duplicate (if any) read from DuckDB in line order.
    const staging = join(work, 'drop');
    mkdirSync(staging, { recursive: true });
    const matchesDir = join(work, 'matches');
    mkdirSync(matchesDir, { recursive: true });
    const writers = new Map<TableName, DropTableWriter>();
    const matching = { sure: 0, review: 0, none: 0, decided_by_review: 0, distinct_addresses: distinctAddresses, score_histogram: new Array<number>(10).fill(0) };
    for (const [src, file] of staged.entries()) {
      const { spec, report } = file;
      let writer = writers.get(spec.name);
      if (!writer) {
        writer = new DropTableWriter(join(staging, spec.file), spec.columns.map((c) => c.name));
        writers.set(spec.name, writer);
      }
      const sheet = file.needsMatching ? new CsvLines(join(matchesDir, `${file.name}.csv`), REVIEW_SHEET_COLUMNS) : undefined;
      const uprnAllowsNull = spec.columns.find((c) => c.name === 'uprn')?.nullable === true;
      const reject = (line: number, reason: ApplyReason, detail: string) => {
        report.rows_rejected += 1;
        report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
        file.rejected.add([line, reason, '', '', detail]);
      };
      const uprnSlot = spec.columns.findIndex((c) => c.name === 'uprn');
      // This source's duplicate rows (line → the first row's source and line): few, rejected rows; and its
      // matches, streamed in line order (a source whose rows all carry a UPRN has none).
      const duplicates = new Map<number, [number, number]>();
      for (const d of await db.all<{ line: number; first_src: number; first_line: number }>(`SELECT line, first_src, first_line FROM ${DUPLICATES} WHERE src = ${src}`)) {
        duplicates.set(Number(d.line), [Number(d.first_src), Number(d.first_line)]);
      }
      const cursor = file.needsMatching ? await LineCursor.open(db.connection, `${matchesOf(src)} ORDER BY rm.line`) : undefined;
      for (const f of StagingFile.rows(file.staged)) {
        const line = Number(f[0]);
        let uprn: string | null = f[2] ?? '';
        const values = f.slice(3);
        if (f[1] === MATCHED) {
          const row = await cursor?.at(line);
          if (!row) throw new Error(`No match for ${file.name}:${line}`);
          const r = resolve(file, line, row);
          if (r.warning !== undefined) ctx.log.warn(r.warning);
          if (r.decided) matching.decided_by_review += 1;
          const { decision, match } = r;
          uprn = r.uprn;
          matching[decision] += 1;
          if (decision !== 'none' || match.score > 0) matching.score_histogram[Math.min(9, Math.max(0, Math.floor(match.score * 10)))]! += 1;
          sheet?.add([
            line, match.address, match.postcode, decision === 'sure' ? uprn : '', round3(match.score), decision, match.candidate2Uprn ?? '', match.candidate2Score === null ? '' : round3(match.candidate2Score),
            match.bestUprn ?? '', match.bestAddress, match.candidate2Address,
          ]);
          if (decision === 'review') {
            report.rows_review += 1;
            continue;
          }
          if (decision === 'none' && !uprnAllowsNull) {
            reject(line, r.decided ? 'reviewed_no_match' : 'no_address_match', r.decided ? harmoniseMessages.reviewedNone() : harmoniseMessages.noMatch(match.address, match.postcode, match.score));
            continue;
          }
        }
        const first = duplicates.get(line);
        if (first !== undefined) {
          reject(line, 'duplicate_row', harmoniseMessages.duplicateOf(`${staged[first[0]]?.name ?? ''}:${first[1]}`));
          continue;
        }
        values[uprnSlot] = uprn ?? '';
        writer.write(values);
        report.rows_written += 1;
      }
      cursor?.close();
      sheet?.flush();
      file.rejected.flush();
    }
    for (const writer of writers.values()) writer.close();

    // 5. properties.csv from the gazetteer (when no raw file feeds it), manifest, rename, validate, report.
    const tables: Record<string, { file: string; rows: number }> = {};
    for (const [name, writer] of writers) tables[name] = { file: basename(writer.path), rows: writer.rows };
    if (!writers.has('properties')) {
      const written = writePropertiesFromGazetteer(options.gazetteer, join(staging, 'properties.csv'), pseudonymiser);
      if (written.droppedColumns.length > 0) ctx.log.warn(harmoniseMessages.gazetteerColumnsLeft(options.gazetteer, written.droppedColumns));
      tables.properties = { file: 'properties.csv', rows: written.rows };
    }
    const ordered: Record<string, { file: string; rows: number }> = {};
    for (const t of schema.tables) if (tables[t.name]) ordered[t.name] = tables[t.name] as { file: string; rows: number };
    const manifest = { standard: schema.standard, borough_code: code, borough_name: mapping.borough_name, extract_date: mapping.extract_date, tables: ordered };
    writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    replaceFolder(staging, join(options.out, 'drop', code));
    replaceFolder(matchesDir, join(options.out, 'matches', code));
    replaceFolder(rejectedDir, join(options.out, 'rejected', code));

    let validation: HarmoniseReport['validation'] = null;
    if (options.validate !== false) {
      ctx.log.info(harmoniseMessages.validating(join(options.out, 'drop', code)));
      const scratch = join(work, 'validate');
      const status = await ingestBorough({ drop: join(options.out, 'drop'), borough: code, out: scratch }, ctx);
      validation = { status: status.status, errors: status.errors, tables: status.tables };
    }

    const files: Record<string, FileReport> = {};
    for (const file of staged) files[file.name] = file.report;
    const report: HarmoniseReport = {
      borough_code: code,
      borough_name: mapping.borough_name,
      extract_date: mapping.extract_date,
      standard: schema.standard,
      mapping: options.mappingFile ?? '',
      gazetteer: { file: options.gazetteer, rows: gazetteer.rows, properties: gazetteer.properties, used_as_properties_table: !writers.has('properties') },
      files,
      address_matching: matching,
      tables: Object.fromEntries(Object.entries(ordered).map(([t, v]) => [t, v.rows])),
      assumptions: [...mapping.assumptions, ...used.flatMap(([name, f]) => f.assumptions.map((a) => ({ ...a, statement: `${name}: ${a.statement}` })))].map((a) => a.statement),
      validation,
    };
    writeFileAtomic(join(options.out, 'harmonise_report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileAtomic(join(options.out, 'harmonise_report.html'), renderHarmoniseReport(report));
    return report;
  } finally {
    db.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function replaceFolder(from: string, to: string): void {
  mkdirSync(join(to, '..'), { recursive: true });
  const old = `${to}.old-${process.pid}`;
  if (existsSync(to)) renameSync(to, old);
  try {
    renameSync(from, to);
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
}


