import { Duck, sqlString } from '../db/Duck.js';
import { readDoubleColumns } from '../db/readDoubleColumns.js';

/** Columns of a features file that identify a row rather than describe it. */
export const KEY_COLUMNS = ['borough_code', 'uprn', 'as_of'] as const;
/** Columns of a training features file that are not model inputs. */
export const TRAINING_COLUMNS = ['label', 'inspection_date', 'trigger', 'declared'] as const;

/**
 * Feature rows in columnar form, as the model stages use them: numeric
 * features as Float64Array with NaN for null, categorical ones as string
 * arrays with null. Row i of every column is the same property.
 */
export interface FeatureFrame {
  readonly length: number;
  readonly boroughCode: string[];
  /** UPRN as its decimal text. */
  readonly uprn: string[];
  /** The date the row's features are as of (ISO). */
  readonly asOf: string[];
  readonly numeric: Map<string, Float64Array>;
  readonly categorical: Map<string, (string | null)[]>;
  /** 1 = hmo, 0 = not-hmo; training files only. */
  readonly label?: Int8Array;
  /** Date of the inspection the label comes from; training files only. */
  readonly inspectionDate?: string[];
  /** What prompted that inspection; training files only. */
  readonly trigger?: string[];
  /**
   * 1 = a declared HMO at the time (licence-application inspection, or a
   * current HMO licence the day before); training files only. Fit on every
   * row; compute validation metrics on declared = 0, the population the
   * lists serve (docs/features.md, Labels).
   */
  readonly declared?: Uint8Array;
  /**
   * Distinct `catalogue_hash` values recorded in the files read (normally
   * one), so that a model can refuse features of another catalogue; absent
   * for frames built in memory or files that record none.
   */
  readonly catalogueHashes?: string[];
}

/** Which rows `readFeatureFrame` reads. */
export interface FrameRowFilter {
  /** Only the rows of these UPRNs (decimal text); every row when absent. */
  uprns?: readonly string[];
}

/**
 * Reads feature Parquet files (the output of `hmo features`) into one frame,
 * rows ordered by borough and UPRN so that the order never depends on the
 * file system; with `filter.uprns`, only those properties' rows.
 *
 * @example
 *   const frame = await readFeatureFrame([layout.trainingFeatures('E09000007')]);
 *   frame.numeric.get('electors_current')?.[0];
 *   const head = await readFeatureFrame([layout.scoringFeatures('E09000007')], undefined, { uprns: ['100021234567'] });
 */
