import { existsSync, readdirSync } from 'node:fs';
import { outputLayout } from '../../pipeline/layout.js';
import { RunStore } from '../../pipeline/run/registry/RunRecord.js';
import { join } from 'node:path';
import { Duck, sqlString } from '../../pipeline/db/Duck.js';
import { averagePrecision, precisionAtK, rocAuc } from '../../models/metrics.js';

/** One held-out prediction of leave-borough-out validation. */
export interface HeldOutPrediction {
  model: string;
  borough: string;
  uprn: string;
  label: number;
  score: number;
  /** The labelling inspection's date (YYYY-MM-DD), when the predictions file has it. */
  inspectionDate?: string | null;
}

/** Leave-borough-out figures of one model, computed the same way for the pipeline and the peer. */
export interface LoboFigures {
  model: string;
  rows: number;
  positives: number;
  /** ROC AUC over every held-out row, pooled. */
  roc_auc: number | null;
  /** Average precision (area under the precision-recall curve) over every held-out row, pooled. */
  pr_auc?: number | null;
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
      const ap = averagePrecision(sorted.map((r) => r.score), sorted.map((r) => r.label));
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
        pr_auc: Number.isFinite(ap) ? ap : null,
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
    const columns = (await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`)).map((c) => c.column_name);
    const date = columns.includes('inspection_date') ? 'strftime(CAST(inspection_date AS DATE), \'%Y-%m-%d\')' : 'NULL';
    const rows = await db.json<{ model: string; borough: string; uprn: string; label: number; score: number; inspectionDate: string | null }>(
      `SELECT CAST(model AS VARCHAR) AS model, CAST(borough_code AS VARCHAR) AS borough, CAST(uprn AS VARCHAR) AS uprn,
              CAST(label AS INTEGER) AS label, CAST(score AS DOUBLE) AS score, ${date} AS "inspectionDate"
       FROM ${source} WHERE scheme = 'lobo' AND score IS NOT NULL`,
    );
    return rows.map((r) => ({ ...r, label: Number(r.label), score: Number(r.score), inspectionDate: r.inspectionDate ?? null }));
  } finally {
    db.close();
  }
}

/** The key two sides' held-out rows are matched on: borough, UPRN and, when both sides have it, the labelling inspection's date. */
function rowKey(p: HeldOutPrediction, withDate: boolean): string {
  return withDate ? `${p.borough}|${p.uprn}|${p.inspectionDate ?? ''}` : `${p.borough}|${p.uprn}`;
}

/**
 * Restricts two sides' held-out predictions to the labelled rows both
 * scored (and with the same label), so their ROC and PR AUC measure the
 * same rows even when one side trains on more rows (every inspection
 * rather than a property's latest). Rows match on borough, UPRN and the
 * inspection date when both files carry dates, else on borough and UPRN
 * (keeping a side's latest-dated row of a property).
 *
 * @example
 *   const { ours, peer, rows } = commonRows(await readPipelinePredictions(dir), await readPeerPredictions(peerOut));
 */
export function commonRows(
  a: readonly HeldOutPrediction[],
  b: readonly HeldOutPrediction[],
): { ours: HeldOutPrediction[]; peer: HeldOutPrediction[]; rows: number; onlyOurs: number; onlyPeer: number } {
  const withDate = a.length > 0 && b.length > 0 && a.every((p) => p.inspectionDate) && b.every((p) => p.inspectionDate);
  const latest = (list: readonly HeldOutPrediction[]) => {
    if (withDate) return [...list];
    const best = new Map<string, HeldOutPrediction>();
    for (const p of list) {
      const key = `${p.model}|${rowKey(p, false)}`;
      const seen = best.get(key);
      if (!seen || (p.inspectionDate ?? '') > (seen.inspectionDate ?? '')) best.set(key, p);
    }
    return [...best.values()];
  };
  const left = latest(a);
  const right = latest(b);
  const labels = (list: readonly HeldOutPrediction[]) => new Map(list.map((p) => [rowKey(p, withDate), p.label]));
  const la = labels(left);
  const lb = labels(right);
  const shared = new Set([...la.keys()].filter((k) => lb.has(k) && lb.get(k) === la.get(k)));
  return {
    ours: left.filter((p) => shared.has(rowKey(p, withDate))),
    peer: right.filter((p) => shared.has(rowKey(p, withDate))),
    rows: shared.size,
    onlyOurs: [...la.keys()].filter((k) => !shared.has(k)).length,
    onlyPeer: [...lb.keys()].filter((k) => !shared.has(k)).length,
  };
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
  /** The same, borough by borough. */
  per_borough?: Record<string, { listed: number; undeclared_found: number; hit_rate: number | null }>;
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
  const perBorough: NonNullable<ListYield['per_borough']> = {};
  try {
    for (const [borough, file] of [...lists.entries()].sort()) {
      const columns = await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM read_csv(${sqlString(file)}, header = true, all_varchar = true)`);
      if (!columns.some((c) => c.column_name === 'uprn')) throw new Error(`${file}: no uprn column, so the list cannot be checked against the truth file`);
      const rows = await db.json<{ uprn: string }>(`SELECT uprn FROM read_csv(${sqlString(file)}, header = true, all_varchar = true) LIMIT ${Math.floor(top)}`);
      let hits = 0;
      for (const r of rows) if (undeclared.has(`${borough}|${r.uprn.trim().replace(/^'/, '')}`)) hits++;
      listed += rows.length;
      found += hits;
      perBorough[borough] = { listed: rows.length, undeclared_found: hits, hit_rate: rows.length > 0 ? hits / rows.length : null };
    }
  } finally {
    db.close();
  }
  return { boroughs: lists.size, listed, undeclared_found: found, hit_rate: listed > 0 ? found / listed : null, top, per_borough: perBorough };
}

/** The pipeline's lists: OUT/lists/<GSS>/inspection_list.csv. */
export function pipelineLists(listsDir: string): Map<string, string> {
  return listsIn(listsDir);
}

/**
 * The lists of the last successful `hmo run` into OUT: its own model's
 * (OUT/runs/<id>/lists/<GSS>/inspection_list.csv). OUT/lists holds the
 * champion's only, and a benchmark promotes nothing.
 *
 * @example
 *   runLists('out/bench'); // Map { 'E09000001' => 'out/bench/runs/<id>/lists/E09000001/inspection_list.csv', ... }
 */
export function runLists(out: string): Map<string, string> {
  const latest = new RunStore(out)
    .list()
    .filter((r) => r.status === 'ok')
    .sort((a, b) => ((a.finished_at ?? '') < (b.finished_at ?? '') ? -1 : 1))
    .pop();
  return latest === undefined ? new Map() : listsIn(outputLayout(outputLayout(out).runLists(latest.run_id)).listsDir);
}

function listsIn(listsDir: string): Map<string, string> {
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
