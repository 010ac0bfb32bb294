import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Attribution, ModelMetadata, Scorer } from '../../../models/Scorer.js';
import type { BoroughStatus } from '../../../pipeline/db/BoroughStatus.js';
import { Duck, sqlString } from '../../../pipeline/db/Duck.js';
import { duckType } from '../../../pipeline/db/openDropDb.js';
import type { FeatureFrame } from '../../../pipeline/frame/FeatureFrame.js';
import { outputLayout } from '../../../pipeline/layout.js';
import type { EvidenceCatalogue } from '../../../pipeline/rank/EvidenceCatalogue.js';
import { loadSchema, type TableName } from '../../../pipeline/standard/schema.js';

type Value = string | number | boolean | null;
export type TableRows = Partial<Record<TableName, Array<Record<string, Value>>>>;

export interface FixtureBorough {
  code: string;
  name: string;
  extract_date: string;
  tables: TableRows;
  /** Feature rows of score.parquet: uprn plus numeric features. */
  features: Array<{ uprn: number } & Record<string, number | null>>;
}

/**
 * Writes what ingest and features would have written for a hand-built
 * borough: OUT/ingest/<code>/<table>.parquet with every column of the
 * standard typed as ingest types it, borough.json, and
 * OUT/features/<code>/score.parquet.
 */
