import type { Duck } from '../../db/Duck.js';
import { sqlString } from '../../db/Duck.js';
import { readDoubleColumns } from '../../db/readDoubleColumns.js';
import { candidateSql } from '../../frame/candidateSql.js';
import { Random } from '../../util/Random.js';
import { jsonNumber } from '../metrics/jsonNumber.js';
import { COMPLAINT_WINDOW_MONTHS } from '../inputs/loadValidationRows.js';
import type { FieldTrial, FieldTrialBorough, FieldTrialCounts } from '../MetricsJson.js';
import { randomRanks } from '../metrics/orderings.js';
import { topListOrder } from '../../frame/listOrder.js';

/** A borough's list candidates with what the field trial needs, ordered by UPRN. */
export interface TrialCandidates {
  /** UPRNs (at most 12 digits: exact as doubles). */
  uprn: Float64Array;
  undeclared: Int8Array;
  complaints: Float64Array;
  /** Undeclared HMOs of the borough per truth, candidates or not. */
  undeclaredInBorough: number;
}

/**
 * The candidates of one borough's inspection list (`candidateSql`, the same
 * rule as `hmo rank`), each with its truth (undeclared HMO: is_hmo and not
 * licensed) and its complaints in the 12 months to the extract date.
 * Needs `eval_truth` (readTruth) in `db`.
 */
export async function trialCandidates(db: Duck, borough: string, reinspectAfterMonths: number | null): Promise<TrialCandidates> {
  const code = sqlString(borough);
  const { columns } = await readDoubleColumns(
    db,
    `
    WITH candidates AS (${candidateSql(borough, reinspectAfterMonths)}),
    recent AS (
      SELECT c.uprn, count(*) AS n FROM complaints c JOIN boroughs b ON b.borough_code = c.borough_code
      WHERE c.borough_code = ${code} AND c.received_date <= b.extract_date
        AND c.received_date > CAST(b.extract_date - INTERVAL ${COMPLAINT_WINDOW_MONTHS} MONTH AS DATE)
      GROUP BY ALL
    )
    SELECT CAST(c.uprn AS DOUBLE) AS uprn, CAST(coalesce(t.is_hmo AND NOT t.is_licensed, false) AS DOUBLE) AS undeclared,
           CAST(coalesce(r.n, 0) AS DOUBLE) AS complaints
    FROM candidates c
    LEFT JOIN eval_truth t ON t.borough_code = c.borough_code AND t.uprn = c.uprn
    LEFT JOIN recent r ON r.uprn = c.uprn
    ORDER BY c.uprn`,
  );
  const total = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM eval_truth WHERE borough_code = ${code} AND is_hmo AND NOT is_licensed`);
  return {
    uprn: columns.get('uprn') ?? new Float64Array(0),
    undeclared: Int8Array.from(columns.get('undeclared') ?? []),
    complaints: columns.get('complaints') ?? new Float64Array(0),
    undeclaredInBorough: Number(total[0]?.n ?? 0),
  };
}

/**
 * The simulated field trial of one borough: how many undeclared HMOs a team
 * would find inspecting the top k of the list, for the model (score desc,
 * then UPRN), complaint-led (most complaints in 12 months, ties seeded
 * random), random (seeded) and the oracle (every undeclared HMO first).
 * `scores[i]` is the model's score of candidate i (NaN: no score, last).
 *
 * @example
 *   fieldTrialBorough('E09000007', candidates, scores, [50, 100, 200], 42).found['100'].model; // 37
 */
export function fieldTrialBorough(
  borough: string,
  candidates: TrialCandidates,
  scores: Float64Array,
  ks: readonly number[],
  seed: number,
): FieldTrialBorough {
  const n = candidates.uprn.length;
  const byUprn = Int32Array.from({ length: n }, (_, i) => i);
  const random = new Random(seed).fork(`field-trial/${borough}`);
  const randomRank = randomRanks(n, random.fork('random-order'));
  // Only the deepest k is ever walked: the head of each order, not a sort of all ~100,000 candidates.
  const deepest = Math.min(n, Math.max(0, ...ks));
  const orders = {
    model: topListOrder(scores, byUprn, deepest),
    complaint_led: topListOrder(candidates.complaints, randomRanks(n, random.fork('complaint-led')), deepest),
    random: topListOrder(Float64Array.from(randomRank, (r) => n - r), randomRank, deepest),
    oracle: topListOrder(Float64Array.from(candidates.undeclared), byUprn, deepest),
  };
  let among = 0;
  for (let i = 0; i < n; i++) among += candidates.undeclared[i] as number;
  const found: Record<string, FieldTrialCounts> = {};
  for (const k of ks) {
    const depth = Math.min(k, n);
    const count = (order: Int32Array) => {
      let hits = 0;
      for (let i = 0; i < depth; i++) hits += candidates.undeclared[order[i] as number] as number;
      return hits;
    };
    const random = randomExpectation(depth, among, n);
    found[String(k)] = {
      depth,
      model: count(orders.model),
      complaint_led: count(orders.complaint_led),
      random: count(orders.random),
      random_expected: jsonNumber(random.mean) ?? 0,
      random_sd: jsonNumber(Math.sqrt(random.variance)) ?? 0,
      oracle: count(orders.oracle),
    };
  }
  return { borough_code: borough, candidates: n, undeclared_hmos: candidates.undeclaredInBorough, undeclared_among_candidates: among, found };
}

/**
 * What a random order of `n` candidates, `hits` of them undeclared HMOs,
 * finds in its first `depth` on average, and the variance of that count
 * (hypergeometric): the random baseline as an expectation, not one draw.
 *
 * @example
 *   randomExpectation(100, 80, 1000); // { mean: 8, variance: ≈ 6.63 }
 */
export function randomExpectation(depth: number, hits: number, n: number): { mean: number; variance: number } {
  if (n === 0) return { mean: 0, variance: 0 };
  const share = hits / n;
  return { mean: depth * share, variance: n <= 1 ? 0 : (depth * share * (1 - share) * (n - depth)) / (n - 1) };
}

/** The boroughs' trials, with totals over boroughs (each borough inspects its own top k). */
export function fieldTrialTotal(truthFile: string, boroughs: FieldTrialBorough[]): FieldTrial {
  const found: Record<string, FieldTrialCounts> = {};
  for (const b of boroughs) {
    for (const [k, counts] of Object.entries(b.found)) {
      const sum = found[k] ?? { depth: 0, model: 0, complaint_led: 0, random: 0, random_expected: 0, random_sd: 0, oracle: 0 };
      found[k] = {
        depth: sum.depth + counts.depth,
        model: sum.model + counts.model,
        complaint_led: sum.complaint_led + counts.complaint_led,
        random: sum.random + counts.random,
        random_expected: jsonNumber(sum.random_expected + counts.random_expected) ?? 0,
        // boroughs' random orders are independent: variances add
        random_sd: jsonNumber(Math.sqrt(sum.random_sd ** 2 + counts.random_sd ** 2)) ?? 0,
        oracle: sum.oracle + counts.oracle,
      };
    }
  }
  return {
    truth_file: truthFile,
    boroughs,
    total: {
      candidates: boroughs.reduce((s, b) => s + b.candidates, 0),
      undeclared_hmos: boroughs.reduce((s, b) => s + b.undeclared_hmos, 0),
      undeclared_among_candidates: boroughs.reduce((s, b) => s + b.undeclared_among_candidates, 0),
      found,
    },
  };
}
