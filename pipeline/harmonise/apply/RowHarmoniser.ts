import type { ColumnSpec, TableSpec } from '../../standard/schema.js';
import { rejectionMessages as r } from '../../messages/harmonise.js';
import { UNMAPPED, type Assumption, type ColumnMapping, type FileMapping } from '../mapping/Mapping.js';
import { isNullToken } from '../suggest/valueSynonyms.js';
import { readDate, type DateForm } from '../values/dateForms.js';
import { PSEUDONYM_KIND, type Pseudonymiser } from './Pseudonymiser.js';

/** Why `apply` rejects a raw row (beyond the address match): the standard's reasons where one fits, plus raw-export ones. */
export type ApplyReason =
  | 'malformed_row'
  | 'missing_value'
  | 'malformed_uprn'
  | 'invalid_number'
  | 'bad_date'
  | 'unknown_enum'
  | 'unmapped_value'
  | 'no_address'
  | 'no_address_match'
  | 'reviewed_no_match'
  | 'duplicate_row'
  /** Not a record of its own: the rest of the record above it, split over two rows by a PDF conversion, and joined to it. */
  | 'continuation_row';

export interface Rejection {
  readonly reason: ApplyReason;
  /** The raw column at fault ('' when the row as a whole). */
  readonly column: string;
  /** The raw value at fault (blank for people's identifiers). */
  readonly value: string;
  readonly detail: string;
}

/** A raw row made into a row of the standard table, its UPRN still to find when it has an address. */
export interface HarmonisedRow {
  /** Standard values in the table's column order; the uprn slot is '' until known. */
  readonly values: string[];
  readonly uprn: string | undefined;
  readonly address: string;
  readonly postcode: string;
}

const UPRN = /^[1-9][0-9]{0,11}$/;
const INTEGER = /^-?\d+(?:\.0+)?$/;
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

interface Source {
  readonly spec: ColumnSpec;
  readonly index: number;
  readonly key: string;
  readonly mapping: ColumnMapping;
}

/** A number written with thousands separators (`1,250.50`) without them; any other comma is left to fail the number check. */
function thousands(text: string): string {
  return /^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text) ? text.replace(/,/g, '') : text;
}

/** Adds whole years to an ISO date (29 February → 28 February in a common year). */
export function plusYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Turns the raw records of one file into rows of its standard table, as the
 * mapping says: dates read with the listed forms, coded values through the
 * value map, numbers cleaned of `£` and thousands commas, people's
 * identifiers replaced by keyed pseudonyms, empty required columns filled by
 * the confirmed assumptions, the address columns joined for matching. A row
 * that cannot be made is a `Rejection` naming the raw column, value and why.
 *
 * @example
 *   const h = new RowHarmoniser('licences.csv', fileMapping, schema.table('licences'), header, '2026-09-30', pseudonymiser);
 *   const result = h.harmonise(12, fields); // HarmonisedRow | Rejection
 */
export class RowHarmoniser {
  private readonly sources: (Source | undefined)[];
  private readonly fills: (Assumption | undefined)[];
  private readonly addressIndexes: number[];
  private readonly postcodeIndex: number | undefined;
  private readonly uprnIndex: number | undefined;
  readonly uprnSlot: number;
  readonly needsMatching: boolean;
  /** Rows each confirmed assumption filled, by standard column. */
  readonly filledCounts = new Map<string, number>();

  constructor(
    private readonly file: string,
    mapping: FileMapping,
    readonly table: TableSpec,
    private readonly header: readonly string[],
    keys: readonly string[],
    private readonly extractDate: string,
    private readonly pseudonymiser: Pseudonymiser | undefined,
  ) {
    const indexOf = (key: string) => keys.indexOf(key);
    this.sources = table.columns.map((spec) => {
      const key = Object.keys(mapping.columns).find((k) => mapping.columns[k]?.to === spec.name);
      if (key === undefined) return undefined;
      return { spec, index: indexOf(key), key, mapping: mapping.columns[key] as ColumnMapping };
    });
    this.fills = table.columns.map((spec) => mapping.assumptions.find((a) => a.column === spec.name && a.confirmed && a.fill));
    this.addressIndexes = keys.map((k, i) => (mapping.columns[k]?.to === 'address' ? i : -1)).filter((i) => i >= 0);
    const postcode = keys.findIndex((k) => mapping.columns[k]?.to === 'postcode');
    this.postcodeIndex = postcode >= 0 ? postcode : undefined;
    this.uprnSlot = table.columns.findIndex((c) => c.name === 'uprn');
    const uprnSource = this.sources[this.uprnSlot];
    this.uprnIndex = uprnSource ? uprnSource.index : undefined;
    this.needsMatching = this.uprnIndex === undefined || this.addressIndexes.length > 0;
  }

