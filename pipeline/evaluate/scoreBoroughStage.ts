import type { Scorer } from '../../models/Scorer.js';
import { Duck } from '../db/Duck.js';
import type { StageContext } from '../stage.js';
import { readTruth } from './readTruth.js';
import { scoreBorough, type BoroughScoring, type ScoreBoroughInputs } from './scoreBorough.js';
import type { ScorerLoader } from './scorerLoader.js';

/** `scoreBorough`'s inputs on a worker thread: where its scorer and truth come from. */
export interface ScoreBoroughJob extends ScoreBoroughInputs {
  modelDir: string;
  truth?: string;
}

/**
 * `scoreBorough` as a `BoroughWorkerPool` stage: the thread loads the scorer
 * (with `loadScorer`) and reads the truth file into its own DuckDB once, for
 * every borough it is given after (the pool reuses its threads; the truth is
 * one ~3 s scan at London scale, not one per borough).
 *
 * @example
 *   export const boroughStages = { scoreBorough: async () => scoreBoroughStage(defaultScorerLoader) };
 */
export function scoreBoroughStage(loadScorer: ScorerLoader): (job: ScoreBoroughJob, ctx: StageContext) => Promise<BoroughScoring> {
  let state: Promise<{ key: string; db: Duck; scorer: Scorer }> | undefined;
  let stateKey = '';
  const open = async (job: ScoreBoroughJob) => {
    const scorer = await loadScorer(job.modelDir);
    const db = await Duck.open();
    try {
      if (job.truth !== undefined) await readTruth(db, job.truth);
    } catch (error) {
      db.close();
      throw error;
    }
    return { key: stateKey, db, scorer };
  };
  return async (job) => {
    const key = JSON.stringify([job.modelDir, job.truth ?? null]);
    if (state === undefined || stateKey !== key) {
      const previous = state;
      stateKey = key;
      state = open(job);
      void previous?.then((p) => p.db.close(), () => undefined);
    }
    const { db, scorer } = await state;
    return scoreBorough(db, scorer, job);
  };
}
