import { loadSchema, type TableSpec } from '../../standard/schema.js';
import { harmoniseMessages } from '../../messages/harmonise.js';
import type { StageContext } from '../../stage.js';
import { silentContext } from '../../stage.js';
import { HarmoniseError } from '../../errors/HarmoniseError.js';
import type { Assumption, ColumnMapping, FileMapping, Mapping } from '../mapping/Mapping.js';
import { readDate } from '../values/dateForms.js';
import { chooseTable } from './chooseTable.js';
import { mapColumns } from './mapColumns.js';
import { listRawSources, openRawSource } from '../read/rawReaders.js';
import { profileRawTable, type FileProfile } from './profileFile.js';
import { isNullToken } from './valueSynonyms.js';

export interface SuggestOptions {
  /** Folder of one borough's raw exports. */
  readonly raw: string;
  /** GSS code of the borough. */
  readonly borough: string;
  /** The as-of date of the extract, when the person knows it (else taken from file names or the data, as an assumption). */
  readonly extractDate?: string;
}

/** Below this share of empty values in a column, empty cells are errors, not a reason to assume a value. */
export const MISSING_SHARE_FOR_FILL = 0.05;

/**
 * `hmo harmonise suggest`: profiles every raw export of one borough and
 * drafts its mapping to the standard: the table each file feeds, where every
 * column goes (with date forms and a value map listing every distinct value
 * of an enum), the address columns, what fills a required column a file
 * lacks (stated as an assumption to confirm), people's names and contacts to
 * `drop`, people's identifiers to keyed-hash pseudonyms. Each guess carries
 * evidence and a confidence.
 *
 * @example
 *   const mapping = await suggestMapping({ raw: 'exports/hackney', borough: 'E09000012' });
 *   writeMapping('hackney.yaml', mapping);
 */
export async function suggestMapping(options: SuggestOptions, ctx: StageContext = silentContext): Promise<Mapping> {
  const schema = loadSchema();
  const borough = schema.borough(options.borough);
  if (!borough) throw new HarmoniseError(harmoniseMessages.unknownBorough(options.borough), 2);
  if (options.extractDate !== undefined && readDate(options.extractDate, ['YYYY-MM-DD']) !== options.extractDate) {
    throw new HarmoniseError(harmoniseMessages.badExtractDate(options.extractDate), 2);
  }
  const files: Record<string, FileMapping> = {};
  const profiles: { profile: FileProfile; mapping: FileMapping; spec: TableSpec | undefined }[] = [];
  for (const name of await listRawSources(options.raw, ctx)) {
    ctx.log.info(harmoniseMessages.profiling(name));
    const profile = profileRawTable(await openRawSource(options.raw, name), name);
    const choice = chooseTable(profile, schema);
    const spec = choice.table === 'skip' ? undefined : schema.table(choice.table);
    const columns = spec ? mapColumns(profile, spec) : Object.fromEntries(profile.columns.map((c) => [c.key, { to: 'ignore', confidence: 0.5, evidence: 'the file is skipped' } satisfies ColumnMapping]));
    const read = profile.delimiter === undefined ? [] : [`delimiter "${profile.delimiter === '\t' ? '\\t' : profile.delimiter}"`];
    const evidence = [...choice.evidence, `${profile.encoding === undefined ? 'format' : 'encoding'}: ${profile.encodingEvidence}`, [...read, `header on line ${profile.headerLine}`, `${profile.records} rows`].join('; ')];
    if (profile.fieldCountMismatches > 0) evidence.push(`${profile.fieldCountMismatches} rows have a different number of fields from the header (split or shifted records): they are rejected with their line unless fixed`);
    if (profile.continuationRows > 0) evidence.push(harmoniseMessages.continuationEvidence(profile.continuationRows));
    for (const problem of profile.problems) evidence.push(`a quote opened on line ${problem.line} is never closed: the rest of the file is read as one field`);
    const mapping: FileMapping = {
      table: choice.table,
      confidence: choice.confidence,
      evidence,
      ...(profile.encoding !== undefined ? { encoding: profile.encoding } : {}),
      ...(profile.delimiter !== undefined ? { delimiter: profile.delimiter } : {}),
      header_line: profile.headerLine,
      rows: profile.records,
      columns,
      assumptions: spec ? fileAssumptions(profile, spec, columns) : [],
    };
    files[name] = mapping;
    profiles.push({ profile, mapping, spec });
  }

  const extract = chooseExtractDate(options.extractDate, profiles);
  return {
    mapping_version: 1,
    standard: schema.standard,
    borough_code: borough.code,
    borough_name: borough.name,
    extract_date: extract.date,
    extract_date_evidence: extract.evidence,
    files,
    assumptions: extract.assumption ? [extract.assumption] : [],
  };
}

