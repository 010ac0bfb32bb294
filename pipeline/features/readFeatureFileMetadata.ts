import { Duck, sqlString } from '../db/Duck.js';
import type { FeatureWindows } from './FeatureSpec.js';

/** What a feature file says about how it was built (its Parquet key-value metadata). */
export interface FeatureFileMetadata {
  /** `catalogueHash(windows)` of the catalogue that wrote the file. */
  catalogue_hash: string;
  /** The windows of its counts: pass them to `featureCatalogue` so evidence sentences name the right months. */
  windows: FeatureWindows;
}

/**
 * Reads the catalogue hash and windows that `hmo features` wrote into a
 * feature file, so that a model can refuse files built by another catalogue
 * and the lists can word their reasons with the right windows. Null when the
 * file carries none (not written by `hmo features`).
 *
 * @example
 *   const meta = await readFeatureFileMetadata(layout.scoringFeatures('E09000007'));
 *   const catalogue = featureCatalogue(meta?.windows);
 */
export async function readFeatureFileMetadata(file: string, db?: Duck): Promise<FeatureFileMetadata | null> {
  const duck = db ?? (await Duck.open());
  try {
    const rows = await duck.all<{ key: string; value: string }>(
      `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${sqlString(file)})`,
    );
    const kv = new Map(rows.map((r) => [r.key, r.value]));
    const hash = kv.get('catalogue_hash');
    const recent = Number(kv.get('recent_months'));
    const long = Number(kv.get('long_months'));
    if (hash === undefined || !Number.isInteger(recent) || !Number.isInteger(long)) return null;
    return { catalogue_hash: hash, windows: { recent_months: recent, long_months: long } };
  } finally {
    if (db === undefined) duck.close();
  }
}
