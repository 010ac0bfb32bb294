import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Papa from 'papaparse';
import type { Scorer } from '../../models/Scorer.js';
import { HmoError } from '../errors/HmoError.js';
import { RankError } from '../errors/RankError.js';
import type { Duck } from '../db/Duck.js';
import { openDropDb } from '../db/openDropDb.js';
import { readFeatureFrame, type FeatureFrame } from '../frame/FeatureFrame.js';
import { readCandidateScores } from '../frame/CandidateScores.js';
import { sha256File } from '../util/hash.js';
import { outputLayout } from '../layout.js';
import { rankMessages as m } from '../messages/rank.js';
import { DEFAULT_PARAMS, type Params } from '../params/Params.js';
import type { StageContext } from '../stage.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { sha256 } from '../util/hash.js';
import { featureRow, type EvidenceCatalogue } from './EvidenceCatalogue.js';
import type { InspectionList, RankedProperty } from './InspectionList.js';
import type { RankSummary } from './RankSummary.js';
import { readBoroughInfo, readCandidates, type BoroughInfo, type CandidateProperty } from './readCandidates.js';
import { ReasonCatalogue, reasonsFor } from './reasonsFor.js';
import { loadEvidenceCatalogue, loadRankScorer } from './rankDependencies.js';
import { listOrderByUprn } from '../frame/listOrder.js';
import { readFeatureWindows } from './readFeatureWindows.js';
import { renderListCsv } from '../writers/list/renderListCsv.js';
import { renderListHtml } from '../writers/list/renderListHtml.js';
import { riskBand } from './riskBand.js';
import { selectFrameRows } from './selectFrameRows.js';

/** Rows per attribution call, so that progress moves and memory stays small. */
const ATTRIBUTION_BATCH = 500;

export interface RankBoroughInputs {
  /** The OUT folder of ingest and features (`--drop-db`). */
  out: string;
  /** The model artifact folder. */
  modelDir: string;
  /** GSS code of the borough. */
  borough: string;
  params: Params['rank'];
  /** Where the lists go (OUT/lists/<GSS>/ of this folder); `out` when not given. */
  listsOut?: string;
  /** An already loaded model (else `loadScorer(modelDir)`). */
  scorer?: Scorer;
  /** The evidence sentences (else the feature catalogue). */
  catalogue?: EvidenceCatalogue;
  /**
   * Reasons for ranks up to max(top, this); by default for the visit-first ranks only (1 to `top`, the ranks the HTML
   * list shows). Attributions cost about half a millisecond a row with the trees (TreeSHAP) and a London borough has
   * around 100,000 candidates; a team working deeper into its list asks for a longer head (`--top`). Ranks beyond have
   * no reasons, and the CSV says so (docs/ranking.md). Before, reasons went to rank 2,000 whatever `top` was: ten
   * times the rows at the default `top`, for ranks no page showed.
   */
  reasonsCap?: number;
  /**
   * The evaluate stage's scores of the candidates (frame/CandidateScores.ts; default
   * OUT/evaluation/scores/<GSS>.parquet), used when they are this model's, of these
   * features and candidates; else the candidates are scored here.
   */
  scoresFile?: string;
}

/**
 * Ranks one borough's candidates (properties not licensed as an HMO and not
 * inspected, per `candidateSql`) by the model's calibrated score and writes
 * OUT/lists/<GSS>/inspection_list.csv (every candidate, ranked) and
 * inspection_list.html (printable; the top `params.top` to visit first), both
 * atomically and byte-identical for the same data and model. Each property
 * gets up to three plain-English reasons: its features with the largest
 * positive contributions, in the catalogue's evidence sentences. A list the
 * team has filled in is kept aside, never overwritten.
 *
 * @example
 *   const summary = await rankBorough({ out: 'out', modelDir: 'out/model', borough: 'E09000007', params: params.rank }, ctx);
 *   summary.csv; // out/lists/E09000007/inspection_list.csv
 */
