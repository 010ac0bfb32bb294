import { sqlString, type Duck } from '../../db/Duck.js';
import { jsonNumber } from '../metrics/jsonNumber.js';
import type { ListOutcomeJson } from '../MetricsJson.js';
import { countInterval, type CountDraw } from './countInterval.js';
import type { LedgerEntry } from './ForecastLedger.js';
import { normalCdf } from './normalCdf.js';
import { clampedLogit } from './SelectionAdjustedCalibration.js';

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** What the visits to one list's properties found: UPRN → 1 (hmo) or 0 (not-hmo), from the latest conclusive visit. */
export type VisitOutcomes = Map<number, number>;

/**
 * The visits made from a list: inspections with trigger `model` (what `hmo
 * outcomes` records) after the list's extract date, to properties of its
 * head, in `db` (openDropDb); the latest conclusive one per property (`hmo`
 * wins a tie, as the labels).
 *
 * @example
 *   const visits = await listVisits(db, entry);
 */
export async function listVisits(db: Duck, entry: LedgerEntry): Promise<VisitOutcomes> {
  if (entry.uprns.length === 0) return new Map();
  const rows = await db.all<{ uprn: number; hmo: number }>(`
    SELECT uprn, hmo FROM (
      SELECT CAST(uprn AS DOUBLE) AS uprn, CAST(outcome = 'hmo' AS INTEGER) AS hmo,
        row_number() OVER (PARTITION BY uprn ORDER BY inspection_date DESC, (outcome = 'hmo') DESC) AS latest
      FROM inspections
      WHERE borough_code = ${sqlString(entry.borough_code)} AND trigger = 'model' AND outcome IN ('hmo', 'not-hmo')
        AND inspection_date > DATE ${sqlString(entry.extract_date)}
        AND uprn IN (${entry.uprns.map((u) => String(Math.trunc(u))).join(', ')})
    ) WHERE latest = 1 ORDER BY uprn`);
  return new Map(rows.map((r) => [Number(r.uprn), Number(r.hmo)]));
}

/**
 * The promise kept or not, for one list: the forecast for the properties of
 * its head that were visited (the same recalibration and draws as when the
 * list was made) against what the visits found, with the interval at the
 * list's level and the chance of finding so few or fewer if the forecast
 * were right; `shortfall` when the count found is below the interval. Null
 * when none of its properties was visited.
 *
 * @example
 *   listOutcome(entry, await listVisits(db, entry))?.shortfall; // false
 */
export function listOutcome(entry: LedgerEntry, visits: VisitOutcomes): ListOutcomeJson | null {
  const visited: number[] = [];
  entry.uprns.forEach((uprn, i) => {
    if (visits.has(uprn)) visited.push(i);
  });
  if (visited.length === 0) return null;
  let found = 0;
  for (const uprn of entry.uprns) found += visits.get(uprn) ?? 0;
  const logits = visited.map((i) => clampedLogit(entry.scores[i] as number));
  const probability = ([a, c]: [number, number], x: number) => sigmoid(a + c * x);
  const draws: CountDraw[] = entry.draws.map((d) => {
    let mean = 0;
    let variance = 0;
    for (const x of logits) {
      const p = probability(d, x);
      mean += p;
      variance += p * (1 - p);
    }
    return { mean, variance };
  });
  // The expected count is the mean over the draws, as the forecast's; a ledger without draws falls back on its estimate.
  const expected =
    draws.length > 0 ? draws.reduce((s, d) => s + d.mean, 0) / draws.length : logits.reduce((s, x) => s + probability(entry.estimate, x), 0);
  const [low, high] = countInterval(draws, visited.length, entry.level);
  const atMost = draws.reduce((s, d) => s + (d.variance <= 1e-12 ? (found + 0.5 >= d.mean ? 1 : 0) : normalCdf((found + 0.5 - d.mean) / Math.sqrt(d.variance))), 0) / draws.length;
  return {
    list: entry.id,
    borough_code: entry.borough_code,
    model_id: entry.model_id,
    extract_date: entry.extract_date,
    top_n: entry.top_n,
    visited: visited.length,
    found,
    expected_found: jsonNumber(expected),
    low,
    high,
    level: entry.level,
    p_at_most_found: jsonNumber(atMost),
    shortfall: found < low,
  };
}
