import { Random } from '../../pipeline/util/Random.js';
import { BinMapper, featureThresholds, MAX_VALUE_BINS, MISSING_BIN } from './BinMapper.js';
import { type GbdtSettings, gbdtSettingsProblems } from './GbdtSettings.js';
import { GradientBoostedTrees } from './GradientBoostedTrees.js';
import { type GrownTree, TreeGrower } from './TreeGrower.js';

/**
 * Rows to fit on: one Float64Array per feature (`columns`), or one row-major
 * matrix (`rowMajor`, row i's feature f at [i * features.length + f], read
 * column by column as the bins are made, so no column copy is held); NaN =
 * missing; labels 0/1, optional sample weights. Both give the same model.
 */
export type GbdtTrainingData = GbdtRows & ({ columns: readonly Float64Array[]; rowMajor?: undefined } | { rowMajor: Float32Array | Float64Array; columns?: undefined });

/** What every GbdtTrainingData has besides its values. */
export interface GbdtRows {
  features: readonly string[];
  labels: ArrayLike<number>;
  /** Per-row sample weights (> 0); default 1. Class weights multiply into them. */
  weights?: Float64Array;
  /** The group of each row (its property): the early-stopping split holds back whole groups. Each row its own group when absent. */
  groups?: ArrayLike<number>;
}

/** A fitted model and how the fit went. */
export interface GbdtFit {
  model: GradientBoostedTrees;
  /** Trees grown before stopping (the model keeps `trees`, the best iteration's count, with early stopping). */
  iterations: number;
  trees: number;
  stoppedEarly: boolean;
  /** Why boosting ended: 'max_iter', 'early_stopping' or 'no_split' (no split improved any leaf). */
  stopReason: 'max_iter' | 'early_stopping' | 'no_split';
  trainRows: number;
  validationRows: number;
  /** With early stopping: the held-back rows' weighted mean log loss after 0, 1, ... trees. */
  validationLoss: number[];
}

/** scikit-learn's 'auto' early stopping threshold. */
const AUTO_EARLY_STOPPING_ROWS = 10_000;

/**
 * Fits gradient-boosted trees for binary classification by log loss
 * (second-order boosting on histograms; see docs/gbdt.md).
 *
 * Phases: (1) check settings and data; (2) weights (sample x class);
 * (3) hold back a stratified validation share when early stopping; (4) bin the
 * training rows (edges fitted on them only); (5) boost: per iteration, the
 * gradients and hessians of the log loss, a row and a column sample, one tree
 * grown on histograms, margins updated; stop on max_iter, on no split, or when
 * the validation loss has not fallen by tol for n_iter_no_change iterations
 * (the best iteration's trees are kept). The same data, settings and seed
 * give the same model, bit for bit.
 *
 * @example
 *   const { model } = fitGradientBoostedTrees({ features: ['a', 'b'], columns: [a, b], labels: y }, DEFAULT_GBDT_SETTINGS, 42);
 */