export async function readFeatureFrame(files: readonly string[], db?: Duck, filter: FrameRowFilter = {}): Promise<FeatureFrame> {
  const own = db === undefined;
  const duck = db ?? (await Duck.open());
  try {
    const fileList = `[${files.map(sqlString).join(', ')}]`;
    const all = `read_parquet(${fileList}, union_by_name = true)`;
    const source = filter.uprns === undefined ? all : `(SELECT * FROM ${all} WHERE CAST(uprn AS BIGINT) IN (SELECT unnest(${uprnList(filter.uprns)})))`;
    const described = await duck.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${source}`);
    const columns = await readFrameColumns(duck, source, described);
    const length = columns.length;
    const numeric = new Map<string, Float64Array>();
    const categorical = new Map<string, (string | null)[]>();
    for (const { column_name: name, column_type: type } of described) {
      if ((KEY_COLUMNS as readonly string[]).includes(name) || (TRAINING_COLUMNS as readonly string[]).includes(name)) continue;
      if (type === 'VARCHAR') categorical.set(name, columns.text(name));
      else numeric.set(name, columns.number(name));
    }
    const hashes = await duck.all<{ hash: string }>(
      `SELECT DISTINCT decode(value) AS hash FROM parquet_kv_metadata(${fileList}) WHERE decode(key) = 'catalogue_hash' ORDER BY 1`,
    );
    const frame: FeatureFrame = {
      ...(hashes.length > 0 ? { catalogueHashes: hashes.map((h) => h.hash) } : {}),
      length,
      boroughCode: columns.text('borough_code') as string[],
      uprn: columns.uprn(),
      asOf: columns.date('as_of') as string[],
      numeric,
      categorical,
    };
    if (columns.has('label')) {
      const declared = columns.has('declared') ? columns.number('declared') : undefined;
      return {
        ...frame,
        label: Int8Array.from(columns.number('label')),
        inspectionDate: columns.date('inspection_date') as string[],
        trigger: columns.text('trigger') as string[],
        ...(declared !== undefined ? { declared: Uint8Array.from(declared, (v) => (v === 1 ? 1 : 0)) } : {}),
      };
    }
    return frame;
  } finally {
    if (own) duck.close();
  }
}

/** UPRNs as a DuckDB BIGINT list literal; each must be a whole number (they come from the drop's own tables). */
function uprnList(uprns: readonly string[]): string {
  const numbers = uprns.map((uprn) => {
    const value = Number(uprn);
    if (!/^\d+$/.test(uprn) || !Number.isSafeInteger(value)) throw new Error(`readFeatureFrame: UPRN "${uprn}" is not a whole number of at most 15 digits`);
    return String(value);
  });
  return `CAST([${numbers.join(', ')}] AS BIGINT[])`;
}

/** A frame file's columns as read: each one as numbers, with accessors that give them their frame types back. */
interface FrameColumns {
  length: number;
  has(name: string): boolean;
  number(name: string): Float64Array;
  /** A VARCHAR column: every distinct value is one shared string. */
  text(name: string): (string | null)[];
  /** A DATE column as ISO text. */
  date(name: string): (string | null)[];
  /** The UPRN column as decimal text. */
  uprn(): string[];
}

/**
 * Reads every column of `source` as DOUBLE straight from DuckDB's vectors
 * (`readDoubleColumns`), so that no JS value is made per cell: text columns
 * as the 1-based position of the value among the column's distinct values
 * (read first, a few per column), dates as days since 1970-01-01, the rest
 * cast. UPRNs are at most 12 digits, well inside a double's exact integers.
 */
async function readFrameColumns(duck: Duck, source: string, described: readonly { column_name: string; column_type: string }[]): Promise<FrameColumns> {
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const texts = described.filter((c) => c.column_type === 'VARCHAR').map((c) => c.column_name);
  const levels = new Map<string, string[]>();
  if (texts.length > 0) {
    const rows = await duck.all<Record<string, string[] | null>>(
      `SELECT ${texts.map((name, j) => `list(DISTINCT ${quoted(name)} ORDER BY ${quoted(name)}) FILTER (WHERE ${quoted(name)} IS NOT NULL) AS t${j}`).join(', ')} FROM ${source}`,
    );
    texts.forEach((name, j) => levels.set(name, rows[0]?.[`t${j}`] ?? []));
  }
  const expressions = described.map(({ column_name: name, column_type: type }, j) => {
    const column = quoted(name);
    // The UPRN is a number whatever type a file gave it, as the ORDER BY CAST(uprn AS BIGINT) this replaces read it.
    if (name === 'uprn') return `CAST(CAST(${column} AS BIGINT) AS DOUBLE) AS c${j}`;
    if (type === 'VARCHAR') {
      const values = levels.get(name) ?? [];
      return values.length === 0
        ? `CAST(NULL AS DOUBLE) AS c${j}`
        : `CAST(CASE WHEN ${column} IS NULL THEN NULL ELSE list_position([${values.map(sqlString).join(', ')}], ${column}) END AS DOUBLE) AS c${j}`;
    }
    if (type === 'DATE') return `CAST(date_diff('day', DATE '1970-01-01', ${column}) AS DOUBLE) AS c${j}`;
    return `CAST(${column} AS DOUBLE) AS c${j}`;
  });
  // Sorting every column in DuckDB costs three times the read itself; the rows are sorted here instead, by their keys.
  const read = await readDoubleColumns(duck, `SELECT ${expressions.join(', ')} FROM ${source}`);
  const index = new Map(described.map((c, j) => [c.column_name, j]));
  const column = (name: string): Float64Array | undefined => {
    const j = index.get(name);
    return j === undefined ? undefined : read.columns.get(`c${j}`);
  };
  const order = frameOrder(column('borough_code'), column('uprn'), read.length);
  const sorted = new Map<string, Float64Array>();
  const number = (name: string): Float64Array => {
    let values = sorted.get(name);
    if (values === undefined) {
      const raw = column(name);
      if (raw === undefined) throw new Error(`readFeatureFrame: no column "${name}"`);
      values = order === null ? raw : raw.map((_, i) => raw[order[i] as number] as number);
      sorted.set(name, values);
    }
    return values;
  };
  return {
    length: read.length,
    has: (name) => index.has(name),
    number,
    text: (name) => {
      const values = levels.get(name) ?? [];
      return Array.from(number(name), (code) => (Number.isNaN(code) ? null : (values[code - 1] as string)));
    },
    date: (name) => {
      const text = new Map<number, string>();
      return Array.from(number(name), (days) => {
        if (Number.isNaN(days)) return null;
        let iso = text.get(days);
        if (iso === undefined) {
          iso = new Date(days * 86_400_000).toISOString().slice(0, 10);
          text.set(days, iso);
        }
        return iso;
      });
    },
    uprn: () =>
      Array.from(number('uprn'), (uprn) => {
        if (!Number.isSafeInteger(uprn)) throw new Error(`readFeatureFrame: UPRN ${uprn} is not a whole number of at most 15 digits`);
        return String(uprn);
      }),
  };
}

/**
 * The row order `ORDER BY borough_code, uprn` gives (borough codes as their
 * position among the sorted distinct codes, nulls last), as indices into the
 * rows read; null when the rows are already in that order (one features file,
 * as `hmo features` writes it).
 */
function frameOrder(borough: Float64Array | undefined, uprn: Float64Array | undefined, length: number): Int32Array | null {
  const key = (values: Float64Array | undefined, i: number) => {
    const v = values?.[i] ?? Number.NaN;
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  // Comparisons, not differences: two nulls (Infinity - Infinity) must tie, not give NaN.
  const order = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);
  const compare = (a: number, b: number) => order(key(borough, a), key(borough, b)) || order(key(uprn, a), key(uprn, b));
  let inOrder = true;
  for (let i = 1; i < length && inOrder; i++) inOrder = compare(i - 1, i) <= 0;
  if (inOrder) return null;
  return Int32Array.from({ length }, (_, i) => i).sort(compare);
}
