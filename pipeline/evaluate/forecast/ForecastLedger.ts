import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomicWrite.js';

/**
 * One list's forecast as it was made, kept so that when the visits come back
 * (`hmo outcomes`, then a later drop with trigger `model`) the forecast for
 * the properties actually visited can be set against what they found.
 */
export interface LedgerEntry {
  /** `<GSS>/<model_id>/<extract_date>`: one per borough, model and drop. */
  id: string;
  borough_code: string;
  model_id: string;
  /** The extract date of the drop the list was made from: visits after it are the list's. */
  extract_date: string;
  top_n: number;
  level: number;
  /** The list's head, in list order. */
  uprns: number[];
  scores: number[];
  /** The recalibration at its estimate, half the borough's own terms and no further departure: P(hmo) = sigmoid(intercept + slope · logit(score)). */
  estimate: [number, number];
  /** Draws [intercept, slope] the forecast and its interval mix over (parameters, share of the borough's terms, its further departure). */
  draws: Array<[number, number]>;
}

export interface ForecastLedgerFile {
  format: 'hmo-forecast-ledger/1';
  entries: LedgerEntry[];
}

/** Where the ledger of a run's output folder lives. */
export function forecastLedgerPath(out: string): string {
  return join(out, 'history', 'forecast_ledger.json');
}

/** The ledger, empty when there is none or it cannot be read. */
export function readForecastLedger(out: string): ForecastLedgerFile {
  const file = forecastLedgerPath(out);
  if (existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as ForecastLedgerFile;
      if (parsed.format === 'hmo-forecast-ledger/1' && Array.isArray(parsed.entries)) return parsed;
    } catch {
      // rebuilt below
    }
  }
  return { format: 'hmo-forecast-ledger/1', entries: [] };
}

/**
 * The ledger with `entries` added, replacing any with the same id (the same
 * borough, model and drop evaluated again), ordered by id.
 *
 * @example
 *   writeForecastLedger(out, withEntries(readForecastLedger(out), newEntries));
 */
export function withEntries(ledger: ForecastLedgerFile, entries: readonly LedgerEntry[]): ForecastLedgerFile {
  const byId = new Map(ledger.entries.map((e) => [e.id, e]));
  for (const entry of entries) byId.set(entry.id, entry);
  return { format: 'hmo-forecast-ledger/1', entries: [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

/** Writes the ledger atomically. */
export function writeForecastLedger(out: string, ledger: ForecastLedgerFile): void {
  writeFileAtomic(forecastLedgerPath(out), `${JSON.stringify(ledger)}\n`);
}
