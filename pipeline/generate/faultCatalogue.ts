import type { Random } from '../util/Random.js';
import type { RowReason, TableName } from '../standard/schema.js';
import { formatIsoDay } from './dayDates.js';

export type Row = Record<string, string>;

/** What a corruption may need besides the row: randomness, the extract date, UPRNs that are unknown to the borough. */
export interface FaultContext {
  readonly rng: Random;
  readonly extractDay: number;
  /** A well-formed UPRN that no row of properties.csv carries. */
  unknownUprn(): string;
}

/**
 * One kind of data-quality fault: given a clean, accepted row, a new row
 * that fails exactly the check named by `reason` (every earlier check of the
 * standard's section 4.2 passes, because only one field is changed).
 */
export interface FaultKind {
  readonly reason: RowReason;
  corrupt(row: Readonly<Row>, context: FaultContext): Row;
  /** A record that is not a row of the table at all (a field too many or too few): the raw CSV line to write. */
  rawLine?(row: Readonly<Row>, columns: readonly string[]): string;
  /** Properties only: the faulty row gets a fresh, never-accepted UPRN, so real properties stay clean. */
  readonly freshUprn?: boolean;
}

const with1 = (row: Readonly<Row>, column: string, value: string): Row => ({ ...row, [column]: value });

function malformedUprn(rng: Random, uprn: string): string {
  switch (rng.int(0, 5)) {
    case 0:
      return `0${uprn}`;
    case 1:
      return `${uprn.slice(0, 3)}${rng.pick(['A', 'O', 'l', 'X'])}${uprn.slice(4)}`;
    case 2:
      return uprn.padEnd(13, '4');
    case 3:
      return ` ${uprn}`;
    default:
      return `${uprn}.0`;
  }
}

function badDate(rng: Random, iso: string): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  switch (rng.int(0, 7)) {
    case 0:
      return `${y}-02-30`;
    case 1:
      return `${y}-04-31`;
    case 2:
      return `${y}-13-${d}`;
    case 3:
      return `${y}/${m}/${d}`;
    case 4:
      return `${d}/${m}/${y}`;
    case 5:
      // Unpadded month or day; with a two-digit month and day that would be the same date, so write it with dots.
      return Number(m) < 10 || Number(d) < 10 ? `${y}-${Number(m)}-${Number(d)}` : `${d}.${m}.${y}`;
    default:
      return `${iso}T00:00:00`;
  }
}

const missing = (...columns: string[]): FaultKind => ({
  reason: 'missing_value',
  corrupt: (row, { rng }) => with1(row, rng.pick(columns), ''),
});
const malformed = (freshUprn = false): FaultKind => ({
  reason: 'malformed_uprn',
  freshUprn,
  corrupt: (row, { rng }) => with1(row, 'uprn', malformedUprn(rng, row.uprn ?? '')),
});
const invalidNumber = (options: Readonly<Record<string, readonly string[]>>): FaultKind => ({
  reason: 'invalid_number',
  freshUprn: true,
  corrupt: (row, { rng }) => {
    const column = rng.pick(Object.keys(options));
    return with1(row, column, rng.pick(options[column] ?? ['-1']));
  },
});
const badDateIn = (...columns: string[]): FaultKind => ({
  reason: 'bad_date',
  corrupt: (row, { rng }) => {
    const present = columns.filter((c) => (row[c] ?? '') !== '');
    const column = rng.pick(present.length > 0 ? present : columns);
    return with1(row, column, badDate(rng, row[column] || formatIsoDay(0)));
  },
});
const futureDate = (column: string): FaultKind => ({
  reason: 'future_date',
  corrupt: (row, { rng, extractDay }) => with1(row, column, formatIsoDay(extractDay + rng.int(1, 540))),
});
const badBoolean = (...columns: string[]): FaultKind => ({
  reason: 'bad_boolean',
  corrupt: (row, { rng }) => {
    const column = rng.pick(columns);
    const truth = row[column] === 'true';
    return with1(row, column, rng.pick(truth ? ['yes', 'TRUE', 'Y', '1', 'True'] : ['no', 'FALSE', 'N', '0', 'False']));
  },
});
const unknownEnum = (options: Readonly<Record<string, readonly string[]>>, freshUprn = false): FaultKind => ({
  reason: 'unknown_enum',
  freshUprn,
  corrupt: (row, { rng }) => {
    const column = rng.pick(Object.keys(options));
    return with1(row, column, rng.pick(options[column] ?? ['?']));
  },
});
const unmatched: FaultKind = { reason: 'unmatched_uprn', corrupt: (row, context) => with1(row, 'uprn', context.unknownUprn()) };
const duplicateRow: FaultKind = { reason: 'duplicate_row', corrupt: (row) => ({ ...row }) };
/**
 * A record whose field count differs from the header's: an address written
 * without its quotes (its commas split it), or a line cut short by a bad
 * export (its last field lost). Values are written bare, so a value that
 * needs quoting is first stripped of commas, quotes and line breaks.
 */
