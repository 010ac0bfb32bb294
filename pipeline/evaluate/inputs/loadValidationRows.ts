import { existsSync } from 'node:fs';
import { EvaluateError } from '../../errors/EvaluateError.js';
import { sqlString, type Duck } from '../../db/Duck.js';
import { evaluateMessages as m } from '../../messages/evaluate.js';
import type { ValidationRows } from './ValidationRows.js';

/** Columns validation predictions must have (docs/architecture.md, "Validation predictions"). */
export const PREDICTION_COLUMNS = ['scheme', 'model', 'fold', 'borough_code', 'uprn', 'inspection_date', 'label', 'raw_score', 'score'] as const;

/** Months of complaints the complaint-led baseline counts. */
export const COMPLAINT_WINDOW_MONTHS = 12;

export interface LoadedValidation {
  lobo: ValidationRows | null;
  temporal: ValidationRows | null;
  /** Where the ward complaint rate of the slices comes from, in words. */
  complaintRateSource: string;
  /** Rows of the chosen model without a score (left out). */
  rowsWithoutScore: number;
}

/**
 * Reads the held-out predictions of `kind` (the chosen model) and of the
 * logistic model for both schemes, joined in DuckDB with what the baselines
 * and slices need from the ingested drop (`db` from `openDropDb`): the
 * property's complaints in the 12 months before its inspection (as of the
 * day before, as the features), ward, tenure, property type, and the ward's
 * complaint rate (the feature column of train.parquet when it has one whose
 * name holds "ward" and "complaint", otherwise complaints per 100 properties
 * in the ward in the 12 months to the extract date). Rows are ordered by
 * borough then UPRN.
 *
 * @example
 *   const { lobo } = await loadValidationRows(db, 'out/model/validation/predictions.parquet', trainFiles, 'mlp');
 */
export async function loadValidationRows(
  db: Duck,
  predictionsFile: string,
  trainFiles: readonly string[],
  kind: string,
): Promise<LoadedValidation> {
  if (!existsSync(predictionsFile)) throw new EvaluateError(m.missingModelFile(predictionsFile), 1);
  const source = `read_parquet(${sqlString(predictionsFile)})`;
  const described = await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`);
  const present = new Set(described.map((c) => c.column_name));
  const missing = PREDICTION_COLUMNS.filter((c) => !present.has(c));
  if (missing.length > 0) throw new EvaluateError(m.predictionsMissingColumns(predictionsFile, missing), 1);
  await db.run(`CREATE OR REPLACE TEMP TABLE eval_predictions AS SELECT * FROM ${source}`);
  const chosenCount = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM eval_predictions WHERE model = ${sqlString(kind)}`);
  if (Number(chosenCount[0]?.n ?? 0) === 0) throw new EvaluateError(m.noPredictionsForModel(predictionsFile, kind), 1);

  const complaintRateSource = await prepareWardRates(db, trainFiles);
  const unscored = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM eval_predictions WHERE model = ${sqlString(kind)} AND score IS NULL`);
  return {
    rowsWithoutScore: Number(unscored[0]?.n ?? 0),
    lobo: await readScheme(db, 'lobo', kind),
    temporal: await readScheme(db, 'temporal', kind),
    complaintRateSource,
  };
}

async function prepareWardRates(db: Duck, trainFiles: readonly string[]): Promise<string> {
  const files = trainFiles.filter((f) => existsSync(f));
  if (files.length > 0) {
    const list = `read_parquet([${files.map(sqlString).join(', ')}], union_by_name = true)`;
    const columns = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${list}`);
    const candidates = columns
      .filter((c) => /ward/i.test(c.column_name) && /complaint/i.test(c.column_name) && c.column_type !== 'VARCHAR')
      .map((c) => c.column_name)
      .sort((a, b) => Number(/12/.test(b)) - Number(/12/.test(a)) || (a < b ? -1 : a > b ? 1 : 0));
    const column = candidates[0];
    if (column !== undefined) {
      await db.run(
        `CREATE OR REPLACE TEMP TABLE eval_row_ward_rate AS SELECT borough_code, CAST(uprn AS BIGINT) AS uprn, CAST(inspection_date AS DATE) AS inspection_date, ` +
          `CAST("${column.replace(/"/g, '""')}" AS DOUBLE) AS rate FROM ${list}`,
      );
      return `the model's feature "${column}" (as of the day before each inspection)`;
    }
  }
  await db.run(`
    CREATE OR REPLACE TEMP TABLE eval_ward_rate AS
    SELECT p.borough_code, p.ward_code,
           CASE WHEN b.has_complaints THEN 100.0 * coalesce(sum(c.n), 0) / count(*) END AS rate
    FROM properties p
    JOIN boroughs b ON b.borough_code = p.borough_code
    LEFT JOIN (
      SELECT c.borough_code, c.uprn, count(*) AS n
      FROM complaints c JOIN boroughs b ON b.borough_code = c.borough_code
      WHERE c.received_date <= b.extract_date
        AND c.received_date > CAST(b.extract_date - INTERVAL ${COMPLAINT_WINDOW_MONTHS} MONTH AS DATE)
      GROUP BY ALL
    ) c ON c.borough_code = p.borough_code AND c.uprn = p.uprn
    GROUP BY p.borough_code, p.ward_code, b.has_complaints`);
  await db.run(`
    CREATE OR REPLACE TEMP TABLE eval_row_ward_rate AS
    SELECT e.borough_code, CAST(e.uprn AS BIGINT) AS uprn, CAST(e.inspection_date AS DATE) AS inspection_date, w.rate
    FROM (SELECT DISTINCT borough_code, uprn, inspection_date FROM eval_predictions) e
    JOIN properties p ON p.borough_code = e.borough_code AND p.uprn = e.uprn
    JOIN eval_ward_rate w ON w.borough_code = p.borough_code AND w.ward_code = p.ward_code`);
  return `complaints per 100 properties in the ward in the ${COMPLAINT_WINDOW_MONTHS} months to the extract date (computed from the ingested complaints; the features hold no ward complaint rate column)`;
}

