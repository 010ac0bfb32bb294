import type { RawEncoding } from '../read/detectEncoding.js';
import type { RawDelimiter, RawReadProblem, RawTable } from '../read/RawTable.js';
import { joinSplitRecords } from '../read/splitRecords.js';
import { classifyDate, readDate, type DateForm } from '../values/dateForms.js';

/** What `suggest` learnt about one raw column. */
export interface ColumnProfile {
  /** 0-based position in the header. */
  readonly index: number;
  /** How the mapping names it: the header as written, or `column N` when blank or repeated. */
  readonly key: string;
  readonly header: string;
  filled: number;
  /** Distinct values as written, with counts (the first DISTINCT_LIMIT). */
  readonly distinct: Map<string, number>;
  distinctOverflow: boolean;
  readonly dateForms: Map<DateForm, number>;
  /** The latest date each form reads in this column. */
  readonly latestByForm: Map<DateForm, string>;
  integers: number;
  numbers: number;
  uprns: number;
  postcodes: number;
  postcodeInside: number;
  emails: number;
  phones: number;
  councilRefs: number;
  /** Values that read like a property's address: a number or a flat word, then a word of letters ("4 Ash Road", "Flat 1, 4 Ash Road"). */
  addressLike: number;
}

export interface FileProfile {
  /** The source's name (a file, or a workbook's sheet: `register.xlsx [Licences]`). */
  readonly file: string;
  /** The reader kind (`csv`, `xlsx`). */
  readonly format: string;
  /** CSV only: the text encoding and delimiter (a workbook has neither). */
  readonly encoding: RawEncoding | undefined;
  readonly encodingEvidence: string;
  readonly delimiter: RawDelimiter | undefined;
  readonly headerLine: number;
  readonly header: readonly string[];
  readonly columns: readonly ColumnProfile[];
  /** Records after the header that hold at least one non-blank field (a split record counted once). */
  readonly records: number;
  /** Records after the header whose field count differs from the header's. */
  readonly fieldCountMismatches: number;
  /** Rows that continue the record above them (a record split by a PDF conversion), read joined to it. */
  readonly continuationRows: number;
  readonly problems: readonly RawReadProblem[];
  /** A date written in the file name (`…_2026-09-30.csv`, `…20260930…`), the usual mark of the export day. */
  readonly dateInName: string | undefined;
}

export const DISTINCT_LIMIT = 500;
const HEADER_SEARCH = 30;

const UPRN = /^[1-9][0-9]{0,11}$/;
const POSTCODE = /^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$/i;
const POSTCODE_IN = /\b[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}\b/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const PHONE = /^(?:\+44\s?|0)(?:\d[\s-]?){9,10}$/;
const INTEGER = /^-?\d+$/;
const NUMBER = /^-?£?\s?\d{1,3}(?:,?\d{3})*(?:\.\d+)?$|^-?£?\d*\.\d+$/;
/** A council's own property or case reference such as `PI/000012345` or `HMO/2019/0001`: letters, a slash, digits. */
const ADDRESS_LIKE = /^(?:(?:flat|unit|room|apartment|apt|bedsit|studio)\b[^,]{0,12},?\s*)?\d+[a-z]?(?:-\d+[a-z]?)?,?\s+[a-z]{3,}/i;
const COUNCIL_REF = /^[A-Z]{1,6}[/-]\d[\d/-]*$/i;

/**
 * Profiles one raw source (a CSV file, a workbook's sheet: `openRawSource`) in
 * a single streaming pass: encoding and delimiter (a CSV's),
 * the header line (title rows above it are skipped), and per column the
 * filled share, distinct values, date forms met (and the latest date each
 * reads), and how many values look like UPRNs, postcodes, e-mail addresses,
 * phone numbers or council references.
 *
 * @example
 *   const profile = profileRawTable(await openRawSource('raw', 'licence_register.csv'), 'licence_register.csv');
 *   profile.columns.find((c) => c.key === 'Start Date')?.dateForms; // Map { 'D/M/YYYY' => 40, 'JS date string' => 3 }
 */
export function profileRawTable(reader: RawTable, name: string): FileProfile {
  const head: { line: number; fields: string[] }[] = [];
  const iterator = reader.records();
  for (let i = 0; i < HEADER_SEARCH; i++) {
    const next = iterator.next();
    if (next.done) break;
    head.push(next.value);
  }
  const headerIndex = findHeader(head.map((r) => r.fields));
  const headerRecord = head[headerIndex];
  const header = headerRecord ? headerRecord.fields : [];
  const columns = columnKeys(header).map((key, index) => newColumn(index, key, header[index] ?? ''));
  let records = 0;
  let mismatches = 0;
  let continuations = 0;
  const rest = (function* () {
    for (let i = headerIndex + 1; i < head.length; i++) yield head[i] as { line: number; fields: string[] };
    for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
  })();
  // Records split over two rows by a PDF conversion are profiled joined, as apply reads them.
  for (const record of joinSplitRecords(rest, header.length)) {
    const fields = record.fields;
    if (fields.every((f) => f.trim() === '')) continue;
    if (record.joinedTo !== undefined) {
      continuations += 1;
      continue;
    }
    records += 1;
    if (fields.length !== header.length) mismatches += 1;
    for (let c = 0; c < columns.length; c++) observe(columns[c] as ColumnProfile, fields[c] ?? '');
  }
  return {
    file: name,
    format: reader.format,
    encoding: reader.encoding,
    encodingEvidence: reader.encodingEvidence,
    delimiter: reader.delimiter,
    headerLine: headerRecord?.line ?? 1,
    header,
    columns,
    records,
    fieldCountMismatches: mismatches,
    continuationRows: continuations,
    problems: reader.problems,
    dateInName: dateInFileName(name),
  };
}