function chooseExtractDate(given: string | undefined, profiles: { profile: FileProfile; mapping: FileMapping; spec: TableSpec | undefined }[]): { date: string; evidence: string; assumption?: Assumption } {
  if (given !== undefined) return { date: given, evidence: 'given with --extract-date' };
  const named = [...new Set(profiles.map((p) => p.profile.dateInName).filter((d): d is string => d !== undefined))].sort();
  if (named.length > 0) {
    const date = named[named.length - 1] as string;
    const evidence = `the date in the file names (${named.length === 1 ? date : `the latest of ${named.join(', ')}`})`;
    return { date, evidence, assumption: { column: 'extract_date', statement: harmoniseMessages.extractDateAssumption(date, evidence), confirmed: false } };
  }
  let latest: string | undefined;
  for (const { profile, mapping, spec } of profiles) {
    if (!spec) continue;
    for (const column of profile.columns) {
      const target = mapping.columns[column.key];
      const columnSpec = spec.columns.find((c) => c.name === target?.to);
      if (!columnSpec || columnSpec.type !== 'date' || columnSpec.futureAllowed) continue;
      for (const form of target?.date_forms ?? []) {
        const d = column.latestByForm.get(form);
        if (d && (latest === undefined || d > latest)) latest = d;
      }
    }
  }
  if (latest === undefined) throw new HarmoniseError(harmoniseMessages.noExtractDate(), 2);
  const evidence = 'the latest date in the data (no file name carries a date)';
  return { date: latest, evidence, assumption: { column: 'extract_date', statement: harmoniseMessages.extractDateAssumption(latest, evidence), confirmed: false } };
}

/** What fills the required columns a file lacks, or leaves empty, as statements a person confirms. */
function fileAssumptions(profile: FileProfile, spec: TableSpec, columns: Record<string, ColumnMapping>): Assumption[] {
  const out: Assumption[] = [];
  const source = (name: string) => profile.columns.find((c) => columns[c.key]?.to === name);
  const hasAddress = profile.columns.some((c) => columns[c.key]?.to === 'address');
  for (const column of spec.columns) {
    if (!column.required) continue;
    if (column.name === 'uprn') {
      if (!source('uprn') && !hasAddress) out.push({ column: 'uprn', statement: harmoniseMessages.noAddressNoUprn(), confirmed: false });
      continue;
    }
    const raw = source(column.name);
    const missingCount = raw ? countMissing(raw.distinct, columns[raw.key]) : profile.records;
    if (missingCount === 0) continue;
    // A column that is nearly always filled and now and then empty shows errors in the source, not a form
    // of export: those rows are rejected (missing_value) rather than filled by a guess.
    if (raw && missingCount < profile.records * MISSING_SHARE_FOR_FILL) continue;
    const all = !raw || missingCount >= profile.records;
    const fill = defaultFill(spec.name, column.name);
    const rows: 'all' | 'missing' = !raw ? 'all' : 'missing';
    if (!fill) {
      if (!raw) out.push({ column: column.name, rows, statement: harmoniseMessages.noSourceNoFill(spec.name, column.name), confirmed: false });
      continue;
    }
    const statement = harmoniseMessages.fillAssumption(spec.name, column.name, fill.fill, raw?.key, all ? profile.records : missingCount, profile.records, fill.why);
    out.push({ column: column.name, rows, fill: fill.fill, statement, confirmed: false });
  }
  return out;
}

function countMissing(distinct: Map<string, number>, mapping: ColumnMapping | undefined): number {
  let n = 0;
  for (const [value, count] of distinct) {
    if (mapping?.values) {
      if (mapping.values[value] === null) n += count;
    } else if (isNullToken(value)) n += count;
  }
  return n;
}

/** A defensible default for a required column, and why; undefined where no default is honest. */
function defaultFill(table: string, column: string): { fill: NonNullable<Assumption['fill']>; why: string } | undefined {
  const key = `${table}.${column}`;
  switch (key) {
    case 'licences.scheme':
      return { fill: { value: 'mandatory-hmo' }, why: 'a register of HMO licences without a type column is usually the mandatory register; if this is an additional or selective register, change the value' };
    case 'licences.start_date':
      return { fill: { from: 'extract_date' }, why: 'a published register lists licences in force; the day they started is unknown, so they count as licensed from the extract date only' };
    case 'licences.end_date':
      return { fill: { from: 'extract_date', plus_years: 5 }, why: 'HMO licences run for up to five years' };
    case 'licences.licence_ref':
    case 'council_tax.account_ref':
    case 'electoral_register.elector_ref':
    case 'housing_benefit.claim_ref':
      return { fill: { from: 'line' }, why: 'each row becomes its own record, referenced by file name and line' };
    case 'inspections.trigger':
      return { fill: { value: 'complaint' }, why: 'most inspections follow a complaint; if these were proactive visits, change the value' };
    case 'council_tax.single_person_discount':
    case 'council_tax.student_exemption':
    case 'housing_benefit.shared_accommodation_rate':
      return { fill: { value: 'false' }, why: 'no flag is taken as no' };
    default:
      return undefined;
  }
}
