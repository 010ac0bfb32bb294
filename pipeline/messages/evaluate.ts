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
  summaryFieldTrial: (k: string, model: number, complaints: number, random: number, oracle: number) =>
    `Simulated field trial, top ${k} per borough: model ${model}, complaint-led ${complaints}, random ${random}, perfect list ${oracle} undeclared HMOs found`,
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
  progressImportance: () => 'Feature attributions',
  progressCharts: () => 'Charts and report',
  written: (files: readonly string[]) => `Wrote ${files.join(', ')}`,
  // slices
  sliceTooSmall: (rows: number, minRows: number) => `${rows} labelled rows, under ${minRows}: shown, not flagged`,
  slicePrecisionGap: (slice: number, overall: number, margin: number) =>
    `precision ${pct(slice)} vs ${pct(overall)} overall (differs by more than ${pct(margin)})`,
  sliceFalsePositiveGap: (slice: number, overall: number, margin: number) =>
    `false-positive rate ${pct(slice)} vs ${pct(overall)} overall (differs by more than ${pct(margin)})`,
  // promotion
  promotionNoChampion: () => 'No model in use to compare with: the candidate passes by default.',
  promotionMissingFigure: (figure: string) => `The candidate has no leave-borough-out ${figure}: it cannot be compared, so it does not pass.`,
  promotionChampionMissingFigure: (figure: string) => `The model in use has no leave-borough-out ${figure}; that check is skipped.`,
  promotionPrecisionOk: (candidate: number, champion: number, allowed: number) =>
    `Leave-borough-out precision@100 ${num(candidate)} vs ${num(champion)} in use (change ${signedNum(candidate - champion)}; a drop of at most ${num(allowed)} is allowed).`,
  promotionPrecisionDrop: (candidate: number, champion: number, allowed: number) =>
    `Leave-borough-out precision@100 fell from ${num(champion)} to ${num(candidate)} (drop ${num(champion - candidate)}), more than the allowed ${num(allowed)}.`,
  promotionAucOk: (candidate: number, champion: number, allowed: number) =>
    `Leave-borough-out ROC AUC ${num(candidate)} vs ${num(champion)} in use (change ${signedNum(candidate - champion)}; a drop of at most ${num(allowed)} is allowed).`,
  promotionAucDrop: (candidate: number, champion: number, allowed: number) =>
    `Leave-borough-out ROC AUC fell from ${num(champion)} to ${num(candidate)} (drop ${num(champion - candidate)}), more than the allowed ${num(allowed)}.`,
  promotionNoNewFlags: () => 'No slice is flagged that the model in use did not flag.',
  promotionNewFlags: (slices: readonly string[]) => `Newly flagged slice(s): ${slices.join(', ')}.`,
  promotionFlagsNotChecked: () => 'New slice flags are allowed by the params (promotion.forbid_new_slice_flags is false).',
  promotionVerdict: (pass: boolean) => (pass ? 'The candidate passes the promotion rule.' : 'The candidate does NOT pass the promotion rule.'),
} as const;