/** Mapping keys for a header: the name as written, unless blank or repeated (then `column N`, 1-based). */
export function columnKeys(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const h of header) seen.set(h, (seen.get(h) ?? 0) + 1);
  return header.map((h, i) => (h.trim() === '' || (seen.get(h) ?? 0) > 1 || /^column \d+$/.test(h) ? `column ${i + 1}` : h));
}

/** The first of the leading records that looks like a header: most of its cells filled, and mostly words rather than numbers or dates. */
export function findHeader(records: readonly string[][]): number {
  const widest = Math.max(0, ...records.map((r) => r.filter((f) => f.trim() !== '').length));
  for (let i = 0; i < records.length; i++) {
    const cells = (records[i] as string[]).filter((f) => f.trim() !== '');
    if (cells.length < Math.max(2, Math.ceil(widest * 0.6))) continue;
    const wordy = cells.filter((f) => /[A-Za-z]/.test(f) && classifyDate(f).length === 0 && !POSTCODE.test(f.trim())).length;
    if (wordy >= cells.length * 0.6) return i;
  }
  return 0;
}

function dateInFileName(name: string): string | undefined {
  const iso = name.match(/(20\d{2})-(\d{2})-(\d{2})/);
  if (iso) return readDate(iso[0], ['YYYY-MM-DD']);
  const compact = name.match(/(?:^|[^0-9])(20\d{2})(\d{2})(\d{2})(?:[^0-9]|$)/);
  if (compact) return readDate(`${compact[1]}-${compact[2]}-${compact[3]}`, ['YYYY-MM-DD']);
  return undefined;
}

function newColumn(index: number, key: string, header: string): ColumnProfile {
  return {
    index, key, header, filled: 0, distinct: new Map(), distinctOverflow: false, dateForms: new Map(), latestByForm: new Map(),
    integers: 0, numbers: 0, uprns: 0, postcodes: 0, postcodeInside: 0, emails: 0, phones: 0, councilRefs: 0, addressLike: 0,
  };
}

function observe(column: ColumnProfile, value: string): void {
  const known = column.distinct.get(value);
  if (known !== undefined) column.distinct.set(value, known + 1);
  else if (column.distinct.size < DISTINCT_LIMIT) column.distinct.set(value, 1);
  else column.distinctOverflow = true;
  const text = value.trim();
  if (text === '') return;
  column.filled += 1;
  if (INTEGER.test(text)) column.integers += 1;
  if (NUMBER.test(text)) column.numbers += 1;
  if (UPRN.test(text)) column.uprns += 1;
  if (POSTCODE.test(text)) column.postcodes += 1;
  else if (POSTCODE_IN.test(text)) column.postcodeInside += 1;
  // The cheap tests first: most values hold no "@", and a phone number starts with 0, + or (.
  if (text.includes('@') && EMAIL.test(text)) column.emails += 1;
  const lead = text.charCodeAt(0);
  if ((lead === 48 || lead === 43 || lead === 40) && PHONE.test(text.replace(/[()]/g, ''))) column.phones += 1;
  if (COUNCIL_REF.test(text)) column.councilRefs += 1;
  if (ADDRESS_LIKE.test(text)) column.addressLike += 1;
  if (/\d/.test(text) && text.length <= 80) {
    for (const form of classifyDate(text)) {
      column.dateForms.set(form, (column.dateForms.get(form) ?? 0) + 1);
      const iso = readDate(text, [form]);
      const latest = column.latestByForm.get(form);
      if (iso && (latest === undefined || iso > latest)) column.latestByForm.set(form, iso);
    }
  }
}

/** Share of filled values that some date form reads (a value read two ways counts once). */
export function dateShare(column: ColumnProfile): number {
  if (column.filled === 0) return 0;
  const dmy = column.dateForms.get('D/M/YYYY') ?? 0;
  const mdy = column.dateForms.get('M/D/YYYY') ?? 0;
  let total = 0;
  for (const [form, n] of column.dateForms) if (form !== 'M/D/YYYY' && form !== 'D/M/YYYY') total += n;
  return Math.min(1, (total + Math.max(dmy, mdy)) / column.filled);
}
