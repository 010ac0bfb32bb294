import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FittedModel, FitReport, LearnerImplementation, LoadedModel } from '../Learner.js';
import type { GbdtLearnerSettings } from './gbdtLearner.js';
import { DEFAULT_GBDT_SETTINGS, type GbdtSettings } from './GbdtSettings.js';
import { fitWithRefit } from './fitWithRefit.js';
import { GradientBoostedTrees } from './GradientBoostedTrees.js';
import { treeShapMatrix } from './treeShap.js';

/** The trees' file in a model folder. */
export const TREES_JSON = 'trees.json';

/**
 * The learner implementation of gradient-boosted trees: fit on the raw input
 * matrix (NaN = missing), save as trees.json, score and explain (TreeSHAP) on
 * row-major matrices.
 *
 * @example
 *   const fitted = await gbdtImplementation.fit(data, gbdtLearner.settings.defaults, { seed: 1, classWeight: 'balanced', earlyStopping: { validationFraction: 0.15, patience: 6 } });
 */
export const gbdtImplementation: LearnerImplementation<GbdtLearnerSettings> = {
  files: [TREES_JSON],
  async fit(data, settings, options): Promise<FittedModel> {
    const rows = data.labels.length;
    const { refit_max_rows: refitMaxRows, ...treeSettings } = settings;
    const full: GbdtSettings = {
      ...DEFAULT_GBDT_SETTINGS,
      ...treeSettings,
      min_gain_to_split: DEFAULT_GBDT_SETTINGS.min_gain_to_split,
      class_weight: options.classWeight,
      early_stopping: true,
      validation_fraction: options.earlyStopping.validationFraction,
      tol: DEFAULT_GBDT_SETTINGS.tol,
    };
    const { fit, search } = fitWithRefit(
      { features: data.columns.map((c) => c.name), rowMajor: data.x, labels: data.labels, ...(options.groups === undefined ? {} : { groups: options.groups }) },
      full,
      options.seed,
      rows <= refitMaxRows,
    );
    let positives = 0;
    for (let i = 0; i < rows; i++) positives += data.labels[i] === 1 ? 1 : 0;
    const balanced = options.classWeight === 'balanced';
    const report: FitReport = {
      kind: 'gbdt',
      seed: options.seed,
      rows,
      positives,
      early_stopping_rows: search.validationRows,
      class_weights: { '0': balanced ? rows / (2 * (rows - positives)) : 1, '1': balanced ? rows / (2 * positives) : 1 },
      epochs_run: search.iterations,
      best_epoch: search.trees,
      best_validation_loss: search.validationLoss.length > 0 ? (search.validationLoss[search.trees] ?? null) : null,
    };
    const model = fit.model;
    return {
      report,
      logits: (x, w) => model.predictMarginRows(checkWidth(x, w, model)),
      files: async () => ({ [TREES_JSON]: `${JSON.stringify(model.toJSON())}\n` }),
      dispose: () => undefined,
    };
  },
  async load(dir): Promise<LoadedModel> {
    const model = GradientBoostedTrees.fromJSON(JSON.parse(readFileSync(join(dir, TREES_JSON), 'utf8')));
    return {
      logits: (x, width) => model.predictMarginRows(checkWidth(x, width, model)),
      attribute: (x, width) => treeShapMatrix(model, checkWidth(x, width, model)),
    };
  },
};

function checkWidth(x: Float32Array, width: number, model: GradientBoostedTrees): Float32Array {
  if (width !== model.features.length) throw new Error(`the trees read ${model.features.length} input columns; the matrix has ${width}`);
  return x;
}