export async function rankBorough(inputs: RankBoroughInputs, ctx: StageContext): Promise<RankSummary> {
  const { out, borough, params } = inputs;
  const layout = outputLayout(inputs.listsOut ?? out);

  // One DuckDB for the borough's reads (the drop's views, the scores, the features' metadata and rows), closed before the lists are written.
  const db = await openDropDb(out, [borough]);
  let info: BoroughInfo | undefined;
  let candidates: CandidateProperty[];
  let scores: Float64Array;
  let order: number[];
  let reasons: Map<number, string[]>;
  let reasonsComputed: number;
  let scorer: Scorer;
  try {
    info = await readBoroughInfo(db, borough);
    if (info === undefined) throw new RankError(m.boroughNotUsable(borough, out), 1);
    candidates = await readCandidates(db, borough, params.reinspect_after_months);

    const featuresFile = outputLayout(out).scoringFeatures(borough);
    if (!existsSync(featuresFile)) throw new RankError(m.featuresMissing(borough, featuresFile), 1);
    scorer = inputs.scorer ?? (await loadScorerOrFail(inputs.modelDir));
    const catalogue = inputs.catalogue ?? loadEvidenceCatalogue(await featureWindows(featuresFile, ctx, db));

    // One scoring pass per run: the evaluate stage's scores of these very candidates, when it scored them with this model
    // and these features; else (hmo rank on its own, another model) the candidates are scored here.
    const shared = await sharedScores(inputs.scoresFile ?? outputLayout(out).candidateScores(borough), scorer, borough, params, featuresFile, candidates, db);
    const uprns = candidates.map((c) => c.uprn);
    const reasonDepth = (n: number) => Math.min(n, Math.max(params.top, inputs.reasonsCap ?? 0));
    if (shared !== undefined) {
      scores = shared;
      checkScores(scores, uprns, borough);
      order = listOrderByUprn(uprns, scores);
      reasonsComputed = reasonDepth(order.length);
      // Only the rows that get reasons are read: the scores are made, the other candidates' features are not needed.
      const reasonCandidates = order.slice(0, reasonsComputed);
      const wanted = reasonCandidates.map((i) => uprns[i] as string);
      const frame = await readFeatureFrame([featuresFile], db, { uprns: wanted });
      checkBorough(frame, borough, featuresFile);
      const rowOf = new Map(frame.uprn.map((uprn, i) => [uprn, i]));
      const missing = wanted.filter((uprn) => !rowOf.has(uprn));
      if (missing.length > 0) throw new RankError(m.candidatesWithoutFeatures(borough, missing.length, missing[0] ?? '', featuresFile), 1);
      // Row k of this frame is the candidate reasonCandidates[k].
      const reasonFrame = selectFrameRows(frame, wanted.map((uprn) => rowOf.get(uprn) as number));
      if (reasonFrame.length > 0) scorer.checkFrame(reasonFrame);
      const byRow = attributeReasons(scorer, catalogue, reasonFrame, reasonCandidates.map((_, k) => k), borough, ctx);
      reasons = new Map(reasonCandidates.map((i, k) => [i, byRow.get(k) as string[]]));
    } else {
      const frame = await readFeatureFrame([featuresFile], db);
      checkBorough(frame, borough, featuresFile);
      const rowOf = new Map(frame.uprn.map((uprn, i) => [uprn, i]));
      const missing = candidates.filter((c) => !rowOf.has(c.uprn));
      if (missing.length > 0) throw new RankError(m.candidatesWithoutFeatures(borough, missing.length, missing[0]?.uprn ?? '', featuresFile), 1);
      const candidateFrame = selectFrameRows(frame, candidates.map((c) => rowOf.get(c.uprn) as number));
      scores = new Float64Array(0);
      if (candidateFrame.length > 0) {
        scorer.checkFrame(candidateFrame);
        // Its own progress task, so that runs can time the model's scoring apart from reading, reasons and writing.
        ctx.progress.start(m.scoring(borough), candidateFrame.length, 'properties');
        scores = scorer.score(candidateFrame);
        ctx.progress.update(candidateFrame.length);
        ctx.progress.finish();
        checkScores(scores, candidateFrame.uprn, borough);
      }
      order = listOrderByUprn(candidateFrame.uprn, scores);
      reasonsComputed = reasonDepth(order.length);
      reasons = attributeReasons(scorer, catalogue, candidateFrame, order.slice(0, reasonsComputed), borough, ctx);
    }
  } finally {
    db.close();
  }

  const rows: RankedProperty[] = order.map((i, position) => {
    const c = candidates[i];
    if (c === undefined) throw new Error(`rankBorough: no candidate at index ${i}`);
    const score = scores[i] as number;
    return {
      rank: position + 1,
      uprn: c.uprn,
      address: c.address,
      postcode: c.postcode,
      ward_code: c.ward_code,
      ward_name: c.ward_name,
      easting: c.easting,
      northing: c.northing,
      score,
      risk_band: riskBand(score, params.risk_bands),
      reasons: reasons.get(i) ?? null,
      last_inspection_date: c.last_inspection_date,
    };
  });

  const list: InspectionList = {
    borough_code: info.borough_code,
    borough_name: info.borough_name,
    extract_date: info.extract_date,
    model: { model_id: scorer.metadata.model_id, kind: scorer.metadata.kind, trained_on: scorer.metadata.trained_on },
    top: params.top,
    risk_bands: params.risk_bands,
    reinspect_after_months: params.reinspect_after_months,
    reasons_computed: reasonsComputed,
    rows,
  };

  const csvPath = layout.listCsv(borough);
  const htmlPath = layout.listHtml(borough);
  const preserved = preserveFilledList(csvPath, ctx);
  const html = renderListHtml(list);
  writeFileAtomic(csvPath, renderListCsv(list));
  writeFileAtomic(htmlPath, html);

  const visitFirst = rows.slice(0, params.top);
  const summary: RankSummary = {
    borough_code: info.borough_code,
    borough_name: info.borough_name,
    extract_date: info.extract_date,
    model_id: scorer.metadata.model_id,
    candidates: rows.length,
    visit_first: visitFirst.length,
    bands: {
      high: rows.filter((r) => r.risk_band === 'high').length,
      medium: rows.filter((r) => r.risk_band === 'medium').length,
      low: rows.filter((r) => r.risk_band === 'low').length,
    },
    reasons_computed: reasonsComputed,
    visit_first_with_fewer_than_two_reasons: visitFirst.filter((r) => (r.reasons?.length ?? 0) < 2).length,
    csv: csvPath,
    html: htmlPath,
    preserved_filled_list: preserved,
  };
  ctx.log.info(m.ranked(summary));
  return summary;
}

