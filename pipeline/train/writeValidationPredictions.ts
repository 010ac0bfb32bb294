import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Duck, sqlString } from '../db/Duck.js';

/** Held-out scores of one model under one validation scheme, for the rows it scored. */
export interface HeldOutScores {
  scheme: 'lobo' | 'temporal';
  model: string;
  rows: readonly number[];
  /** Per row of `rows`: the fold that held it out. */
  fold: readonly string[];
  rawScore: ArrayLike<number>;
  score: ArrayLike<number>;
}

/**
 * Writes `validation/predictions.parquet` as docs/architecture.md specifies:
 * `scheme, model, fold, borough_code, uprn BIGINT, inspection_date DATE,
 * label INTEGER, raw_score DOUBLE, score DOUBLE`, one row per labelled
 * inspection (training row) per scheme per model, ordered by scheme, model,
 * borough, UPRN, inspection date.
 *
 * @example
 *   await writeValidationPredictions(join(tmp, 'validation', 'predictions.parquet'), frame, scores);
 */
export async function writeValidationPredictions(
  path: string,
  keys: { boroughCode: readonly string[]; uprn: readonly string[]; inspectionDate: readonly string[]; label: ArrayLike<number> },
  scores: readonly HeldOutScores[],
): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const db = await Duck.open();
  try {
    await db.run('SET threads = 1');
    await db.run(
      'CREATE TABLE predictions (scheme VARCHAR, model VARCHAR, fold VARCHAR, borough_code VARCHAR, uprn VARCHAR, inspection_date VARCHAR, label INTEGER, raw_score DOUBLE, score DOUBLE)',
    );
    const appender = await db.connection.createAppender('predictions');
    for (const part of scores) {
      part.rows.forEach((row, r) => {
        appender.appendVarchar(part.scheme);
        appender.appendVarchar(part.model);
        appender.appendVarchar(part.fold[r] as string);
        appender.appendVarchar(keys.boroughCode[row] as string);
        appender.appendVarchar(keys.uprn[row] as string);
        appender.appendVarchar(keys.inspectionDate[row] as string);
        appender.appendInteger(keys.label[row] as number);
        appendNumber(appender, part.rawScore[r] as number);
        appendNumber(appender, part.score[r] as number);
        appender.endRow();
      });
    }
    appender.closeSync();
    await db.run(
      `COPY (SELECT scheme, model, fold, borough_code, CAST(uprn AS BIGINT) AS uprn, CAST(inspection_date AS DATE) AS inspection_date, ` +
        `label, raw_score, score FROM predictions ORDER BY scheme, model, borough_code, CAST(uprn AS BIGINT), CAST(inspection_date AS DATE)) TO ${sqlString(path)} (FORMAT parquet)`,
    );
  } finally {
    db.close();
  }
}

function appendNumber(appender: { appendDouble(v: number): void; appendNull(): void }, value: number): void {
  if (Number.isFinite(value)) appender.appendDouble(value);
  else appender.appendNull();
}