export function fitGradientBoostedTrees(data: GbdtTrainingData, settings: GbdtSettings, seed: number): GbdtFit {
  // (1) checks
  const problems = gbdtSettingsProblems(settings);
  if (problems.length > 0) throw new Error(`gradient-boosted trees settings are invalid: ${problems.join('; ')}`);
  const p = data.columns === undefined ? data.features.length : data.columns.length;
  if (p === 0) throw new Error('gradient-boosted trees need at least one feature column; got none');
  if (data.features.length !== p) throw new Error(`${data.features.length} feature names for ${p} columns`);
  const n = data.labels.length;
  if (data.columns !== undefined) {
    for (let f = 0; f < p; f++) {
      if ((data.columns[f] as Float64Array).length !== n) throw new Error(`feature "${data.features[f]}" has ${(data.columns[f] as Float64Array).length} values for ${n} labels`);
    }
  } else if (data.rowMajor.length !== n * p) {
    throw new Error(`a row-major matrix of ${n} rows x ${p} features needs ${n * p} values; got ${data.rowMajor.length}`);
  }
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const y = data.labels[i];
    if (y !== 0 && y !== 1) throw new Error(`label of row ${i} must be 0 or 1; got ${String(y)}`);
    positives += y;
  }
  if (positives === 0 || positives === n) throw new Error(`gradient-boosted trees need both classes; all ${n} rows are ${positives === 0 ? 0 : 1}`);

  // (2) weights
  const weights = new Float64Array(n).fill(1);
  if (data.weights !== undefined) {
    if (data.weights.length !== n) throw new Error(`${data.weights.length} sample weights for ${n} rows`);
    for (let i = 0; i < n; i++) {
      const w = data.weights[i] as number;
      if (!(w > 0) || !Number.isFinite(w)) throw new Error(`sample weight of row ${i} must be a finite number > 0; got ${String(w)}`);
      weights[i] = w;
    }
  }
  if (settings.class_weight === 'balanced') {
    const w1 = n / (2 * positives);
    const w0 = n / (2 * (n - positives));
    for (let i = 0; i < n; i++) weights[i] = (weights[i] as number) * (data.labels[i] === 1 ? w1 : w0);
  }
  const unitWeights = data.weights === undefined && settings.class_weight === 'none';

  // (3) validation split
  const rng = new Random(seed);
  const earlyStopping = settings.early_stopping === 'auto' ? n > AUTO_EARLY_STOPPING_ROWS : settings.early_stopping;
  const { train, validation } = earlyStopping ? stratifiedSplit(data.labels, settings.validation_fraction, rng.fork('validation'), data.groups) : { train: identity(n), validation: new Uint32Array(0) };
  const nTrain = train.length;
  const nValid = validation.length;

  // (4) bins, fitted on the training rows
  const thresholds: Float64Array[] = [];
  const trainBinned = new Uint8Array(nTrain * p);
  const validBinned = new Uint8Array(nValid * p);
  // GATHER_FEATURES features at a time: their training and held-back values gathered once (from a row-major
  // matrix, one read of a row's neighbouring values for all of them), then each feature's edges and bins in turn
  const maxBins = Math.min(settings.max_bins, MAX_VALUE_BINS);
  const block = Math.min(GATHER_FEATURES, p);
  const trainValues = Array.from({ length: block }, () => new Float64Array(nTrain));
  const validValues = Array.from({ length: block }, () => new Float64Array(nValid));
  for (let first = 0; first < p; first += block) {
    const count = Math.min(block, p - first);
    gatherFeatures(data, p, first, count, train, trainValues);
    gatherFeatures(data, p, first, count, validation, validValues);
    for (let b = 0; b < count; b++) {
      const f = first + b;
      const values = trainValues[b] as Float64Array;
      const edges = featureThresholds(values, maxBins, rng.fork(`bins/${f}`));
      thresholds.push(edges);
      const featureMapper = new BinMapper([edges]);
      featureMapper.binColumn(0, values, trainBinned.subarray(f * nTrain, (f + 1) * nTrain));
      featureMapper.binColumn(0, validValues[b] as Float64Array, validBinned.subarray(f * nValid, (f + 1) * nValid));
    }
  }
  const mapper = new BinMapper(thresholds);
  const trainY = new Float64Array(nTrain);
  const trainW = new Float64Array(nTrain);
  for (let k = 0; k < nTrain; k++) {
    trainY[k] = data.labels[train[k] as number] as number;
    trainW[k] = weights[train[k] as number] as number;
  }
  const validY = new Float64Array(nValid);
  const validW = new Float64Array(nValid);
  for (let k = 0; k < nValid; k++) {
    validY[k] = data.labels[validation[k] as number] as number;
    validW[k] = weights[validation[k] as number] as number;
  }

  // (5) boosting
  let sumW = 0;
  let sumWY = 0;
  for (let k = 0; k < nTrain; k++) {
    sumW += trainW[k] as number;
    sumWY += (trainW[k] as number) * (trainY[k] as number);
  }
  const prior = Math.min(1 - 1e-12, Math.max(1e-12, sumWY / sumW));
  const baseScore = Math.log(prior / (1 - prior));
  const trainRaw = new Float64Array(nTrain).fill(baseScore);
  const validRaw = new Float64Array(nValid).fill(baseScore);
  const gradients = new Float64Array(nTrain);
  const hessians = new Float64Array(nTrain);
  const valueBins = new Int32Array(p);
  for (let f = 0; f < p; f++) valueBins[f] = mapper.valueBins(f);
  const rowsPerTree = Math.min(Math.max(1, Math.round(settings.row_subsample * nTrain)), settings.max_rows_per_tree ?? nTrain);
  // With fewer rows per tree than training rows, each tree is grown on a compact copy of its rows' bins,
  // gradients and weights (row r of the copy = the r-th sampled row, ascending), so the histograms and
  // partitions read a matrix of the tree's rows only instead of picking them out of every training row's
  // columns; the sums run over the same rows in the same order, so the trees are the same, bit for bit.
  const compact = rowsPerTree < nTrain;
  const treeBinned = compact ? new Uint8Array(rowsPerTree * p) : trainBinned;
  const treeGradients = compact ? new Float64Array(rowsPerTree) : gradients;
  const treeHessians = compact ? new Float64Array(rowsPerTree) : hessians;
  const treeWeights = compact ? new Float64Array(rowsPerTree) : trainW;
  const treeRows = compact ? identity(rowsPerTree) : undefined;
  const grower = new TreeGrower(
    { binned: treeBinned, rows: compact ? rowsPerTree : nTrain, featureCount: p, valueBins },
    {
      l2: settings.l2_regularization,
      minSamplesLeaf: settings.min_samples_leaf,
      minChildWeight: settings.min_child_weight,
      minGain: settings.min_gain_to_split,
      maxLeafNodes: settings.max_leaf_nodes ?? undefined,
      maxDepth: settings.max_depth ?? undefined,
      growth: settings.growth,
      learningRate: settings.learning_rate,
    },
  );
  const rowRng = rng.fork('rows');
  const columnRng = rng.fork('columns');
  const rowOrder = identity(nTrain);
  const columnOrder = identity(p);
  const columnsPerTree = Math.max(1, Math.round(settings.col_subsample * p));
  const inSample = new Uint8Array(nTrain);
  // scratch of addTreeByPartition: rows to route (the unsampled training rows, then the held-back ones), partition space, node ranges
  const routeRows = new Uint32Array(Math.max(nTrain, nValid));
  const routeScratch = new Uint32Array(Math.max(nTrain, nValid));
  const routeStack: number[] = [];
  const trees: GrownTree[] = [];
  const validationLoss = earlyStopping ? [logLoss(validY, validW, validRaw)] : [];
  let bestLoss = validationLoss[0] ?? Infinity;
  let bestTrees = 0;
  let stopReason: GbdtFit['stopReason'] = 'max_iter';
  for (let iteration = 0; iteration < settings.max_iter; iteration++) {
    const rows = rowsPerTree === nTrain ? rowOrder : sampleSorted(rowOrder, rowsPerTree, rowRng);
    // the gradients of the tree's rows (the tree reads no others)
    for (let r = 0; r < rows.length; r++) {
      const k = rows[r] as number;
      const prob = 1 / (1 + Math.exp(-(trainRaw[k] as number)));
      const w = trainW[k] as number;
      gradients[k] = w * (prob - (trainY[k] as number));
      hessians[k] = w * prob * (1 - prob);
    }
    const features = Int32Array.from(columnsPerTree === p ? columnOrder : sampleSorted(columnOrder, columnsPerTree, columnRng));
    if (treeRows !== undefined) compactRows(rows, features, trainBinned, nTrain, gradients, hessians, trainW, treeBinned, treeGradients, treeHessians, treeWeights);
    const tree = grower.grow(treeGradients, treeHessians, unitWeights ? undefined : treeWeights, treeRows ?? rows, features);
    if (tree.feature.length === 1) {
      stopReason = 'no_split';
      break;
    }
    trees.push(tree);
    // margins of the tree's rows from the partition; of the rest by walking the tree
    inSample.fill(0);
    for (let node = 0; node < tree.feature.length; node++) {
      if ((tree.feature[node] as number) >= 0) continue;
      const v = tree.value[node] as number;
      for (let k = tree.start[node] as number; k < (tree.end[node] as number); k++) {
        const i = treeRows === undefined ? (tree.indices[k] as number) : (rows[tree.indices[k] as number] as number);
        trainRaw[i] = (trainRaw[i] as number) + v;
        inSample[i] = 1;
      }
    }
    if (rows.length < nTrain) {
      let outside = 0;
      for (let i = 0; i < nTrain; i++) if (inSample[i] === 0) routeRows[outside++] = i;
      addTreeByPartition(tree, trainBinned, nTrain, routeRows, outside, trainRaw, routeScratch, routeStack);
    }
    if (earlyStopping) {
      for (let i = 0; i < nValid; i++) routeRows[i] = i;
      addTreeByPartition(tree, validBinned, nValid, routeRows, nValid, validRaw, routeScratch, routeStack);
      const loss = logLoss(validY, validW, validRaw);
      validationLoss.push(loss);
      if (loss < bestLoss - settings.tol) {
        bestLoss = loss;
        bestTrees = trees.length;
      } else if (trees.length - bestTrees >= settings.n_iter_no_change) {
        stopReason = 'early_stopping';
        break;
      }
    }
  }
  const iterations = trees.length;
  const kept = earlyStopping ? bestTrees : trees.length;
  const model = GradientBoostedTrees.fromGrown(data.features, baseScore, thresholds, trees.slice(0, kept), {
    seed,
    train_rows: nTrain,
    validation_rows: nValid,
    iterations,
    trees: kept,
    stop_reason: stopReason,
    ...(earlyStopping ? { best_validation_loss: bestLoss } : {}),
  });
  return {
    model,
    iterations,
    trees: kept,
    stoppedEarly: stopReason === 'early_stopping',
    stopReason,
    trainRows: nTrain,
    validationRows: nValid,
    validationLoss,
  };
}

