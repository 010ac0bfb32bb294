import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Duck, sqlString } from '../../pipeline/db/Duck.js';
import { precisionAtK, rocAuc } from '../../models/metrics.js';

/** One held-out prediction of leave-borough-out validation. */
export interface HeldOutPrediction {
  model: string;
  borough: string;
  uprn: string;
  label: number;
  score: number;
}

/** Leave-borough-out figures of one model, computed the same way for the pipeline and the peer. */
export interface LoboFigures {
  model: string;
  rows: number;
  positives: number;
  /** ROC AUC over every held-out row, pooled. */
  roc_auc: number | null;
  /** Share of HMOs among the k best-scored held-out rows, all boroughs pooled (as the evaluation reports it). */
  precision_at_k: number | null;
  /** Mean over boroughs of the share of HMOs among the borough's k best-scored held-out rows (what one borough's list sees). */
  precision_at_k_per_borough: number | null;
  k: number;
}

/**
 * Leave-borough-out ROC AUC and precision@k (pooled, and per borough) per
 * model from held-out predictions. Ties at the cut are broken by borough
 * and UPRN (rows are sorted by them first).
 *
 * @example
 *   loboFigures([{ model: 'hgb', borough: 'E09000001', uprn: '1', label: 1, score: 0.9 }, ...], 100);
 */
export function loboFigures(predictions: readonly HeldOutPrediction[], k: number): LoboFigures[] {
  const byModel = new Map<string, HeldOutPrediction[]>();
  for (const p of predictions) {
    if (!Number.isFinite(p.score)) continue;
    const list = byModel.get(p.model) ?? [];
    list.push(p);
    byModel.set(p.model, list);
  }
  return [...byModel.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([model, rows]) => {
      const sorted = [...rows].sort((a, b) => (a.borough === b.borough ? compareUprn(a.uprn, b.uprn) : a.borough < b.borough ? -1 : 1));
      const auc = rocAuc(sorted.map((r) => r.score), sorted.map((r) => r.label));
      const perBorough: number[] = [];
      let start = 0;
      while (start < sorted.length) {
        let end = start;
        while (end < sorted.length && sorted[end]?.borough === sorted[start]?.borough) end++;
        const slice = sorted.slice(start, end);
        perBorough.push(precisionAtK(slice.map((r) => r.score), slice.map((r) => r.label), k));
        start = end;
      }
      const finite = perBorough.filter((v) => Number.isFinite(v));
      const pooled = precisionAtK(sorted.map((r) => r.score), sorted.map((r) => r.label), k);
      return {
        model,
        rows: rows.length,
        positives: rows.filter((r) => r.label === 1).length,
        roc_auc: Number.isFinite(auc) ? auc : null,
        precision_at_k: Number.isFinite(pooled) ? pooled : null,
        precision_at_k_per_borough: finite.length > 0 ? finite.reduce((s, v) => s + v, 0) / finite.length : null,
        k,
      };
    });
}

function compareUprn(a: string, b: string): number {
  return a.length === b.length ? (a < b ? -1 : a > b ? 1 : 0) : a.length - b.length;
}

/** The pipeline's held-out predictions: `<modelDir>/validation/predictions.parquet`, scheme `lobo` (docs/architecture.md). */
export async function readPipelinePredictions(modelDir: string): Promise<HeldOutPrediction[]> {
  const file = join(modelDir, 'validation', 'predictions.parquet');
  if (!existsSync(file)) return [];
  return readPredictions(`read_parquet(${sqlString(file)})`);
}

/** The peer's held-out predictions: `<peerOut>/predictions.csv` (same columns). */
export async function readPeerPredictions(peerOut: string): Promise<HeldOutPrediction[]> {
  const file = join(peerOut, 'predictions.csv');
  if (!existsSync(file)) return [];
  return readPredictions(`read_csv(${sqlString(file)}, header = true)`);
}