async function readScheme(db: Duck, scheme: 'lobo' | 'temporal', kind: string): Promise<ValidationRows | null> {
  const hasLogistic = await db.all<{ n: bigint }>(
    `SELECT count(*) AS n FROM eval_predictions WHERE scheme = ${sqlString(scheme)} AND model = 'logistic'`,
  );
  // When the logistic model is the chosen one, a "logistic baseline" would be the model compared with itself.
  const withLogistic = kind !== 'logistic' && Number(hasLogistic[0]?.n ?? 0) > 0;
  const reader = await db.connection.runAndReadAll(`
    WITH chosen AS (
      SELECT borough_code, CAST(uprn AS BIGINT) AS uprn, CAST(inspection_date AS DATE) AS inspection_date, label, score
      FROM eval_predictions WHERE scheme = ${sqlString(scheme)} AND model = ${sqlString(kind)} AND score IS NOT NULL
    ), logistic AS (
      SELECT borough_code, CAST(uprn AS BIGINT) AS uprn, CAST(inspection_date AS DATE) AS inspection_date, score
      FROM eval_predictions WHERE scheme = ${sqlString(scheme)} AND model = 'logistic'
    ), recent_complaints AS (
      SELECT ch.borough_code, ch.uprn, ch.inspection_date, count(*) AS n
      FROM chosen ch JOIN complaints c ON c.borough_code = ch.borough_code AND c.uprn = ch.uprn
      WHERE c.received_date < ch.inspection_date
        AND c.received_date > CAST(ch.inspection_date - INTERVAL 1 DAY - INTERVAL ${COMPLAINT_WINDOW_MONTHS} MONTH AS DATE)
      GROUP BY ALL
    )
    SELECT ch.borough_code, CAST(ch.uprn AS VARCHAR) AS uprn, CAST(ch.label AS INTEGER) AS label,
           CAST(ch.score AS DOUBLE) AS score, CAST(l.score AS DOUBLE) AS logistic_score,
           CAST(coalesce(rc.n, 0) AS DOUBLE) AS complaints,
           coalesce(p.ward_code, '') AS ward_code, coalesce(p.ward_name, '') AS ward_name,
           coalesce(p.tenure, '') AS tenure, coalesce(p.property_type, '') AS property_type,
           CAST(wr.rate AS DOUBLE) AS ward_rate
    FROM chosen ch
    LEFT JOIN logistic l ON l.borough_code = ch.borough_code AND l.uprn = ch.uprn AND l.inspection_date = ch.inspection_date
    LEFT JOIN recent_complaints rc ON rc.borough_code = ch.borough_code AND rc.uprn = ch.uprn AND rc.inspection_date = ch.inspection_date
    LEFT JOIN properties p ON p.borough_code = ch.borough_code AND p.uprn = ch.uprn
    LEFT JOIN eval_row_ward_rate wr ON wr.borough_code = ch.borough_code AND wr.uprn = ch.uprn AND wr.inspection_date = ch.inspection_date
    ORDER BY ch.borough_code, ch.uprn, ch.inspection_date`);
  const length = reader.currentRowCount;
  if (length === 0) return null;
  const c = reader.getColumnsObjectJS() as Record<string, unknown[]>;
  const numbers = (name: string) => Float64Array.from(c[name] ?? [], (v) => (v === null || v === undefined ? Number.NaN : Number(v)));
  const strings = (name: string) => (c[name] ?? []).map((v) => String(v ?? ''));
  return {
    scheme,
    length,
    boroughCode: strings('borough_code'),
    uprn: strings('uprn'),
    label: Int8Array.from(c.label ?? [], (v) => Number(v)),
    model: numbers('score'),
    logistic: withLogistic ? numbers('logistic_score') : null,
    complaints: numbers('complaints'),
    ward: strings('ward_code'),
    wardName: strings('ward_name'),
    tenure: strings('tenure'),
    propertyType: strings('property_type'),
    wardComplaintRate: numbers('ward_rate'),
  };
}
