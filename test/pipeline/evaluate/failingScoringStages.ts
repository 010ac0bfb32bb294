// A stage table whose scoreBorough fails on the fixture's second borough (see fakeScoringStages.ts).
import { failingStages } from './fakeScoringStages.js';

export const workerJobs = failingStages;
