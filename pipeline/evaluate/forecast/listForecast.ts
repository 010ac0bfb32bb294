import { evaluateMessages as m } from '../../messages/evaluate.js';
import { Random } from '../../util/Random.js';
import { jsonNumber } from '../metrics/jsonNumber.js';
import type { ListForecastEntry, ListForecastMethod } from '../MetricsJson.js';
import { countInterval, type CountDraw } from './countInterval.js';
import type { LedgerEntry } from './ForecastLedger.js';
import type { ForecastRows } from './ForecastRows.js';
import { boroughSpread, MIN_BOROUGH_SPREAD } from './BoroughSpread.js';
import { clampedLogit, REFERENCE_TRIGGERS, SelectionAdjustedCalibration, sigmoid } from './SelectionAdjustedCalibration.js';

/** The interval's coverage. */
export const FORECAST_LEVEL = 0.95;
/** Parameter draws the interval mixes over. */
export const FORECAST_DRAWS = 1000;
/**
 * How much of a borough's own recalibration terms carry to its list. The
 * terms are measured on leave-borough-out scores, of models that never saw
 * the borough; the list is ranked by the model trained on every borough,
 * which has seen it, so its own departure on the list is unknown: some share
 * ρ of the measured one, and beyond it a departure as large as a new
 * borough's (spread τ, `boroughSpread`) scaled by √(1 − ρ²). The interval
 * draws ρ evenly from 0 to 1; the point forecast is the mean over the draws.
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
 * the same score, do not inflate it). Each of `FORECAST_DRAWS` draws takes
 * the recalibration's parameters from their Laplace approximation, a share ρ
 * (stratified over [0, 1]) of the borough's own terms and, for the rest, a
 * departure N(0, τ²(1 − ρ²)) with τ the boroughs' spread (`boroughSpread`);
 * the count of a draw is the Poisson-binomial of the list's probabilities.
 * `expected_found` is the mean over the draws, `low`–`high` the central
 * interval of the mixture; beside them `score_sum`, the sum of the listed
 * properties' calibrated scores (what the model itself promises).
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
  const random = new Random(seed);
  const draws = fit === null ? [] : fit.draws(FORECAST_DRAWS, random.fork('list-forecast'));
  const spread = rows === null || fit === null ? null : boroughSpread(rows, undefined, fit);
  // One draw of each borough's own departure beyond the measured share: a normal deviate, scaled by τ √(1 − ρ²).
  const spreadRandom = random.fork('borough-spread');
  const departures = draws.map(() => spreadRandom.normal());
  /** The recalibration of draw j for borough b: its share ρ_j of the borough's measured terms and its unmeasured departure. */
  const drawTerms = (j: number, b: number): [number, number] => {
    const rho = (j + 0.5) / draws.length; // stratified over [0, 1]
    const [intercept, slope] = (fit as SelectionAdjustedCalibration).terms(draws[j] as Float64Array, b, rho);
    return [intercept + (spread?.spread ?? 0) * Math.sqrt(1 - rho * rho) * (departures[j] as number), slope];
  };
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
    const countDraws: CountDraw[] = draws.map((_, j) => {
      const [intercept, slope] = drawTerms(j, b);
      let mean = 0;
      let variance = 0;
      for (const score of head.scores) {
        const p = sigmoid(intercept + slope * clampedLogit(score));
        mean += p;
        variance += p * (1 - p);
      }
      return { mean, variance };
    });
    // The expected count under the whole predictive distribution (every draw equally likely).
    const estimate = countDraws.reduce((s, d) => s + d.mean, 0) / countDraws.length;
    const [low, high] = countInterval(countDraws, head.scores.length, FORECAST_LEVEL);
    entry.expected_found = jsonNumber(estimate);
    entry.low = low;
    entry.high = high;
    const extractDate = ledger?.extractDates.get(code);
    if (ledger !== undefined && extractDate !== undefined) {
      const rounded = ([a, c]: [number, number]): [number, number] => [jsonNumber(a) ?? 0, jsonNumber(c) ?? 0];
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
        estimate: rounded(fit.terms(fit.estimate, b, BOROUGH_TERM_SHARE)),
        draws: draws.flatMap((_, j) => (j % step === 0 ? [rounded(drawTerms(j, b))] : [])),
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
      borough_spread: {
        used: spread === null ? null : jsonNumber(spread.spread),
        estimated: spread?.estimated == null ? null : jsonNumber(spread.estimated),
        floor: MIN_BOROUGH_SPREAD,
        departures: Object.fromEntries(
          (spread?.departures ?? []).map((d) => [d.borough, { rows: d.rows, offset: jsonNumber(d.offset), standard_error: jsonNumber(d.standardError) }]),
        ),
      },
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
