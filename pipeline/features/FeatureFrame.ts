import { Duck, sqlString } from '../db/Duck.js';

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

/**
 * Reads feature Parquet files (the output of `hmo features`) into one frame,
 * rows ordered by borough and UPRN so that the order never depends on the
 * file system.
 *
 * @example
 *   const frame = await readFeatureFrame([layout.trainingFeatures('E09000007')]);
 *   frame.numeric.get('electors_current')?.[0];
 */
export async function readFeatureFrame(files: readonly string[], db?: Duck): Promise<FeatureFrame> {
  const own = db === undefined;
  const duck = db ?? (await Duck.open());
  try {
    const source = `read_parquet([${files.map(sqlString).join(', ')}], union_by_name = true)`;
    const described = await duck.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${source}`);
    const reader = await duck.connection.runAndReadAll(
      `SELECT * REPLACE (CAST(uprn AS VARCHAR) AS uprn, strftime(as_of, '%Y-%m-%d') AS as_of` +
        (described.some((c) => c.column_name === 'inspection_date') ? `, strftime(inspection_date, '%Y-%m-%d') AS inspection_date` : '') +
        `) FROM ${source} ORDER BY borough_code, CAST(uprn AS BIGINT)`,
    );
    const columns = reader.getColumnsObjectJS() as Record<string, unknown[]>;
    const length = reader.currentRowCount;
    const numeric = new Map<string, Float64Array>();
    const categorical = new Map<string, (string | null)[]>();
    for (const { column_name: name, column_type: type } of described) {
      if ((KEY_COLUMNS as readonly string[]).includes(name) || (TRAINING_COLUMNS as readonly string[]).includes(name)) continue;
      const values = columns[name] ?? [];
      if (type === 'VARCHAR') {
        categorical.set(name, values as (string | null)[]);
      } else {
        const array = new Float64Array(length);
        for (let i = 0; i < length; i++) {
          const v = values[i];
          array[i] = v === null || v === undefined ? Number.NaN : Number(v);
        }
        numeric.set(name, array);
      }
    }
    const hashes = await duck.all<{ hash: string }>(
      `SELECT DISTINCT decode(value) AS hash FROM parquet_kv_metadata([${files.map(sqlString).join(', ')}]) WHERE decode(key) = 'catalogue_hash' ORDER BY 1`,
    );
    const frame: FeatureFrame = {
      ...(hashes.length > 0 ? { catalogueHashes: hashes.map((h) => h.hash) } : {}),
      length,
      boroughCode: columns.borough_code as string[],
      uprn: columns.uprn as string[],
      asOf: columns.as_of as string[],
      numeric,
      categorical,
    };
    if (columns.label !== undefined) {
      return {
        ...frame,
        label: Int8Array.from(columns.label as number[], (v) => Number(v)),
        inspectionDate: columns.inspection_date as string[],
        trigger: columns.trigger as string[],
        ...(columns.declared !== undefined ? { declared: Uint8Array.from(columns.declared, (v) => (v === true || v === 1 ? 1 : 0)) } : {}),
      };
    }
    return frame;
  } finally {
    if (own) duck.close();
  }
}
