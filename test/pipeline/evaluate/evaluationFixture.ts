// A small synthetic world for evaluation tests: two ingested boroughs (the
// OUT/ingest layout), their features, a model artifact folder (metadata +
// validation predictions for mlp and logistic), a truth file and a fake Scorer.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attribution, ModelMetadata, Scorer } from '../../../models/Scorer.js';
import type { BoroughStatus } from '../../../pipeline/db/BoroughStatus.js';
import { Duck, sqlString } from '../../../pipeline/db/Duck.js';
import { duckType } from '../../../pipeline/db/openDropDb.js';
import type { FeatureFrame } from '../../../pipeline/frame/FeatureFrame.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { loadSchema, type TableName } from '../../../pipeline/standard/schema.js';
import { Random } from '../../../pipeline/util/Random.js';

export const BOROUGHS = [
  { code: 'E09000007', name: 'Camden', extract: '2026-09-30' },
  { code: 'E09000033', name: 'Westminster', extract: '2026-09-30' },
] as const;
export const PROPERTIES_PER_BOROUGH = 600;
export const LABELLED_PER_BOROUGH = 140;
/** A pseudonymous reference value that must never reach an output. */
export const SECRET_REF = 'LANDLORD_REF_SECRET_123';

type Row = Record<string, string | number | boolean | null>;

export interface Fixture {
  root: string;
  out: string;
  modelDir: string;
  /** A second, worse model (for --baseline / promotion tests). */
  weakModelDir: string;
  truth: string;
  /** Per borough: uprn -> truth. */
  truthRows: Array<{ uprn: number; borough_code: string; is_hmo: number; is_licensed: number }>;
  candidatesByBorough: Map<string, number[]>;
}

async function writeParquet(db: Duck, file: string, columns: Array<[string, string]>, rows: Row[]): Promise<void> {
  mkdirSync(join(file, '..'), { recursive: true });
  const literal = (v: Row[string], type: string) =>
    v === null || v === undefined ? `CAST(NULL AS ${type})` : typeof v === 'string' ? `CAST(${sqlString(v)} AS ${type})` : `CAST(${String(v)} AS ${type})`;
  const select =
    rows.length === 0
      ? `SELECT ${columns.map(([n, t]) => `CAST(NULL AS ${t}) AS "${n}"`).join(', ')} WHERE false`
      : rows.map((r) => `SELECT ${columns.map(([n, t]) => `${literal(r[n] ?? null, t)} AS "${n}"`).join(', ')}`).join(' UNION ALL ');
  await db.run(`COPY (${select}) TO ${sqlString(file)} (FORMAT parquet)`);
}