/**
 * The candidates' scores from `file` (the evaluate stage's, frame/CandidateScores.ts) when they were made
 * with this scorer's model, these features and the same candidate rule, for exactly these candidates
 * (same UPRNs, in order), every one scored; else undefined.
 */
async function sharedScores(
  file: string,
  scorer: Scorer,
  borough: string,
  params: Params['rank'],
  featuresFile: string,
  candidates: readonly CandidateProperty[],
  db: Duck,
): Promise<Float64Array | undefined> {
  if (!existsSync(file)) return undefined;
  const header = { model_id: scorer.metadata.model_id, borough, reinspect_after_months: params.reinspect_after_months, features_sha256: await sha256File(featuresFile) };
  const shared = await readCandidateScores(file, header, db);
  if (shared === undefined || shared.uprns.length !== candidates.length) return undefined;
  for (let i = 0; i < candidates.length; i++) {
    if (shared.uprns[i] !== Number(candidates[i]?.uprn) || Number.isNaN(shared.scores[i] as number)) return undefined;
  }
  return shared.scores;
}

/** Fails on a score outside [0, 1] (NaN included), naming the property. */
function checkScores(scores: Float64Array, uprns: readonly string[], borough: string): void {
  scores.forEach((s, i) => {
    if (!(s >= 0 && s <= 1)) throw new RankError(m.badScore(borough, uprns[i] ?? '', s), 1);
  });
}

