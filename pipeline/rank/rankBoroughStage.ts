import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Scorer } from '../../models/Scorer.js';
import type { StageContext } from '../stage.js';
import { rankBorough, type RankBoroughInputs } from './rankBorough.js';
import { loadRankScorer } from './rankDependencies.js';
import type { RankSummary } from './RankSummary.js';

/**
 * `rankBorough` as a per-borough stage that keeps its loaded model from one
 * borough to the next: the run graph ranks each borough as its own job, and
 * without this every job loaded the model afresh and, with it, rebuilt the
 * trees' attribution tables (models/gbdt/treeShap.ts fills its per-leaf
 * tables as rows need them, once per loaded model), about a third of a small
 * borough's attribution time. The model is kept while the folder's
 * metadata.json is the same text (a rewritten folder is loaded again). A
 * model that fails to load is not kept: `rankBorough` then loads it itself
 * and reports the failure as it always has.
 *
 * @example
 *   const rank = rankBoroughStage();
 *   for (const borough of ['E09000001', 'E09000007']) await rank({ out, modelDir, borough, params: params.rank }, ctx);
 */
export function rankBoroughStage(load: (modelDir: string) => Promise<Scorer> = loadRankScorer): (inputs: RankBoroughInputs, ctx: StageContext) => Promise<RankSummary> {
  let kept: { key: string; scorer: Promise<Scorer> } | undefined;
  return async (inputs, ctx) => {
    if (inputs.scorer !== undefined) return rankBorough(inputs, ctx);
    const key = modelKey(inputs.modelDir);
    if (key === undefined) return rankBorough(inputs, ctx);
    if (kept?.key !== key) kept = { key, scorer: load(inputs.modelDir) };
    let scorer: Scorer;
    try {
      scorer = await kept.scorer;
    } catch {
      kept = undefined;
      return rankBorough(inputs, ctx);
    }
    return rankBorough({ ...inputs, scorer }, ctx);
  };
}

/** The model folder and its metadata.json text; undefined when that cannot be read (`rankBorough` then says why). */
function modelKey(modelDir: string): string | undefined {
  try {
    return `${resolve(modelDir)}\n${readFileSync(join(modelDir, 'metadata.json'), 'utf8')}`;
  } catch {
    return undefined;
  }
}
