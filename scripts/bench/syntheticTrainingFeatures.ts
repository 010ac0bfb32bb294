import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Duck, sqlString } from '../../pipeline/db/Duck.js';
import type { FeatureFrame } from '../../pipeline/frame/FeatureFrame.js';
import { outputLayout } from '../../pipeline/layout.js';
import { Random } from '../../pipeline/util/Random.js';

/** Shape of a synthetic training frame for tests and the training benchmark. */
export interface SyntheticOptions {
  boroughs: number;
  rowsPerBorough: number;
  seed: number;
  /** Extra pure-noise numeric features (to reach London's ~60 inputs). */
  noiseFeatures?: number;
  /** Share of HMOs among labelled properties (before the signal shifts it). */
  baseRate?: number;
}

/**
 * A labelled feature frame whose label depends on a few signals an inspector
 * would name (electors, distinct surnames, single-person discount with many
 * electors, complaints, tenure), with nulls in floor area and tenure, over
 * several boroughs and three years of inspections. Not the catalogue: a
 * stand-in with the same column kinds, for tests and benchmarks of training.
 *
 * @example
 *   const frame = syntheticTrainingFrame({ boroughs: 3, rowsPerBorough: 400, seed: 1 });
 */
export function syntheticTrainingFrame(options: SyntheticOptions): FeatureFrame {
  const rng = new Random(options.seed);
  const n = options.boroughs * options.rowsPerBorough;
  const noise = options.noiseFeatures ?? 0;
  const numeric = new Map<string, Float64Array>();
  const col = (name: string) => {
    const values = new Float64Array(n);
    numeric.set(name, values);
    return values;
  };
  const electors = col('electors_current');
  const surnames = col('surnames_distinct');
  const discount = col('single_person_discount_with_many_electors');
  const complaints = col('complaints_12m');
  const floorArea = col('floor_area_m2');
  const rooms = col('habitable_rooms');
  const noiseColumns = Array.from({ length: noise }, (_, i) => col(`noise_${String(i + 1).padStart(2, '0')}`));
  const tenure: (string | null)[] = [];
  const propertyType: (string | null)[] = [];
  const label = new Int8Array(n);
  const boroughCode: string[] = [];
  const uprn: string[] = [];
  const asOf: string[] = [];
  const inspectionDate: string[] = [];
  const trigger: string[] = [];
  const base = Math.log((options.baseRate ?? 0.25) / (1 - (options.baseRate ?? 0.25)));
  const start = Date.UTC(2023, 0, 1);
  for (let b = 0; b < options.boroughs; b++) {
    const code = `E09${String(b + 1).padStart(6, '0')}`;
    const boroughShift = rng.normal(0, 0.3);
    for (let r = 0; r < options.rowsPerBorough; r++) {
      const i = b * options.rowsPerBorough + r;
      const latent = rng.normal();
      const isHmo = rng.uniform() < 1 / (1 + Math.exp(-(base + boroughShift + 1.6 * latent)));
      label[i] = isHmo ? 1 : 0;
      electors[i] = rng.poisson(isHmo ? 4.5 : 1.8);
      surnames[i] = Math.min(electors[i] as number, rng.poisson(isHmo ? 3.5 : 1.2));
      discount[i] = rng.chance(isHmo ? 0.3 : 0.05) ? 1 : 0;
      complaints[i] = rng.poisson(isHmo ? 0.8 : 0.25);
      rooms[i] = Math.max(1, rng.poisson(isHmo ? 5 : 3.5));
      floorArea[i] = rng.chance(0.3) ? Number.NaN : Math.round((rooms[i] as number) * rng.normal(22, 4));
      for (const values of noiseColumns) values[i] = rng.normal();
      tenure.push(rng.chance(0.1) ? null : isHmo ? rng.weighted(['private-rented', 'owner-occupied', 'unknown'], [7, 2, 1]) : rng.weighted(['private-rented', 'owner-occupied', 'social-rented', 'unknown'], [3, 5, 2, 1]));
      propertyType.push(rng.weighted(['house', 'flat', 'maisonette', 'bungalow', 'other'], isHmo ? [6, 2, 1, 0.2, 0.2] : [3, 5, 1, 0.5, 0.3]));
      boroughCode.push(code);
      uprn.push(String(100000000 + i));
      const day = new Date(start + rng.int(0, 3 * 365) * 86400000).toISOString().slice(0, 10);
      inspectionDate.push(day);
      asOf.push(new Date(Date.parse(day) - 86400000).toISOString().slice(0, 10));
      trigger.push(rng.pick(['complaint', 'proactive', 'licence-application']));
    }
  }
  return {
    length: n,
    boroughCode,
    uprn,
    asOf,
    numeric,
    categorical: new Map([
      ['property_type', propertyType],
      ['tenure', tenure],
    ]),
    label,
    inspectionDate,
    trigger,
  };
}

