/** Messages of `hmo train`, the model artifact and the scorer. */
const list = (names: readonly string[]) => (names.length === 0 ? 'none' : names.join(', '));

export const trainMessages = {
  noTrainingFiles: (featuresDir: string) =>
    `No training features under ${featuresDir} (expected <borough>/train.parquet): run "npx hmo features" first.`,
  noLabelledRows: (files: readonly string[]) =>
    `No labelled rows to train on: ${files.length} training file(s) (${list(files)}) hold no inspection with outcome hmo or not-hmo. No model was written.`,
  oneClass: (rows: number, label: 0 | 1) =>
    `All ${rows} labelled rows have the outcome ${label === 1 ? 'hmo' : 'not-hmo'}: a classifier needs both outcomes. No model was written.`,
  noFeatures: (files: readonly string[]) => `The training files ${list(files)} hold no feature columns. No model was written.`,
  boroughNotUsable: (borough: string) =>
    `Training features of ${borough} are not used: its latest ingest failed or it is not in the ingested drop (see the quality report).`,
  backend: (name: string, reason: string) => `TensorFlow.js backend: ${name} (${reason})`,
  noEngine: (models: readonly string[]) => `${list(models)} run in TypeScript on typed arrays; TensorFlow.js is not loaded`,
  frameRead: (rows: number, positives: number, boroughs: number, features: number) =>
    `Training on ${rows} labelled properties (${positives} HMOs) from ${boroughs} borough(s), ${features} features.`,
  plan: (loboFolds: number, temporal: boolean, models: readonly string[], threads: number) =>
    `Validation: ${loboFolds} leave-borough-out fold(s)${temporal ? ' + a temporal holdout' : ''}, for ${list(models)}; ` +
    (threads > 0 ? `${threads} worker thread(s).` : 'in this thread.'),
  loboSkipped: (reason: string) => `Leave-borough-out validation skipped: ${reason}.`,
  temporalSkipped: (reason: string) => `Temporal validation skipped: ${reason}.`,
  temporalPlan: (cutoff: string, trainRows: number, testRows: number) =>
    `Temporal holdout: ${testRows} inspections on or after ${cutoff} scored by models trained on the ${trainRows} before.`,
  foldSkipped: (scheme: string, fold: string, reason: string) => `Fold ${scheme}/${fold} skipped: ${reason}.`,
  workerFallback: (reason: string) => `Worker threads unavailable (${reason}); training the folds in this thread.`,
  chosen: (kind: string, criterion: string, scores: string) => `Chosen model: ${kind} (${criterion}; ${scores}).`,
  wrote: (dir: string) => `Model written to ${dir}`,
  metricLine: (scheme: string, model: string, auc: string, ap: string, p100: string) =>
    `  ${scheme.padEnd(8)} ${model.padEnd(14)} mean over boroughs: ROC AUC ${auc}  avg precision ${ap}  precision@100 ${p100}`,
  notAModelFolder: (dir: string, file: string) => `${dir} is not a model folder written by "hmo train": ${file} is missing.`,
  unknownModelKind: (dir: string, kind: string, known: readonly string[]) =>
    `${dir}: metadata.json names the model kind ${JSON.stringify(kind)}, which no learner of this version provides (known: ${known.join(', ')}).`,
  featuresMismatch: (dir: string, missing: readonly string[], extra: readonly string[], wrongKind: readonly string[]) =>
    `The feature frame does not match the model in ${dir}: missing features: ${list(missing)}; extra features: ${list(extra)}` +
    (wrongKind.length > 0 ? `; features of another kind (numeric vs categorical): ${list(wrongKind)}` : '') +
    '. Rebuild the features and the model with the same version of the pipeline ("npx hmo features", then "npx hmo train").',
  catalogueMismatch: (dir: string, expected: string, actual: readonly string[]) =>
    `The features were built with feature catalogue ${list(actual.map((h) => h.slice(0, 12)))}, but the model in ${dir} was trained with ${expected.slice(0, 12)}. ` +
    'Rebuild the features and the model with the same version of the pipeline ("npx hmo features", then "npx hmo train").',
  mixedCatalogues: (hashes: readonly string[]) =>
    `The training files were built by ${hashes.length} different feature catalogues (${list(hashes.map((h) => h.slice(0, 12)))}): rebuild the features of every borough ("npx hmo features") before training. No model was written.`,
  rowOutOfRange: (row: number, length: number) => `Row ${row} is not a row of the frame (0 to ${length - 1}).`,
  modelDirInsideFeatures: (dir: string) => `The model folder ${dir} must not be inside the features folder.`,
} as const;
