import type { Attribution, Scorer } from '../../../models/Scorer.js';
import { EvaluateError } from '../../errors/EvaluateError.js';
import type { Duck } from '../../db/Duck.js';
import { readFeatureFrame, type FeatureFrame } from '../../frame/FeatureFrame.js';
import { outputLayout } from '../../layout.js';
import { evaluateMessages as m } from '../../messages/evaluate.js';
import { Random } from '../../util/Random.js';
import { sampleRows } from '../metrics/featureImportance.js';
import { fieldTrialBorough, trialCandidates } from './fieldTrial.js';
import { boroughDrift, type BoroughDriftResult, type BoroughProfiles } from '../drift/boroughDrift.js';
import type { ListHead } from '../forecast/listForecast.js';
import { listCandidateUprns, listHead } from '../forecast/listHead.js';
import type { FieldTrialBorough } from '../MetricsJson.js';
import { withBoroughViews } from '../inputs/withBoroughViews.js';
import { writeCandidateScores } from '../../frame/CandidateScores.js';
import { sha256File } from '../../util/hash.js';

/** What scoring one borough needs (plain values: it may cross to a worker thread). */
export interface ScoreBoroughInputs {
  out: string;
  borough: string;
  /** Rows of the borough to attribute (the sample over all boroughs, shared out). */
  sampleSize: number;
  /** Run the field trial: truth was given and names this borough (`eval_truth` loaded in the db). */
  fieldTrial: boolean;
  seed: number;
  k: readonly number[];
  reinspectAfterMonths: number | null;
  /** Length of the list's head the forecast is made for (params.rank.top). */
  listTop: number;
  /** The borough's populations in earlier drops to measure drift against (drift/DriftReference.ts), in order; null where none. */
  driftReferences?: Array<BoroughProfiles | null>;
  /** Write the candidates' scores here (frame/CandidateScores.ts) for rank to read: the evaluated model's, not a baseline's. */
  scoresFile?: string;
}

/** One borough's share of the evaluation, and the warnings it raised (logged in borough order by the caller). */
export interface BoroughScoring {
  attributions: Attribution[][];
  /** The same sample rows attributed by each model the run trained (by kind), for feature importance per model. */
  candidateAttributions: Record<string, Attribution[][]>;
  trial: FieldTrialBorough | null;
  /** The head of the borough's list as this model ranks it, for the list forecast. */
  list: ListHead;
  /** The borough's population profiles and its drift against each reference offered. */
  drift: BoroughDriftResult;
  /** Properties scored and the seconds the model took (the one scoring pass of a run: rank reads these scores). */
  scoring: { properties: number; seconds: number };
  warnings: string[];
}

/**
 * Reads one borough's scoring features, attributes a seeded sample of its
 * rows (`Random(seed).fork('attribution-sample').fork(borough)`: the same
 * rows whichever thread or order), scores every property for the head of
 * the borough's list (the list forecast) and, with `fieldTrial`, runs the
 * field trial over the list's candidates. With `scoresFile`, the candidates'
 * scores are written there for the rank stage to read (one scoring pass).
 * `db` needs `eval_truth` (readTruth) for the trial. `models` (by kind:
 * every model the run trained) attribute the same sample rows; a kind whose
 * scorer is `scorer` itself takes its attributions as they are. `frame`, the
 * borough's scoring features when the caller has read them already (the next
 * borough's, read while this one is scored), saves reading them here.
 *
 * @example
 *   const { attributions, trial } = await scoreBorough(db, scorer, { out, borough: 'E09000007', sampleSize: 13, fieldTrial: true, seed: 42, k: [50, 100], reinspectAfterMonths: 24, listTop: 200 });
 */
