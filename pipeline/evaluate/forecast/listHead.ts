import { readDoubleColumns } from '../../db/readDoubleColumns.js';
import type { Duck } from '../../db/Duck.js';
import { candidateSql } from '../../frame/candidateSql.js';
import { topListOrder } from '../../frame/listOrder.js';
import type { ListHead } from './listForecast.js';

/**
 * The UPRNs (as doubles, ordered) of one borough's list candidates: the
 * `candidateSql` rule of `hmo rank`, over the views in `db`.
 *
 * @example
 *   const uprns = await listCandidateUprns(db, 'E09000007', null);
 */
export async function listCandidateUprns(db: Duck, borough: string, reinspectAfterMonths: number | null): Promise<Float64Array> {
  const { columns } = await readDoubleColumns(db, `SELECT CAST(uprn AS DOUBLE) AS uprn FROM (${candidateSql(borough, reinspectAfterMonths)}) ORDER BY uprn`);
  return columns.get('uprn') ?? new Float64Array(0);
}

/**
 * The head of a borough's list as the lists order it (score descending, then
 * lower UPRN: candidates come ordered by UPRN, `uprns[i]` with `scores[i]`):
 * the top `top` candidates' UPRNs and scores, candidates without a score left
 * out, and with `undeclared` (truth) how many of them are undeclared HMOs.
 *
 * @example
 *   listHead(Float64Array.from([11, 12, 13]), Float64Array.from([0.2, 0.9, 0.5]), 2, Int8Array.from([0, 1, 1]));
 *   // { candidates: 3, uprns: [12, 13], scores: [0.9, 0.5], truthFound: 2 }
 */
export function listHead(uprns: Float64Array, scores: Float64Array, top: number, undeclared: Int8Array | null): ListHead {
  const scored = scores.reduce((n, s) => n + (Number.isNaN(s) ? 0 : 1), 0);
  const order = topListOrder(scores, undefined, Math.min(top, scored));
  let found = 0;
  if (undeclared !== null) for (const i of order) found += undeclared[i] as number;
  return {
    candidates: scores.length,
    uprns: Array.from(order, (i) => uprns[i] as number),
    scores: Array.from(order, (i) => scores[i] as number),
    truthFound: undeclared === null ? null : found,
  };
}