/**
 * The tree's rows (`rows`, ascending) copied to the front of compact arrays:
 * bins of the tree's features (column-major, `rows.length` rows), gradients,
 * hessians and weights; row r of the copy is training row rows[r].
 */
function compactRows(
  rows: Uint32Array,
  features: Int32Array,
  binned: Uint8Array,
  nTrain: number,
  gradients: Float64Array,
  hessians: Float64Array,
  weights: Float64Array,
  outBinned: Uint8Array,
  outGradients: Float64Array,
  outHessians: Float64Array,
  outWeights: Float64Array,
): void {
  const m = rows.length;
  for (let r = 0; r < m; r++) {
    const i = rows[r] as number;
    outGradients[r] = gradients[i] as number;
    outHessians[r] = hessians[i] as number;
    outWeights[r] = weights[i] as number;
  }
  for (let j = 0; j < features.length; j++) {
    const f = features[j] as number;
    const from = f * nTrain;
    const to = f * m;
    for (let r = 0; r < m; r++) outBinned[to + r] = binned[from + (rows[r] as number)] as number;
  }
}

/** Features gathered per pass over a row-major matrix's rows in the binning. */
const GATHER_FEATURES = 8;

/** The values of features first .. first + count − 1 of the given rows, into out[0 .. count − 1]. */
function gatherFeatures(data: GbdtTrainingData, p: number, first: number, count: number, rows: Uint32Array, out: readonly Float64Array[]): void {
  if (data.columns !== undefined) {
    for (let b = 0; b < count; b++) {
      const column = data.columns[first + b] as Float64Array;
      const target = out[b] as Float64Array;
      for (let k = 0; k < rows.length; k++) target[k] = column[rows[k] as number] as number;
    }
    return;
  }
  const x = data.rowMajor;
  for (let k = 0; k < rows.length; k++) {
    const at = (rows[k] as number) * p + first;
    for (let b = 0; b < count; b++) (out[b] as Float64Array)[k] = x[at + b] as number;
  }
}

