import type { Scorer } from '../../../models/Scorer.js';
import { Duck, sqlString } from '../../db/Duck.js';
import type { StageContext } from '../../stage.js';
import { scoreBorough, type BoroughScoring, type ScoreBoroughInputs } from './scoreBorough.js';
import type { ScorerLoader } from './scorerLoader.js';

/** `scoreBorough`'s inputs on a worker thread: where its scorer and truth come from. */
export interface ScoreBoroughJob extends ScoreBoroughInputs {
  modelDir: string;
  /** Folders of the models the run trained, by kind (the artifact's per-learner sub-folders), for feature importance per model. */
  candidateDirs?: Record<string, string>;
  /** Kinds of `candidateDirs` whose folder holds the evaluated model itself (the same model id): not loaded again, its own attributions serve. */
  candidatesSameAsModel?: string[];
  /** `eval_truth` (readTruth) as Parquet, ordered by borough (`writeTruthParquet`); absent without truth. */
  truthParquet?: string;
}

/**
 * `scoreBorough` as a `WorkerPool` stage: the thread loads the scorer
 * (with `loadScorer`) once, for every borough it is given after (the pool
 * reuses its threads), and opens a DuckDB per borough, closed when the
 * borough is done, so that an idle thread holds no native database when the
 * pool ends it. There `eval_truth` is a view of the Parquet copy the main
 * thread wrote of the checked truth: a borough's query reads only its row
 * groups, where re-reading the truth CSV would cost each thread a ~3 s scan
 * at London scale.
 *
 * @example
 *   export const workerJobs = { scoreBorough: async () => scoreBoroughStage(defaultScorerLoader) };
 */
export function scoreBoroughStage(loadScorer: ScorerLoader): (job: ScoreBoroughJob, ctx: StageContext) => Promise<BoroughScoring> {
  let scorer: { modelDir: string; loaded: Promise<Scorer> } | undefined;
  const candidates = new Map<string, Promise<Scorer>>();
  return async (job) => {
    if (scorer === undefined || scorer.modelDir !== job.modelDir) scorer = { modelDir: job.modelDir, loaded: loadScorer(job.modelDir) };
    const loaded = await scorer.loaded;
    const candidateScorers = new Map<string, Scorer>();
    for (const [kind, dir] of Object.entries(job.candidateDirs ?? {})) {
      if (job.candidatesSameAsModel?.includes(kind) === true) {
        candidateScorers.set(kind, loaded);
        continue;
      }
      if (!candidates.has(dir)) candidates.set(dir, loadScorer(dir));
      candidateScorers.set(kind, await (candidates.get(dir) as Promise<Scorer>));
    }
    const db = await Duck.open();
    try {
      if (job.truthParquet !== undefined) await db.run(`CREATE TEMP VIEW eval_truth AS SELECT * FROM read_parquet(${sqlString(job.truthParquet)})`);
      return await scoreBorough(db, loaded, job, candidateScorers);
    } finally {
      db.close();
    }
  };
}