/** Fails when the features file holds rows of another borough. */
function checkBorough(frame: FeatureFrame, borough: string, featuresFile: string): void {
  const other = frame.boroughCode.find((code) => code !== borough);
  if (other !== undefined) throw new RankError(m.featuresOfOtherBorough(borough, featuresFile, other), 1);
}

/** The windows recorded in the features file; the defaults, with a warning, for a file that records none. */
async function featureWindows(file: string, ctx: StageContext, db: Duck): Promise<Params['features']> {
  const windows = await readFeatureWindows(file, db);
  if (windows !== undefined) return windows;
  ctx.log.warn(m.featureWindowsUnknown(file, DEFAULT_PARAMS.features.recent_months, DEFAULT_PARAMS.features.long_months));
  return DEFAULT_PARAMS.features;
}

async function loadScorerOrFail(modelDir: string): Promise<Scorer> {
  try {
    return await loadRankScorer(modelDir);
  } catch (error) {
    if (error instanceof HmoError) throw error;
    throw new RankError(m.modelUnavailable(modelDir, error instanceof Error ? error.message : String(error)), 1);
  }
}

/** Reasons of the candidates at `rows` (indices into the frame), by attribution, in batches. */
function attributeReasons(
  scorer: Scorer,
  catalogue: EvidenceCatalogue,
  frame: ReturnType<typeof selectFrameRows>,
  rows: readonly number[],
  borough: string,
  ctx: StageContext,
): Map<number, string[]> {
  const reasons = new Map<number, string[]>();
  if (rows.length === 0) return reasons;
  const index = new ReasonCatalogue(catalogue);
  ctx.progress.start(m.reasons(borough), rows.length, 'properties');
  for (let start = 0; start < rows.length; start += ATTRIBUTION_BATCH) {
    const batch = rows.slice(start, start + ATTRIBUTION_BATCH);
    const attributions = scorer.attribute(frame, batch);
    if (attributions.length !== batch.length) throw new RankError(m.attributionCount(borough, batch.length, attributions.length), 1);
    batch.forEach((i, k) => {
      reasons.set(i, reasonsFor(attributions[k] ?? [], featureRow(frame, i), frame.asOf[i] ?? '', index));
    });
    ctx.progress.update(Math.min(rows.length, start + batch.length));
  }
  ctx.progress.finish();
  return reasons;
}

/**
 * When the list about to be replaced carries outcomes the team recorded,
 * renames it to inspection_list.filled-<content hash>.csv beside it (no clock
 * in the name, so reruns are reproducible) and says so.
 */
function preserveFilledList(csvPath: string, ctx: StageContext): string | null {
  if (!existsSync(csvPath)) return null;
  const text = readFileSync(csvPath, 'utf8');
  // Rows as arrays, not objects: a full-size borough's list has 100,000+ rows, and only two columns matter.
  const [header = [], ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: true, delimiter: ',' }).data;
  const watched = ['outcome', 'inspected_on'].map((name) => header.indexOf(name)).filter((index) => index >= 0);
  const filled = rows.filter((row) => watched.some((index) => (row[index] ?? '').trim() !== '')).length;
  if (filled === 0) return null;
  const kept = join(dirname(csvPath), `${basename(csvPath, '.csv')}.filled-${sha256(text).slice(0, 12)}.csv`);
  renameSync(csvPath, kept);
  ctx.log.warn(m.filledListPreserved(csvPath, filled, kept));
  return kept;
}