async function writeTable(db: Duck, out: string, borough: string, table: TableName, rows: Row[]): Promise<void> {
  const spec = loadSchema().table(table);
  const columns: Array<[string, string]> = [['borough_code', 'VARCHAR'], ['source_line', 'BIGINT'], ...spec.columns.map((c) => [c.name, duckType(c.type)] as [string, string])];
  await writeParquet(
    db,
    outputLayout(out).acceptedTable(borough, table),
    columns,
    rows.map((r, i) => ({ borough_code: borough, source_line: i + 2, ...r })),
  );
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

/** Builds the fixture under a fresh temporary folder. */
export async function buildFixture(): Promise<Fixture> {
  const root = mkdtempSync(join(tmpdir(), 'hmo-evaluate-'));
  const out = join(root, 'out');
  const layout = outputLayout(out);
  const random = new Random(7);
  const db = await Duck.open();
  const truthRows: Fixture['truthRows'] = [];
  const candidatesByBorough = new Map<string, number[]>();
  const predictions: Row[] = [];
  const weakPredictions: Row[] = [];
  try {
    for (const [b, borough] of BOROUGHS.entries()) {
      const properties: Row[] = [];
      const complaints: Row[] = [];
      const licences: Row[] = [];
      const inspections: Row[] = [];
      const score: Row[] = [];
      const train: Row[] = [];
      const candidates: number[] = [];
      for (let p = 0; p < PROPERTIES_PER_BOROUGH; p++) {
        const uprn = 100000 + b * 10000 + p;
        const ward = p % 3;
        const tenure = ['private-rented', 'owner-occupied', 'social-rented'][p % 3 === 0 ? 0 : p % 5 === 0 ? 2 : 1] as string;
        const electors = 1 + random.int(0, 7);
        const isHmo = random.chance(sigmoid(1.1 * (electors - 5))) ? 1 : 0;
        const licensed = isHmo === 1 && p % 7 === 0 ? 1 : 0;
        const complaintCount = random.poisson(isHmo === 1 ? 1.5 : 0.4);
        properties.push({
          uprn,
          address: `${p + 1} Fixture Street`,
          postcode: 'NW1 0AB',
          ward_code: `E0500${b}00${ward}`,
          ward_name: `${borough.name} Ward ${ward + 1}`,
          property_type: p % 4 === 0 ? 'flat' : 'house',
          council_tax_band: 'C',
          tenure,
          landlord_ref: SECRET_REF,
        });
        truthRows.push({ uprn, borough_code: borough.code, is_hmo: isHmo, is_licensed: licensed });
        const labelled = p < LABELLED_PER_BOROUGH && licensed === 0;
        const inspectionDate = addDays('2024-01-01', p * 4 + b);
        // complaints in the year before the inspection (labelled) or the extract (candidates)
        const reference = labelled ? inspectionDate : borough.extract;
        for (let c = 0; c < complaintCount; c++) complaints.push({ uprn, received_date: addDays(reference, -30 - 40 * c), category: 'noise' });
        if (licensed === 1) {
          licences.push({ uprn, licence_ref: `L${uprn}`, scheme: 'mandatory-hmo', start_date: '2025-01-01', end_date: '2030-01-01' });
        }
        const ownRandom = random.uniform();
        score.push({ borough_code: borough.code, uprn, as_of: borough.extract, electors, complaints_12m: complaintCount, tenure });
        if (labelled) {
          inspections.push({ uprn, inspection_date: inspectionDate, outcome: isHmo === 1 ? 'hmo' : 'not-hmo', trigger: 'complaint' });
          train.push({ borough_code: borough.code, uprn, as_of: addDays(inspectionDate, -1), electors, complaints_12m: complaintCount, tenure, ward_complaint_rate_12m: ward * 2.5, label: isHmo, inspection_date: inspectionDate, trigger: 'complaint' });
          const signal = 1.1 * (electors - 5);
          const temporal = p >= LABELLED_PER_BOROUGH * 0.7;
          for (const scheme of temporal ? ['lobo', 'temporal'] : ['lobo']) {
            const noise = random.normal(0, 0.8);
            for (const [model, logit] of [
              ['mlp', signal + noise],
              ['logistic', 0.8 * signal + noise + random.normal(0, 0.5)],
            ] as const) {
              const row = { scheme, model, fold: scheme === 'lobo' ? borough.code : 'temporal', borough_code: borough.code, uprn, inspection_date: inspectionDate, label: isHmo, raw_score: logit, score: sigmoid(logit) };
              predictions.push(row);
              const weak = 0.2 * signal + 2 * ownRandom + random.normal(0, 1);
              weakPredictions.push({ ...row, raw_score: weak, score: sigmoid(weak) });
            }
          }
        } else if (licensed === 0) {
          candidates.push(uprn);
        }
      }
      candidatesByBorough.set(borough.code, candidates);
      await writeTable(db, out, borough.code, 'properties', properties);
      await writeTable(db, out, borough.code, 'complaints', complaints);
      await writeTable(db, out, borough.code, 'licences', licences);
      await writeTable(db, out, borough.code, 'inspections', inspections);
      for (const table of ['council_tax', 'electoral_register'] as const) await writeTable(db, out, borough.code, table, []);
      const status: BoroughStatus = {
        borough_code: borough.code,
        borough_name: borough.name,
        status: 'ok',
        standard: 'hmo-harmonised/1.0',
        extract_date: borough.extract,
        errors: [],
        warnings: [],
        tables: {
          complaints: { supplied: true, file: 'complaints.csv', rows_read: complaints.length, rows_accepted: complaints.length, rows_quarantined: 0, reasons: {}, missing_optional_columns: [] },
        },
      };
      writeFileSync(layout.boroughStatus(borough.code), JSON.stringify(status));
      const featureColumns: Array<[string, string]> = [
        ['borough_code', 'VARCHAR'],
        ['uprn', 'BIGINT'],
        ['as_of', 'DATE'],
        ['electors', 'DOUBLE'],
        ['complaints_12m', 'DOUBLE'],
        ['tenure', 'VARCHAR'],
      ];
      await writeParquet(db, layout.scoringFeatures(borough.code), featureColumns, score);
      await writeParquet(
        db,
        layout.trainingFeatures(borough.code),
        [...featureColumns, ['ward_complaint_rate_12m', 'DOUBLE'], ['label', 'INTEGER'], ['inspection_date', 'DATE'], ['trigger', 'VARCHAR']],
        train,
      );
    }
    const predictionColumns: Array<[string, string]> = [
      ['scheme', 'VARCHAR'],
      ['model', 'VARCHAR'],
      ['fold', 'VARCHAR'],
      ['borough_code', 'VARCHAR'],
      ['uprn', 'BIGINT'],
      ['inspection_date', 'DATE'],
      ['label', 'INTEGER'],
      ['raw_score', 'DOUBLE'],
      ['score', 'DOUBLE'],
    ];
    const modelDir = join(root, 'model');
    const weakModelDir = join(root, 'weak-model');
    await writeParquet(db, join(modelDir, 'validation', 'predictions.parquet'), predictionColumns, predictions);
    await writeParquet(db, join(weakModelDir, 'validation', 'predictions.parquet'), predictionColumns, weakPredictions);
    writeFileSync(join(modelDir, 'metadata.json'), JSON.stringify(metadata('model-strong', 'mlp')));
    writeFileSync(join(weakModelDir, 'metadata.json'), JSON.stringify(metadata('model-weak', 'mlp')));
    const truth = join(root, 'truth.csv');
    writeFileSync(truth, `uprn,borough_code,is_hmo,is_licensed\n${truthRows.map((t) => `${t.uprn},${t.borough_code},${t.is_hmo},${t.is_licensed}`).join('\n')}\n`);
    return { root, out, modelDir, weakModelDir, truth, truthRows, candidatesByBorough };
  } finally {
    db.close();
  }
}

function metadata(id: string, kind: 'mlp' | 'logistic'): ModelMetadata {
  return {
    model_id: id,
    kind,
    created_at: '2026-10-01T00:00:00Z',
    catalogue_hash: 'fixture',
    features: ['electors', 'complaints_12m', 'tenure'],
    trained_on: { boroughs: BOROUGHS.map((b) => b.code), extract_dates: {}, rows: LABELLED_PER_BOROUGH * 2, positives: 100, data_fingerprint: 'fixture' },
    seed: 42,
    params: {},
    metrics: {},
    versions: {},
  };
}

/** A Scorer over the fixture's features: logit = 1.1 (electors - 5) (+ 0.1 per complaint for the strong model). */
export function fakeScorer(modelDir: string): Scorer {
  const weak = modelDir.includes('weak');
  const meta = metadata(weak ? 'model-weak' : 'model-strong', 'mlp');
  const contributions = (frame: FeatureFrame, i: number): Attribution[] => {
    const electors = frame.numeric.get('electors')?.[i] ?? 0;
    const complaints = frame.numeric.get('complaints_12m')?.[i] ?? 0;
    return [
      { feature: 'electors', contribution: (weak ? 0.2 : 1.1) * (electors - 5) },
      { feature: 'complaints_12m', contribution: 0.1 * complaints },
      { feature: 'tenure', contribution: frame.categorical.get('tenure')?.[i] === 'private-rented' ? 0.05 : 0 },
    ].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  };
  const raw = (frame: FeatureFrame) => Float64Array.from({ length: frame.length }, (_, i) => contributions(frame, i).reduce((s, a) => s + a.contribution, 0));
  return {
    metadata: meta,
    checkFrame(frame) {
      for (const f of ['electors', 'complaints_12m']) if (!frame.numeric.has(f)) throw new Error(`missing feature ${f}`);
    },
    rawScore: raw,
    score: (frame) => raw(frame).map(sigmoid),
    attribute: (frame, rows) => rows.map((i) => contributions(frame, i)),
  };
}