const malformedRow = (unquotedColumn?: string): FaultKind => ({
  reason: 'malformed_row',
  freshUprn: unquotedColumn !== undefined,
  corrupt: (row) => ({ ...row }),
  rawLine: (row, columns) => {
    const bare = (value: string) => value.replace(/[",\r\n]/g, ' ');
    const unquoted = unquotedColumn !== undefined && /,/.test(row[unquotedColumn] ?? '') && !/["\r\n]/.test(row[unquotedColumn] ?? '');
    const fields = columns.map((c) => (unquoted && c === unquotedColumn ? (row[c] ?? '') : bare(row[c] ?? '')));
    return (unquoted ? fields : fields.slice(0, -1)).join(',');
  },
});

/**
 * The faults injected into each table, each keyed by the reason the
 * standard's ordered row checks give it. Values are the kinds of mess real
 * extracts carry: Excel-mangled dates, "1e3", "12,5", "TRUE", "Mandatory HMO".
 * A fault in an optional column that the borough leaves out of its header
 * (`absent`) cannot be written, so it is left out of the catalogue.
 *
 * @example
 *   faultCatalogue().licences;                          // every kind
 *   faultCatalogue(new Set(['liable_persons'])).council_tax; // no invalid_number kind
 */
export function faultCatalogue(absent: ReadonlySet<string> = NO_COLUMNS): Readonly<Record<TableName, readonly FaultKind[]>> {
  if (absent.size === 0) return FULL_CATALOGUE;
  const present = (columns: readonly string[]) => columns.filter((c) => !absent.has(c));
  const options = (all: Readonly<Record<string, readonly string[]>>) => Object.fromEntries(Object.entries(all).filter(([c]) => !absent.has(c)));
  return buildCatalogue(present, options);
}

const NO_COLUMNS: ReadonlySet<string> = new Set();

type ColumnFilter = (columns: readonly string[]) => readonly string[];
type OptionFilter = (options: Readonly<Record<string, readonly string[]>>) => Readonly<Record<string, readonly string[]>>;

const FULL_CATALOGUE = buildCatalogue(
  (columns) => columns,
  (options) => options,
);

function buildCatalogue(present: ColumnFilter, options: OptionFilter): Readonly<Record<TableName, readonly FaultKind[]>> {
  // A kind whose columns are all absent is dropped (undefined, filtered out below).
  const dates = (...columns: string[]) => (present(columns).length > 0 ? badDateIn(...present(columns)) : undefined);
  const numbers = (all: Readonly<Record<string, readonly string[]>>, fresh: boolean) => {
    const kept = options(all);
    return Object.keys(kept).length > 0 ? { ...invalidNumber(kept), freshUprn: fresh } : undefined;
  };
  const enums = (all: Readonly<Record<string, readonly string[]>>, fresh = false) => {
    const kept = options(all);
    return Object.keys(kept).length > 0 ? unknownEnum(kept, fresh) : undefined;
  };
  const kinds = (...list: Array<FaultKind | undefined>) => list.filter((k): k is FaultKind => k !== undefined);
  return {
  properties: kinds(
    malformedRow('address'),
    { ...missing('address', 'postcode', 'ward_code', 'property_type', 'council_tax_band', 'tenure'), freshUprn: true },
    malformed(true),
    numbers(
      {
        habitable_rooms: ['-1', '-3', '1e3', '4.0'],
        floor_area_m2: ['0', '-62.5', '1e3', '72,5', 'NaN', 'inf'],
        year_built: ['1905.0', '19O5', 'c1900'],
        easting: ['5.3e5', '531,200'],
      },
      true,
    ),
    enums(
      {
        property_type: ['House', 'FLAT', 'terrace', 'studio'],
        built_form: ['semi detached', 'Terraced', 'mid-terrace'],
        epc_rating: ['c', 'H', 'N/A'],
        council_tax_band: ['I', 'b'],
        tenure: ['Private Rented', 'rented', 'HMO', 'owner occupied'],
      },
      true,
    ),
    duplicateRow,
    {
      reason: 'duplicate_uprn',
      corrupt: (row) => {
        const address = row.address ?? '';
        const variant = address.toUpperCase() !== address ? address.toUpperCase() : `${address} (dup)`;
        return with1(row, 'address', variant);
      },
    },
  ),
  council_tax: kinds(
    malformedRow(),
    missing('account_ref', 'start_date', 'single_person_discount', 'uprn'),
    malformed(),
    numbers({ liable_persons: ['0', '-1', '1e3', '2.5'] }, false),
    dates('start_date', 'end_date'),
    futureDate('start_date'),
    badBoolean('single_person_discount', 'student_exemption'),
    unmatched,
    duplicateRow,
  ),
  electoral_register: kinds(
    malformedRow(),
    missing('elector_ref', 'surname_key', 'registered_date'),
    malformed(),
    dates('registered_date', 'removed_date'),
    futureDate('registered_date'),
    unmatched,
    duplicateRow,
  ),
  licences: kinds(
    missing('licence_ref', 'end_date', 'scheme'),
    malformed(),
    numbers({ max_occupants: ['0', '-2', '6.5'], max_households: ['0', '1e3'] }, false),
    dates('start_date', 'end_date'),
    futureDate('start_date'),
    enums({ scheme: ['Mandatory HMO', 'additional', 'HMO', 'Selective', 'mandatory_hmo'] }),
    unmatched,
    duplicateRow,
  ),
  inspections: kinds(
    missing('outcome', 'trigger', 'inspection_date'),
    malformed(),
    dates('inspection_date'),
    futureDate('inspection_date'),
    enums({ outcome: ['HMO', 'no access', 'not_hmo', 'Not HMO'], trigger: ['Complaint', 'reactive', 'referral'] }),
    unmatched,
    duplicateRow,
  ),
  housing_benefit: kinds(
    malformedRow(),
    missing('claim_ref', 'start_date', 'shared_accommodation_rate'),
    malformed(),
    numbers({ weekly_rent: ['-50.00', '1e3', '£150', '150,00'] }, false),
    dates('start_date', 'end_date'),
    futureDate('start_date'),
    badBoolean('shared_accommodation_rate'),
    unmatched,
    duplicateRow,
  ),
  complaints: kinds(
    malformedRow(),
    missing('received_date', 'category'),
    malformed(),
    dates('received_date'),
    futureDate('received_date'),
    enums({ category: ['Noise', 'fly-tipping', 'anti-social behaviour', 'Pests', 'rubbish'] }),
    unmatched,
    duplicateRow,
  ),
  };
}