async function readPredictions(source: string): Promise<HeldOutPrediction[]> {
  const db = await Duck.open();
  try {
    const rows = await db.json<{ model: string; borough: string; uprn: string; label: number; score: number }>(
      `SELECT CAST(model AS VARCHAR) AS model, CAST(borough_code AS VARCHAR) AS borough, CAST(uprn AS VARCHAR) AS uprn,
              CAST(label AS INTEGER) AS label, CAST(score AS DOUBLE) AS score
       FROM ${source} WHERE scheme = 'lobo' AND score IS NOT NULL`,
    );
    return rows.map((r) => ({ ...r, label: Number(r.label), score: Number(r.score) }));
  } finally {
    db.close();
  }
}

/** What a truth file says: the undeclared HMOs (an HMO without an HMO licence), keyed `borough|uprn`. */
export async function readUndeclared(truthCsv: string): Promise<Set<string>> {
  const db = await Duck.open();
  try {
    const rows = await db.json<{ key: string }>(
      `SELECT CAST(borough_code AS VARCHAR) || '|' || CAST(uprn AS VARCHAR) AS key
       FROM read_csv(${sqlString(truthCsv)}, header = true, all_varchar = true)
       WHERE lower(is_hmo) IN ('1', 'true') AND lower(coalesce(is_licensed, '0')) IN ('0', 'false')`,
    );
    return new Set(rows.map((r) => r.key));
  } finally {
    db.close();
  }
}

/** Undeclared HMOs found at the top of a set of lists. */
export interface ListYield {
  boroughs: number;
  listed: number;
  undeclared_found: number;
  /** Share of the listed properties that are undeclared HMOs. */
  hit_rate: number | null;
  top: number;
}

/**
 * Counts the undeclared HMOs among the first `top` rows of each list file
 * (a CSV with a `uprn` column, in rank order), given per borough.
 *
 * @example
 *   await listYield(new Map([['E09000001', 'out/lists/E09000001/inspection_list.csv']]), undeclared, 100);
 */
export async function listYield(lists: ReadonlyMap<string, string>, undeclared: ReadonlySet<string>, top: number): Promise<ListYield> {
  const db = await Duck.open();
  let listed = 0;
  let found = 0;
  try {
    for (const [borough, file] of [...lists.entries()].sort()) {
      const columns = await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM read_csv(${sqlString(file)}, header = true, all_varchar = true)`);
      if (!columns.some((c) => c.column_name === 'uprn')) throw new Error(`${file}: no uprn column, so the list cannot be checked against the truth file`);
      const rows = await db.json<{ uprn: string }>(`SELECT uprn FROM read_csv(${sqlString(file)}, header = true, all_varchar = true) LIMIT ${Math.floor(top)}`);
      listed += rows.length;
      for (const r of rows) if (undeclared.has(`${borough}|${r.uprn.trim().replace(/^'/, '')}`)) found++;
    }
  } finally {
    db.close();
  }
  return { boroughs: lists.size, listed, undeclared_found: found, hit_rate: listed > 0 ? found / listed : null, top };
}

/** The pipeline's lists: OUT/lists/<GSS>/inspection_list.csv. */
export function pipelineLists(listsDir: string): Map<string, string> {
  const lists = new Map<string, string>();
  if (!existsSync(listsDir)) return lists;
  for (const borough of readdirSync(listsDir).sort()) {
    const file = join(listsDir, borough, 'inspection_list.csv');
    if (existsSync(file)) lists.set(borough, file);
  }
  return lists;
}

/** The peer's lists of one model: <peerOut>/lists/<model>/<GSS>.csv. */
export function peerLists(peerOut: string, model: string): Map<string, string> {
  const dir = join(peerOut, 'lists', model);
  const lists = new Map<string, string>();
  if (!existsSync(dir)) return lists;
  for (const name of readdirSync(dir).sort()) if (name.endsWith('.csv')) lists.set(name.slice(0, -4), join(dir, name));
  return lists;
}