/**
 * Adds a grown tree's leaf values to the margins of the binned rows
 * `order[0..count)` (ascending; reordered in place), routing them down the
 * tree node by node as the grower partitions its rows: a node's rows are split
 * on its feature's column in ascending row order, so the column is read from
 * front to back instead of each row jumping between columns, one per level.
 * Each row gets its leaf's value added once, as a walk from the root would.
 */
function addTreeByPartition(
  tree: GrownTree,
  binned: Uint8Array,
  rows: number,
  order: Uint32Array,
  count: number,
  raw: Float64Array,
  scratch: Uint32Array,
  stack: number[],
): void {
  stack.length = 0;
  stack.push(0, 0, count);
  while (stack.length > 0) {
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    const node = stack.pop() as number;
    const feature = tree.feature[node] as number;
    if (feature < 0) {
      const v = tree.value[node] as number;
      for (let k = start; k < end; k++) {
        const i = order[k] as number;
        raw[i] = (raw[i] as number) + v;
      }
      continue;
    }
    const column = feature * rows;
    const threshold = tree.binThreshold[node] as number;
    const missingLeft = tree.missingLeft[node] as boolean;
    let l = start;
    let r = 0;
    for (let k = start; k < end; k++) {
      const i = order[k] as number;
      const bin = binned[column + i] as number;
      if (bin === MISSING_BIN ? missingLeft : bin <= threshold) order[l++] = i;
      else scratch[r++] = i;
    }
    order.set(scratch.subarray(0, r), l);
    if (l > start) stack.push(tree.left[node] as number, start, l);
    if (end > l) stack.push(tree.right[node] as number, l, end);
  }
}

