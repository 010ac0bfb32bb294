import { evaluateMessages as m } from '../../messages/evaluate.js';
import { Random } from '../../util/Random.js';
import { jsonNumber } from '../metrics/jsonNumber.js';
import type { ListForecastEntry, ListForecastMethod } from '../MetricsJson.js';
import { countInterval, type CountDraw } from './countInterval.js';
import type { LedgerEntry } from './ForecastLedger.js';
import type { ForecastRows } from './ForecastRows.js';
import { REFERENCE_TRIGGERS, SelectionAdjustedCalibration } from './SelectionAdjustedCalibration.js';

/** The interval's coverage. */
export const FORECAST_LEVEL = 0.95;
/** Parameter draws the interval mixes over. */
export const FORECAST_DRAWS = 1000;
/**
 * Share of a borough's own recalibration terms the point forecast takes. The
 * terms are measured on leave-borough-out scores, of models that never saw
 * the borough; the list is ranked by the model trained on every borough,
 * which has seen it and so deviates from the others less, by how much no one
 * can tell from these rows. The forecast takes half, and its interval draws
 * the share evenly from none to all of it.
 */
export const BOROUGH_TERM_SHARE = 0.5;

/** The head of one borough's list as the evaluated model ranks it. */
export interface ListHead {
  /** Candidates of the borough's list (the `candidateSql` rule). */
  candidates: number;
  /** UPRNs of the top `top_n` candidates, in list order. */
  uprns: readonly number[];
  /** Their calibrated scores (candidates without a score are left out). */
  scores: readonly number[];
  /** With truth: undeclared HMOs among those top candidates; otherwise null. */
  truthFound: number | null;
}

export interface ListForecastResult {
  forecasts: Record<string, ListForecastEntry>;
  method: ListForecastMethod;
  /** Each forecast as made, for the ledger (ForecastLedger.ts); empty without `ledger` context. */
  ledger: LedgerEntry[];
}

/** Draws kept per ledger entry (every fifth of FORECAST_DRAWS). */
export const LEDGER_DRAWS = 200;

/**
 * What each borough's list should find: for the top `topN` of the list, the
 * expected number of undeclared HMOs and a `FORECAST_LEVEL` interval,
 * estimated from that borough's leave-borough-out predictions (`rows`)
 * through `SelectionAdjustedCalibration` (made at the level of proactive and
 * list visits, so that complaint-led inspections, which find more HMOs at
 * the same score, do not inflate it; with `BOROUGH_TERM_SHARE` of the
 * borough's own terms, its interval spanning none to all of them), beside `score_sum`, the sum of the
 * listed properties' calibrated scores (what the model itself promises).
 * Boroughs without held-out rows or without a scored list get nulls and a
 * note. Seeded: the same inputs give the same figures.
 *
 * @example
 *   const { forecasts } = listForecast(rows, new Map([['E09000007', head]]), 100, 42);
 *   forecasts.E09000007.expected_found; // 41.3
 */
export function listForecast(
  rows: ForecastRows | null,
  heads: ReadonlyMap<string, ListHead | null>,
  topN: number,
  seed: number,
  ledger?: { modelId: string; extractDates: ReadonlyMap<string, string> },
): ListForecastResult {
  const entries: LedgerEntry[] = [];
  const fit = rows === null || rows.length === 0 ? null : SelectionAdjustedCalibration.fit(rows);
  const draws = fit === null ? [] : fit.draws(FORECAST_DRAWS, new Random(seed).fork('list-forecast'));
  const forecasts: Record<string, ListForecastEntry> = {};
  for (const code of [...heads.keys()].sort()) {
    const head = heads.get(code) ?? null;
    const heldOut = countRows(rows, code);
    const entry: ListForecastEntry = {
      top_n: topN,
      listed: head === null ? null : head.scores.length,
      expected_found: null,
      low: null,
      high: null,
      score_sum: null,
      level: FORECAST_LEVEL,
      held_out_rows: heldOut.rows,
      held_out_hmos: heldOut.hmos,
      reference_rows: heldOut.reference,
      truth_found: head?.truthFound ?? null,
      note: null,
    };
    forecasts[code] = entry;
    if (head === null) {
      entry.note = m.forecastNoList();
      continue;
    }
    entry.score_sum = jsonNumber(head.scores.reduce((s, v) => s + v, 0));
    const b = fit?.boroughIndex(code) ?? -1;
    if (fit === null || b < 0) {
      entry.note = m.forecastNoHeldOut();
      continue;
    }
    const estimate = head.scores.reduce((s, v) => s + fit.probability(fit.estimate, b, v, BOROUGH_TERM_SHARE), 0);
    const countDraws: CountDraw[] = draws.map((theta, j) => {
      // stratified over [0, 1]: every share of the borough's own terms equally likely
      const share = (j + 0.5) / draws.length;
      let mean = 0;
      let variance = 0;
      for (const score of head.scores) {
        const p = fit.probability(theta, b, score, share);
        mean += p;
        variance += p * (1 - p);
      }
      return { mean, variance };
    });
    const [low, high] = countInterval(countDraws, head.scores.length, FORECAST_LEVEL);
    entry.expected_found = jsonNumber(estimate);
    entry.low = low;
    entry.high = high;
    const extractDate = ledger?.extractDates.get(code);
    if (ledger !== undefined && extractDate !== undefined) {
      const terms = (theta: Float64Array, share: number): [number, number] => {
        const [a, c] = fit.terms(theta, b, share);
        return [jsonNumber(a) ?? 0, jsonNumber(c) ?? 0];
      };
      const step = Math.max(1, Math.floor(draws.length / LEDGER_DRAWS));
      entries.push({
        id: `${code}/${ledger.modelId}/${extractDate}`,
        borough_code: code,
        model_id: ledger.modelId,
        extract_date: extractDate,
        top_n: topN,
        level: FORECAST_LEVEL,
        uprns: [...head.uprns],
        scores: head.scores.map((v) => jsonNumber(v) ?? 0),
        estimate: terms(fit.estimate, BOROUGH_TERM_SHARE),
        draws: draws.filter((_, j) => j % step === 0).map((theta, k) => terms(theta, (k * step + 0.5) / draws.length)),
      });
    }
    if (heldOut.reference === 0) entry.note = m.forecastNoReferenceRows();
  }
  const odds = fit?.triggerOddsRatios() ?? {};
  return {
    forecasts,
    ledger: entries,
    method: {
      level: FORECAST_LEVEL,
      draws: fit === null ? 0 : FORECAST_DRAWS,
      reference_triggers: [...REFERENCE_TRIGGERS],
      trigger_rows: { ...(fit?.triggerRows ?? {}) },
      trigger_odds_ratios: Object.fromEntries(Object.entries(odds).map(([t, v]) => [t, jsonNumber(v)])),
      assumption: m.forecastAssumption(),
    },
  };
}

function countRows(rows: ForecastRows | null, code: string): { rows: number; hmos: number; reference: number } {
  let n = 0;
  let hmos = 0;
  let reference = 0;
  if (rows === null) return { rows: 0, hmos: 0, reference: 0 };
  for (let i = 0; i < rows.length; i++) {
    if (rows.boroughCode[i] !== code) continue;
    n++;
    hmos += rows.label[i] as number;
    if (REFERENCE_TRIGGERS.includes(rows.trigger[i] as string)) reference++;
  }
  return { rows: n, hmos, reference };
}
