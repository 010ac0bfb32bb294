// Stage tables for the evaluation's scoring threads in tests, loaded by
// WorkerPool's worker threads (the shape of pipeline/evaluate/scoring/scoringStages.ts):
// the fixture's fake scorer, and one that fails on the fixture's second borough.
import { scoreBoroughStage, type ScoreBoroughJob } from '../../../pipeline/evaluate/scoring/scoreBoroughStage.js';
import type { StageContext } from '../../../pipeline/stage.js';
import { BOROUGHS, fakeScorer } from './evaluationFixture.js';

const fake = scoreBoroughStage(async (dir) => fakeScorer(dir));

/** Fails (with a message that names no borough) when given the fixture's second borough. */
async function failing(job: ScoreBoroughJob, ctx: StageContext): Promise<unknown> {
  if (job.borough === BOROUGHS[1].code) throw new Error('the scorer ran out of patience');
  return fake(job, ctx);
}

export const workerJobs = {
  scoreBorough: async () => fake,
};

export const failingStages = {
  scoreBorough: async () => failing,
};