/** Weighted mean log loss of margins. */
export function logLoss(y: Float64Array, w: Float64Array, raw: Float64Array): number {
  let sum = 0;
  let sumW = 0;
  for (let i = 0; i < y.length; i++) {
    const z = raw[i] as number;
    // log(1 + e^z) - y z, computed stably
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    sum += (w[i] as number) * (softplus - (y[i] as number) * z);
    sumW += w[i] as number;
  }
  return sumW > 0 ? sum / sumW : Number.NaN;
}

/**
 * Stratified split: from each class, round(fraction x class size) rows drawn
 * by `rng` are held back (at least one and never the whole class when it has
 * two or more). With `groups`, whole groups are drawn instead of rows (a
 * group is of class 1 when any of its rows is), so no group has rows on both
 * sides; rows that are each their own group give the same split as none.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  fraction: number,
  rng: Random,
  groups?: ArrayLike<number>,
): { train: Uint32Array; validation: Uint32Array } {
  const rowsOf = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const g = groups === undefined ? i : (groups[i] as number);
    const rows = rowsOf.get(g);
    if (rows === undefined) rowsOf.set(g, [i]);
    else rows.push(i);
  }
  const held = new Uint8Array(labels.length);
  for (const cls of [0, 1]) {
    const members: number[][] = [];
    for (const rows of rowsOf.values()) if ((rows.some((i) => labels[i] === 1) ? 1 : 0) === cls) members.push(rows);
    if (members.length < 2) continue;
    const take = Math.min(members.length - 1, Math.max(1, Math.round(fraction * members.length)));
    rng.shuffle(members);
    for (let k = 0; k < take; k++) for (const i of members[k] as number[]) held[i] = 1;
  }
  const train: number[] = [];
  const validation: number[] = [];
  for (let i = 0; i < labels.length; i++) (held[i] === 1 ? validation : train).push(i);
  return { train: Uint32Array.from(train), validation: Uint32Array.from(validation) };
}

function identity(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** k items drawn without replacement (a partial Fisher-Yates on `order`, which keeps its state), returned ascending. */
function sampleSorted(order: Uint32Array, k: number, rng: Random): Uint32Array {
  const n = order.length;
  for (let j = 0; j < k; j++) {
    const r = j + Math.floor(rng.uniform() * (n - j));
    const t = order[j] as number;
    order[j] = order[r] as number;
    order[r] = t;
  }
  return order.slice(0, k).sort();
}
