/** Messages of `hmo evaluate`: errors, progress, slice flags and the promotion rule's reasons. */
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const num = (value: number) => value.toFixed(3);
const signedNum = (value: number) => (value >= 0 ? `+${value.toFixed(3)}` : value.toFixed(3));

export const evaluateMessages = {
  // errors
  missingModelFile: (file: string) => `The model folder has no ${file}: train a model first (npx hmo train), or pass --model with a model folder.`,
  unreadableJson: (file: string, detail: string) => `Cannot read ${file}: ${detail}`,
  predictionsMissingColumns: (file: string, missing: readonly string[]) =>
    `${file} lacks the column(s) ${missing.join(', ')} that validation predictions must have (docs/architecture.md, "Validation predictions").`,
  noPredictionsForModel: (file: string, kind: string) => `${file} holds no held-out predictions of the chosen model "${kind}".`,
  truthUnreadable: (file: string, detail: string) => `Cannot read the truth file ${file}: ${detail}`,
  truthMissingColumns: (file: string, missing: readonly string[]) =>
    `The truth file ${file} lacks the column(s) ${missing.join(', ')}; it must have uprn,borough_code,is_hmo,is_licensed.`,
  truthBadValue: (file: string, line: number, column: string, value: string) =>
    `${file}, line ${line}, column ${column}: "${value}" is not valid (uprn: digits; is_hmo / is_licensed: 0, 1, true or false).`,
  scorerUnavailable: (dir: string, detail: string) => `Cannot load the model in ${dir} for scoring: ${detail}`,
  noScoringFeatures: (borough: string, file: string) => `Borough ${borough}: no scoring features at ${file}; run npx hmo features first.`,
  noSuchPath: (option: string, path: string) => `--${option} ${path}: no such file or folder.`,
  noIngestedData: (out: string) => `${out} holds no ingested borough (no ingest/<code>/borough.json): run npx hmo ingest first, or check --out.`,
  // console summary
  summaryHeading: (kind: string, id: string) => `Evaluation of the ${kind} model ${id}`,
  summaryScheme: (scheme: string, rows: number, positives: number) => `${scheme}: ${rows} inspections, ${positives} HMOs`,
  summaryBoroughMean: (boroughs: number) => `  each figure a mean over the ${boroughs} borough(s), each borough ranked on its own`,
  summaryDepthNotInformative: (k: number, counted: number, boroughs: number) =>
    counted === 0
      ? `  P@${k}: no borough has ${2 * k} held-out inspections, so precision@${k} cannot tell orderings apart (it would be nearly the share of HMOs whatever the order); see average precision`
      : `  P@${k}: mean over the ${counted} of ${boroughs} borough(s) with at least ${2 * k} held-out inspections (fewer cannot tell orderings apart)`,
  summaryFieldTrial: (k: string, model: number, complaints: number, random: string, oracle: number) =>
    `Simulated field trial, each borough inspecting its own top ${k}, summed over the boroughs: model ${model}, complaint-led ${complaints}, random ${random} (expected ± sd), perfect list ${oracle} undeclared HMOs found`,
  summaryComparison: (id: string) => `Candidate against the model in use (${id}):`,
  // warnings and progress
  scorerSkipped: (detail: string) => `The model could not be loaded for scoring (${detail}); feature importance is left out.`,
  candidateNotAttributed: (kind: string, borough: string, detail: string) =>
    `Borough ${borough}: the ${kind} model the run also trained could not attribute its scores (${detail}); it is left out of the feature importance per model.`,
  candidateNotLoaded: (kind: string, detail: string) => `The ${kind} model the run also trained could not be loaded (${detail}); it is left out of the feature importance per model.`,
  candidatesWithoutScore: (borough: string, count: number) =>
    `Borough ${borough}: ${count} candidate(s) have no row in score.parquet; they are placed at the bottom of the model's list.`,
  boroughScoringFailed: (borough: string, detail: string) => `Borough ${borough}: scoring its features failed: ${detail}`,
  truthBoroughMissing: (borough: string) => `Borough ${borough} has no rows in the truth file; it is left out of the field trial.`,
  predictionsWithoutScore: (file: string, count: number) => `${file}: ${count} prediction(s) of the chosen model have no score; they are left out of every figure.`,
  noTemporal: () => 'The predictions hold no temporal-holdout rows: the temporal figures are left out.',
  noLobo: () => 'The predictions hold no leave-borough-out rows: the leave-borough-out figures and slices are left out.',
  progressScheme: (scheme: string) => `Metrics and bootstrap intervals (${scheme})`,
  progressFieldTrial: () => 'Simulated field trial',
  /** The model time of the run's one scoring pass (the benchmark reads its properties per second from this line: scripts/bench/RunEvents.ts). */
  scored: (properties: number, seconds: number) =>
    `Scored ${properties.toLocaleString('en-GB')} properties in ${seconds.toFixed(3)} s of model time (${Math.round(properties / Math.max(seconds, 1e-9)).toLocaleString('en-GB')} a second), once for the evaluation and the lists.`,
  progressImportance: () => 'Feature attributions',
  progressCharts: () => 'Charts and report',
  written: (files: readonly string[]) => `Wrote ${files.join(', ')}`,
  // list forecast
  forecastNoList: () => 'No scored list for this borough (its scoring features or the model could not be read): no forecast.',
  forecastNoHeldOut: () => 'No leave-borough-out inspections of this borough: no forecast.',
  forecastNoReferenceRows: () =>
    'No proactive or list-made inspections in this borough: its correction for complaint-led choice is borrowed from the other boroughs.',
  forecastAssumption: () =>
    'Estimated from the borough\'s leave-borough-out predictions (a model that never saw its inspections), undeclared properties only. ' +
    'Inspections are not a random sample: complaint-led ones find more HMOs than an unvisited property of the same score would hold. ' +
    'The forecast therefore assumes that proactive inspections and visits made from a list find HMOs at the rate an unvisited ' +
    'property of the same score holds them (they were chosen by what the features already show), and that the gap between the ' +
    'other triggers and these is the same in every borough. How far a borough departs from the others is measured on models that ' +
    'never saw it, while its list comes from the model trained on every borough, scoring properties no one inspected: how much of ' +
    'that departure the list keeps is unknown, so the interval spans none to all of it and, for the part not kept, a departure as ' +
    'large as the boroughs\' calibrations differ from one another (measured by predicting each borough\'s inspections from the ' +
    'others\', never taken below a stated floor). The interval also holds the uncertainty of the estimate and the chance scatter of ' +
    'a list\'s count; the forecast is the mean over all of it.',
  forecastHeading: () => 'What each borough\'s list should find',
  forecastIntro: (topN: number, level: number) =>
    `For the first ${topN} properties of each borough's list: how many undeclared HMOs a team should expect to find, with a ${Math.round(level * 100)}% interval ` +
    '(what the count found should fall within), beside the sum of the listed scores (what the model\'s own scores promise). Each borough on its own: lists are per borough.',
  forecastTriggerGap: (trigger: string, odds: number) =>
    `At the same score, inspections triggered by "${trigger}" found HMOs at ${odds.toFixed(2)} times the odds of proactive and list-made ones; the forecast is made at the proactive level.`,
  forecastBoroughSpread: (used: number, estimated: number | null, floor: number, boroughs: number) =>
    `Predicted from the other boroughs' inspections, each borough's found HMOs at odds that differ by a spread of ${estimated === null ? 'unmeasured size' : estimated.toFixed(2)} ` +
    `on the log-odds scale (${boroughs} borough${boroughs === 1 ? '' : 's'} measured; the intervals use ${used.toFixed(2)}, never less than ${floor.toFixed(2)}): ` +
    `a list's odds could be ${Math.exp(1.96 * used).toFixed(1)} times higher or lower than its forecast's before chance is counted.`,
  forecastNoReferenceAnywhere: () =>
    'No proactive or list-made inspection in any borough: the correction for how inspections were chosen rests on its prior alone, and the forecast likely promises too much.',
  forecastLine: (borough: string, topN: number, expected: string, low: number, high: number, scoreSum: string, level: number) =>
    `  ${borough}: top ${topN} should find ${expected} undeclared HMOs (${Math.round(level * 100)}% interval ${low}–${high}; the scores alone promise ${scoreSum})`,
  forecastLineMissing: (borough: string, note: string) => `  ${borough}: no forecast (${note})`,
  forecastTruthLine: (found: number, inside: boolean) => ` — the truth holds ${found}${inside ? '' : ', OUTSIDE the interval'}`,
  forecastSummaryHeading: () => 'List forecast (undeclared HMOs a team should find at the top of each borough\'s list):',
  // lists' promises against their visits
  outcomesHeading: () => 'Did the lists find what they promised?',
  outcomesIntro: () =>
    'Lists issued from earlier drops whose properties were visited since (recorded with npx hmo outcomes, trigger "model", and carried by this drop): ' +
    'for the properties visited, the forecast made when the list was issued against what the visits found. A shortfall is a count below the interval.',
  outcomesNone: () => 'No visit made from an earlier list is in this drop yet.',
  outcomeLine: (list: string, visited: number, found: number, expected: string, low: number, high: number, level: number, shortfall: boolean) =>
    `  ${list}: ${visited} visited, ${found} HMOs found, ${expected} forecast (${Math.round(level * 100)}% interval ${low}–${high})` +
    (shortfall ? ' — SHORTFALL: fewer than the interval; check the list and the model before the next one' : found > high ? ' — more than forecast' : ' — as forecast'),
  outcomesSummaryHeading: () => 'Earlier lists against their visits:',
  // drift
  driftHeading: () => 'Has the data moved since the last drop?',
  driftNoReference: () =>
    'No earlier drop has been evaluated under this output folder: drift is measured from the next drop on, against this one.',
  driftCompared: (threshold: number) =>
    `Each borough's scoring features and its list's scores against the previous drop evaluated under this output folder (the one the model in use was trained and checked on, in the usual cycle): ` +
    `population stability index (PSI) per feature, over the earlier drop's deciles (categories for text features), a missing value its own bin. ` +
    `Below 0.1 alike, 0.1–0.25 a moderate shift, above ${threshold} a major one: those are named. ` +
    'The training rows themselves are not the comparison: they are inspected properties, chosen after complaints, so they differ from the properties on a list in every drop.',
  driftFeatures: (borough: string, features: ReadonlyArray<{ feature: string; psi: number }>) =>
    `Drift in ${borough}: ${features.map((f) => `${f.feature} (PSI ${f.psi.toFixed(2)})`).join(', ')} moved beyond the threshold since the previous drop; check the export before sending its list out (a source that stopped updating shows here first).`,
  driftScores: (borough: string, psi: number) =>
    `Drift in ${borough}: the list's scores moved (PSI ${psi.toFixed(2)}) since the previous drop.`,
  driftNewBorough: (borough: string) => `Borough ${borough} was not in the previous drop: no drift figure.`,
  // slices
  sliceTooSmall: (rows: number, minRows: number) => `${rows} labelled rows, under ${minRows}: shown, not flagged`,
  slicePrecisionGap: (slice: number, overall: number, margin: number) =>
    `precision ${pct(slice)} vs ${pct(overall)} overall, all boroughs pooled (differs by more than ${pct(margin)})`,
  sliceFalsePositiveGap: (slice: number, overall: number, margin: number) =>
    `false-positive rate ${pct(slice)} vs ${pct(overall)} overall, all boroughs pooled (differs by more than ${pct(margin)})`,
  // promotion
  promotionNoChampion: () => 'No model in use to compare with: the candidate passes by default.',
  promotionPrecisionFigure: () => 'precision@100 (mean over boroughs)',
  promotionAveragePrecisionFigure: () => 'average precision (mean over boroughs)',
  promotionAucFigure: () => 'ROC AUC (mean over boroughs)',
  promotionPrecisionNotInformative: () =>
    'No borough has 200 held-out inspections, so precision@100 cannot tell two lists apart there (it would be nearly the share of HMOs whatever the order): average precision is compared instead.',
  promotionMissingFigure: (figure: string) => `The candidate has no leave-borough-out ${figure}: it cannot be compared, so it does not pass.`,
  promotionChampionMissingFigure: (figure: string) => `The model in use has no leave-borough-out ${figure}; that check is skipped.`,
  promotionFigureOk: (figure: string, candidate: number, champion: number, allowed: number) =>
    `Leave-borough-out ${figure} ${num(candidate)} vs ${num(champion)} in use (change ${signedNum(candidate - champion)}; a drop of at most ${num(allowed)} is allowed).`,
  promotionFigureDrop: (figure: string, candidate: number, champion: number, allowed: number) =>
    `Leave-borough-out ${figure} fell from ${num(champion)} to ${num(candidate)} (drop ${num(champion - candidate)}), more than the allowed ${num(allowed)}.`,
  promotionNoNewFlags: () => 'No slice is flagged that the model in use did not flag.',
  promotionNewFlags: (slices: readonly string[]) => `Newly flagged slice(s): ${slices.join(', ')}.`,
  promotionFlagsNotChecked: () => 'New slice flags are allowed by the params (promotion.forbid_new_slice_flags is false).',
  promotionVerdict: (pass: boolean) => (pass ? 'The candidate passes the promotion rule.' : 'The candidate does NOT pass the promotion rule.'),
} as const;