  harmonise(line: number, fields: readonly string[]): HarmonisedRow | Rejection {
    if (fields.length !== this.header.length) {
      return { reason: 'malformed_row', column: '', value: '', detail: r.fieldCount(fields.length, this.header.length) };
    }
    const values: string[] = new Array(this.table.columns.length).fill('');
    for (let c = 0; c < this.table.columns.length; c++) {
      const spec = this.table.columns[c] as ColumnSpec;
      if (spec.name === 'uprn') continue;
      const source = this.sources[c];
      const fill = this.fills[c];
      let value: string | null = null;
      if (source && !(fill && fill.rows === 'all')) {
        const read = this.read(source, fields[source.index] ?? '');
        if (typeof read === 'object' && read !== null) return read;
        value = read;
      }
      if (value === null && fill) {
        value = this.filled(fill, spec, line);
        if (value !== null) this.filledCounts.set(spec.name, (this.filledCounts.get(spec.name) ?? 0) + 1);
      }
      if (value === null) {
        if (spec.required) {
          return source
            ? { reason: 'missing_value', column: source.key, value: '', detail: r.empty(source.key, spec.name) }
            : { reason: 'missing_value', column: '', value: '', detail: r.noSource(spec.name) };
        }
        continue;
      }
      values[c] = value;
    }
    // A UPRN when the row has one; else (or when the file has none) the address is matched.
    let uprn: string | undefined;
    if (this.uprnIndex !== undefined) {
      const raw = (fields[this.uprnIndex] ?? '').trim();
      const key = this.sources[this.uprnSlot]?.key ?? 'uprn';
      if (raw === '' && this.addressIndexes.length === 0) return { reason: 'missing_value', column: key, value: '', detail: r.emptyUprn(key) };
      if (raw !== '') {
        const text = raw.replace(/\.0+$/, '');
        if (!UPRN.test(text)) return { reason: 'malformed_uprn', column: key, value: raw, detail: r.badUprn(raw) };
        uprn = text;
      }
    }
    const address = this.addressIndexes
      .map((i) => (fields[i] ?? '').trim())
      .filter((v) => v !== '')
      .join(', ');
    const postcode = this.postcodeIndex === undefined ? '' : (fields[this.postcodeIndex] ?? '').trim();
    if (uprn === undefined && address === '' && postcode === '') {
      return { reason: 'no_address', column: '', value: '', detail: r.noAddress() };
    }
    return { values, uprn, address, postcode };
  }

  /** A raw value as the standard writes it; null when missing; a Rejection when it cannot be read. */
  private read(source: Source, raw: string): string | null | Rejection {
    const { spec, key, mapping } = source;
    const text = raw.trim();
    switch (spec.type) {
      case 'enum':
      case 'boolean': {
        const map = mapping.values ?? {};
        const to = Object.prototype.hasOwnProperty.call(map, raw) ? map[raw] : Object.prototype.hasOwnProperty.call(map, text) ? map[text] : undefined;
        if (to === undefined) {
          if (text === '') return null;
          return { reason: 'unmapped_value', column: key, value: raw, detail: r.unmappedValue(raw, key, spec.name) };
        }
        if (to === UNMAPPED) return { reason: 'unknown_enum', column: key, value: raw, detail: r.unknownEnum(raw, key, spec.name) };
        return to;
      }
      case 'date': {
        if (text === '' || isNullToken(text)) return null;
        const forms = (mapping.date_forms ?? ['YYYY-MM-DD']) as readonly DateForm[];
        const iso = readDate(text, forms);
        if (iso === undefined) return { reason: 'bad_date', column: key, value: raw, detail: r.badDate(text, key, forms) };
        return iso;
      }
      case 'integer': {
        const clean = thousands(text);
        if (clean === '' || isNullToken(text)) return null;
        if (!INTEGER.test(clean)) return { reason: 'invalid_number', column: key, value: raw, detail: r.notInteger(text, key) };
        return String(Number.parseInt(clean, 10));
      }
      case 'number': {
        const clean = thousands(text.replace(/^(-?)\s*£\s*/, '$1'));
        if (clean === '' || isNullToken(text)) return null;
        if (!NUMBER.test(clean)) return { reason: 'invalid_number', column: key, value: raw, detail: r.notNumber(text, key) };
        return clean;
      }
      case 'pseudonym': {
        if (text === '' || isNullToken(text)) return null;
        const kind = PSEUDONYM_KIND[spec.name];
        if (!kind || !this.pseudonymiser) throw new Error(`No key to pseudonymise ${spec.name}`);
        return this.pseudonymiser.pseudonym(kind, text);
      }
      default:
        if (text === '' || isNullToken(text)) return null;
        return text.replace(/\s*[\r\n]+\s*/g, ' ');
    }
  }

  private filled(fill: Assumption, spec: ColumnSpec, line: number): string | null {
    const f = fill.fill;
    if (!f) return null;
    if (f.value !== undefined) return f.value;
    if (f.from === 'extract_date') return f.plus_years ? plusYears(this.extractDate, f.plus_years) : this.extractDate;
    if (f.from === 'line') {
      const ref = `${this.file}:${line}`;
      const kind = PSEUDONYM_KIND[spec.name];
      if (kind && this.pseudonymiser) return this.pseudonymiser.pseudonym(kind, ref);
      return ref;
    }
    return null;
  }
}

export function isRejection(value: HarmonisedRow | Rejection): value is Rejection {
  return (value as Rejection).reason !== undefined;
}