/**
 * Writes a labelled frame as OUT/features/<borough>/train.parquet files, in
 * the layout `hmo features` writes (keys, features, label, inspection_date,
 * trigger, declared), with the catalogue hash in the key-value metadata when given.
 *
 * @example
 *   await writeTrainingFeatures('/tmp/out', syntheticTrainingFrame({ boroughs: 2, rowsPerBorough: 100, seed: 1 }));
 */
export async function writeTrainingFeatures(out: string, frame: FeatureFrame, options: { catalogueHash?: string } = {}): Promise<void> {
  const layout = outputLayout(out);
  const numericNames = [...frame.numeric.keys()];
  const categoricalNames = [...frame.categorical.keys()];
  const db = await Duck.open();
  try {
    const columns = [
      'borough_code VARCHAR',
      'uprn VARCHAR',
      'as_of VARCHAR',
      ...numericNames.map((name) => `"${name}" DOUBLE`),
      ...categoricalNames.map((name) => `"${name}" VARCHAR`),
      'label INTEGER',
      'inspection_date VARCHAR',
      'trigger VARCHAR',
      'declared BOOLEAN',
    ];
    await db.run(`CREATE TABLE rows (${columns.join(', ')})`);
    const appender = await db.connection.createAppender('rows');
    for (let i = 0; i < frame.length; i++) {
      appender.appendVarchar(frame.boroughCode[i] as string);
      appender.appendVarchar(frame.uprn[i] as string);
      appender.appendVarchar(frame.asOf[i] as string);
      for (const name of numericNames) {
        const v = (frame.numeric.get(name) as Float64Array)[i] as number;
        if (Number.isFinite(v)) appender.appendDouble(v);
        else appender.appendNull();
      }
      for (const name of categoricalNames) {
        const v = (frame.categorical.get(name) as (string | null)[])[i];
        if (v === null || v === undefined) appender.appendNull();
        else appender.appendVarchar(v);
      }
      appender.appendInteger(frame.label?.[i] ?? 0);
      appender.appendVarchar(frame.inspectionDate?.[i] ?? '');
      appender.appendVarchar(frame.trigger?.[i] ?? 'proactive');
      appender.appendBoolean(frame.declared?.[i] === 1);
      appender.endRow();
    }
    appender.closeSync();
    const select =
      `SELECT borough_code, CAST(uprn AS BIGINT) AS uprn, CAST(as_of AS DATE) AS as_of, ` +
      `${[...numericNames, ...categoricalNames].map((n) => `"${n}"`).join(', ')}, label, CAST(inspection_date AS DATE) AS inspection_date, trigger, declared FROM rows`;
    // Like `hmo features`, record the catalogue hash in the Parquet key-value metadata when one is given.
    const kv = options.catalogueHash === undefined ? '' : `, KV_METADATA {catalogue_hash: ${sqlString(options.catalogueHash)}}`;
    for (const code of [...new Set(frame.boroughCode)].sort()) {
      const file = layout.trainingFeatures(code);
      mkdirSync(dirname(file), { recursive: true });
      await db.run(`COPY (${select} WHERE borough_code = ${sqlString(code)} ORDER BY CAST(uprn AS BIGINT)) TO ${sqlString(file)} (FORMAT parquet${kv})`);
    }
  } finally {
    db.close();
  }
}