export async function writeFixtureBorough(out: string, borough: FixtureBorough): Promise<void> {
  const layout = outputLayout(out);
  const schema = loadSchema();
  const db = await Duck.open();
  try {
    const tables: BoroughStatus['tables'] = {};
    for (const table of schema.tables) {
      const rows = borough.tables[table.name] ?? [];
      if (rows.length === 0 && !table.required) continue;
      const columns = table.columns.map((c) => ({ name: c.name, type: duckType(c.type) }));
      await db.run(`CREATE OR REPLACE TABLE t (borough_code VARCHAR, source_line BIGINT, ${columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
      if (rows.length > 0) {
        const values = rows.map(
          (row, i) => `(${sqlString(borough.code)}, ${i + 2}, ${columns.map((c) => literal(row[c.name] ?? null, c.type)).join(', ')})`,
        );
        await db.run(`INSERT INTO t VALUES ${values.join(', ')}`);
      }
      const file = layout.acceptedTable(borough.code, table.name);
      mkdirSync(dirname(file), { recursive: true });
      await db.run(`COPY t TO ${sqlString(file)} (FORMAT parquet)`);
      tables[table.name] = {
        supplied: true,
        file: table.file,
        rows_read: rows.length,
        rows_accepted: rows.length,
        rows_quarantined: 0,
        reasons: {},
        missing_optional_columns: [],
      };
    }
    const status: BoroughStatus = {
      borough_code: borough.code,
      borough_name: borough.name,
      status: 'ok',
      standard: schema.standard,
      extract_date: borough.extract_date,
      errors: [],
      warnings: [],
      tables,
    };
    writeFileSync(layout.boroughStatus(borough.code), JSON.stringify(status, null, 2));

    const names = [...new Set(borough.features.flatMap((r) => Object.keys(r).filter((k) => k !== 'uprn')))].sort();
    await db.run(
      `CREATE OR REPLACE TABLE f (borough_code VARCHAR, uprn BIGINT, as_of DATE${names.map((n) => `, "${n}" DOUBLE`).join('')})`,
    );
    if (borough.features.length > 0) {
      const values = borough.features.map(
        (r) => `(${sqlString(borough.code)}, ${r.uprn}, DATE ${sqlString(borough.extract_date)}${names.map((n) => `, ${literal(r[n] ?? null, 'DOUBLE')}`).join('')})`,
      );
      await db.run(`INSERT INTO f VALUES ${values.join(', ')}`);
    }
    const featuresFile = layout.scoringFeatures(borough.code);
    mkdirSync(dirname(featuresFile), { recursive: true });
    await db.run(`COPY f TO ${sqlString(featuresFile)} (FORMAT parquet)`);
  } finally {
    db.close();
  }
}

/** Writes a failed borough's status (no Parquet), as ingest does. */
export function writeFailedBorough(out: string, code: string): void {
  const file = outputLayout(out).boroughStatus(code);
  mkdirSync(dirname(file), { recursive: true });
  const status: BoroughStatus = {
    borough_code: code,
    borough_name: null,
    status: 'failed',
    standard: null,
    extract_date: null,
    errors: ['manifest.json is missing'],
    warnings: [],
    tables: {},
  };
  writeFileSync(file, JSON.stringify(status));
}

function literal(value: Value, type: string): string {
  if (value === null) return 'NULL';
  if (type === 'DATE') return `DATE ${sqlString(String(value))}`;
  if (type === 'BOOLEAN') return value ? 'true' : 'false';
  if (type === 'VARCHAR') return sqlString(String(value));
  return String(value);
}

/** A property row with the required columns filled in. */
export function property(uprn: number, extra: Record<string, Value> = {}): Record<string, Value> {
  return {
    uprn,
    address: `${uprn} Test Street, London`,
    postcode: 'NW1 0AB',
    ward_code: 'E05000130',
    ward_name: 'Camden Town',
    easting: 529000 + (uprn % 97) * 10,
    northing: 183000 + (uprn % 89) * 10,
    property_type: 'house',
    council_tax_band: 'D',
    tenure: 'private-rented',
    ...extra,
  };
}

/** The fake model's features, in order, and their weights (logit per unit). */
export const FAKE_WEIGHTS: Record<string, number> = {
  electors_current: 0.6,
  distinct_surnames: 0.5,
  complaints_12m: 0.8,
  habitable_rooms: 0.1,
};

/**
 * A transparent logistic "model" standing in for models/loadScorer: logit =
 * -4 + sum of weight * value (null counts as 0); attribution = weight * value
 * (reference 0), largest first.
 */
export function fakeScorer(extractDates: Record<string, string> = { E09000007: '2026-09-30' }): Scorer & { attributeCalls: number } {
  const features = Object.keys(FAKE_WEIGHTS);
  const metadata: ModelMetadata = {
    model_id: 'fake-model-1',
    kind: 'logistic',
    created_at: '2026-11-01T00:00:00Z',
    catalogue_hash: 'test',
    features,
    trained_on: { boroughs: Object.keys(extractDates), extract_dates: extractDates, rows: 1234, positives: 321, data_fingerprint: 'x' },
    seed: 1,
    params: {},
    metrics: {},
    versions: {},
  };
  const value = (frame: FeatureFrame, name: string, i: number) => {
    const v = frame.numeric.get(name)?.[i] ?? Number.NaN;
    return Number.isNaN(v) ? 0 : v;
  };
  const logit = (frame: FeatureFrame, i: number) => features.reduce((s, f) => s + (FAKE_WEIGHTS[f] as number) * value(frame, f, i), -4);
  const scorer = {
    metadata,
    attributeCalls: 0,
    checkFrame(frame: FeatureFrame) {
      const missing = features.filter((f) => !frame.numeric.has(f));
      if (missing.length > 0) throw new Error(`missing features ${missing.join(', ')}`);
    },
    rawScore(frame: FeatureFrame) {
      return Float64Array.from({ length: frame.length }, (_, i) => logit(frame, i));
    },
    score(frame: FeatureFrame) {
      return Float64Array.from({ length: frame.length }, (_, i) => 1 / (1 + Math.exp(-logit(frame, i))));
    },
    attribute(frame: FeatureFrame, rows: readonly number[]): Attribution[][] {
      scorer.attributeCalls += 1;
      return rows.map((i) =>
        features
          .map((f) => ({ feature: f, contribution: (FAKE_WEIGHTS[f] as number) * value(frame, f, i) }))
          .sort((a, b) => b.contribution - a.contribution),
      );
    },
  };
  return scorer;
}

/** Evidence sentences in the catalogue's shape; habitable_rooms is context, never evidence. */
export const fakeCatalogue: EvidenceCatalogue = [
  {
    name: 'electors_current',
    evidence: (row, asOf) => (typeof row.electors_current === 'number' && row.electors_current >= 3 ? `${row.electors_current} electors registered (as of ${asOf})` : null),
  },
  {
    name: 'distinct_surnames',
    evidence: (row, asOf) =>
      typeof row.distinct_surnames === 'number' && row.distinct_surnames >= 2 ? `${row.distinct_surnames} different surnames among the electors (as of ${asOf})` : null,
  },
  {
    name: 'complaints_12m',
    evidence: (row, asOf) =>
      typeof row.complaints_12m === 'number' && row.complaints_12m >= 1 ? `${row.complaints_12m} complaints in the 12 months to ${asOf}` : null,
  },
  { name: 'habitable_rooms', evidence: () => null },
];
