import { existsSync } from 'node:fs';
import type { Scorer } from '../../models/Scorer.js';
import { RankError } from '../errors/RankError.js';
import { readBoroughStatuses } from '../db/openDropDb.js';
import { outputLayout } from '../layout.js';
import { rankMessages as m } from '../messages/rank.js';
import type { Params } from '../params/Params.js';
import type { StageContext } from '../stage.js';
import type { EvidenceCatalogue } from './EvidenceCatalogue.js';
import { rankBorough } from './rankBorough.js';
import { loadRankScorer } from './rankDependencies.js';
import type { RankSummary } from './RankSummary.js';

export interface RankBoroughsInputs {
  out: string;
  modelDir: string;
  params: Params['rank'];
  /** Only these boroughs (GSS codes); every usable borough when not given. */
  boroughs?: readonly string[];
  listsOut?: string;
  scorer?: Scorer;
  catalogue?: EvidenceCatalogue;
}

/**
 * The usable boroughs of an OUT folder: ingested with status ok, in code order.
 *
 * @example
 *   usableBoroughs('out'); // ['E09000001', 'E09000007']
 */
export function usableBoroughs(out: string): string[] {
  return readBoroughStatuses(out)
    .filter((s) => s.status === 'ok')
    .map((s) => s.borough_code);
}

/**
 * Ranks every usable borough (or the ones asked for) with one loaded model,
 * one list per borough, each holding only that borough's properties.
 *
 * @example
 *   const summaries = await rankBoroughs({ out: 'out', modelDir: 'out/model', params: params.rank }, ctx);
 */
export async function rankBoroughs(inputs: RankBoroughsInputs, ctx: StageContext): Promise<RankSummary[]> {
  const usable = usableBoroughs(inputs.out);
  if (usable.length === 0) throw new RankError(m.noUsableBoroughs(inputs.out), 1);
  const asked = inputs.boroughs ?? usable;
  const unknown = asked.filter((code) => !usable.includes(code));
  if (unknown.length > 0) throw new RankError(m.unknownBoroughs(unknown, usable), 1);
  const layout = outputLayout(inputs.listsOut ?? inputs.out);
  for (const status of readBoroughStatuses(inputs.out)) {
    if (status.status !== 'ok' && existsSync(layout.listCsv(status.borough_code))) ctx.log.warn(m.staleList(status.borough_code, layout.listCsv(status.borough_code)));
  }
  const scorer = inputs.scorer ?? (await loadRankScorer(inputs.modelDir).catch((error: unknown) => {
    throw new RankError(m.modelUnavailable(inputs.modelDir, error instanceof Error ? error.message : String(error)), 1);
  }));
  const summaries: RankSummary[] = [];
  for (const borough of [...asked].sort()) {
    summaries.push(
      await rankBorough({ out: inputs.out, modelDir: inputs.modelDir, borough, params: inputs.params, listsOut: inputs.listsOut, scorer, catalogue: inputs.catalogue }, ctx),
    );
  }
  return summaries;
}