export async function scoreBorough(
  db: Duck,
  scorer: Scorer,
  inputs: ScoreBoroughInputs,
  models: ReadonlyMap<string, Scorer> = new Map(),
  frame?: FeatureFrame,
): Promise<BoroughScoring> {
  const { out, borough: code } = inputs;
  const file = outputLayout(out).scoringFeatures(code);
  const warnings: string[] = [];
  frame ??= await readScoringFeatures(db, out, code);
  try {
    scorer.checkFrame(frame);
  } catch (error) {
    throw new EvaluateError(`${file}: ${(error as Error).message}`, 1);
  }
  const random = new Random(inputs.seed).fork('attribution-sample').fork(code);
  const sample = sampleRows(frame.length, inputs.sampleSize, random);
  const attributions = scorer.attribute(frame, sample);
  const candidateAttributions: Record<string, Attribution[][]> = {};
  for (const [kind, candidate] of models) {
    // The run's folder of the evaluated model itself: the same attributions, not computed twice.
    if (candidate === scorer) {
      candidateAttributions[kind] = attributions;
      continue;
    }
    try {
      candidate.checkFrame(frame);
      candidateAttributions[kind] = candidate.attribute(frame, sample);
    } catch (error) {
      warnings.push(m.candidateNotAttributed(kind, code, (error as Error).message));
    }
  }
  const started = performance.now();
  const scores = scorer.score(frame);
  const scoring = { properties: frame.length, seconds: (performance.now() - started) / 1000 };
  const scoreOf = new Map<number, number>();
  for (let i = 0; i < frame.length; i++) scoreOf.set(Number(frame.uprn[i]), scores[i] as number);
  // The candidate rule over this borough's files only, not views over every borough's.
  if (!inputs.fieldTrial) {
    const uprns = await withBoroughViews(db, out, code, () => listCandidateUprns(db, code, inputs.reinspectAfterMonths));
    const candidateScores = uprns.map((uprn) => scoreOf.get(uprn) ?? Number.NaN);
    const unscored = candidateScores.filter((s) => Number.isNaN(s)).length;
    if (unscored > 0) warnings.push(m.candidatesWithoutScore(code, unscored));
    await shareScores(db, scorer, inputs, uprns, candidateScores);
    const drift = boroughDrift(frame, candidateScores.filter((v) => !Number.isNaN(v)), inputs.driftReferences ?? []);
    return { attributions, candidateAttributions, trial: null, list: listHead(uprns, candidateScores, inputs.listTop, null), drift, scoring, warnings };
  }
  const candidates = await withBoroughViews(db, out, code, () => trialCandidates(db, code, inputs.reinspectAfterMonths));
  const candidateScores = candidates.uprn.map((uprn) => scoreOf.get(uprn) ?? Number.NaN);
  const unscored = candidateScores.filter((s) => Number.isNaN(s)).length;
  if (unscored > 0) warnings.push(m.candidatesWithoutScore(code, unscored));
  await shareScores(db, scorer, inputs, candidates.uprn, candidateScores);
  return {
    attributions,
    candidateAttributions,
    trial: fieldTrialBorough(code, candidates, candidateScores, inputs.k, inputs.seed),
    list: listHead(candidates.uprn, candidateScores, inputs.listTop, candidates.undeclared),
    drift: boroughDrift(frame, candidateScores.filter((v) => !Number.isNaN(v)), inputs.driftReferences ?? []),
    scoring,
    warnings,
  };
}

/**
 * One borough's scoring features (`OUT/features/<GSS>/score.parquet`), as
 * `scoreBorough` reads them.
 *
 * @example
 *   const frame = await readScoringFeatures(db, 'out', 'E09000007');
 */
export function readScoringFeatures(db: Duck, out: string, borough: string): Promise<FeatureFrame> {
  return readFeatureFrame([outputLayout(out).scoringFeatures(borough)], db);
}

/** With `inputs.scoresFile`, the candidates' scores for the rank stage (the same rule, `params.rank.reinspect_after_months`). */
async function shareScores(db: Duck, scorer: Scorer, inputs: ScoreBoroughInputs, uprns: Float64Array, scores: Float64Array): Promise<void> {
  if (inputs.scoresFile === undefined) return;
  const features_sha256 = await sha256File(outputLayout(inputs.out).scoringFeatures(inputs.borough));
  const header = { model_id: scorer.metadata.model_id, borough: inputs.borough, reinspect_after_months: inputs.reinspectAfterMonths, features_sha256 };
  await writeCandidateScores(db, inputs.scoresFile, header, { uprns, scores });
}
