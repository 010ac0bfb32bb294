// Our gradient-boosted trees (models/gbdt) beside scikit-learn's HistGradientBoostingClassifier on the same rows and folds.
// Usage: node dist/scripts/bench/gbdtVsSklearn.js [--features OUT] [--boroughs 33 --rows-per-borough 5300 --noise 41]
//          [--folds 3] [--python /usr/bin/python3] [--peer-threads N] [--max-iter 100] [--seed 1] [--score-rows 1000000]
// Rows: OUT/features/*/train.parquet when --features is given (as `hmo features` wrote them), else the synthetic
// London-scale training frame of trainingBench. Numeric features as they are (NaN = missing), categorical ones one-hot.
// Folds: boroughs dealt round-robin (sorted by code) into --folds groups; each group is held out once (leave-borough-out);
// declared HMOs are fitted on but not scored (as `hmo train` measures). Both learners get the same settings (scikit-learn's
// defaults: 0.1 learning rate, 100 iterations, 31 leaves, 20 rows per leaf, 255 bins, early stopping on 10% above 10,000 rows).
// Prints one JSON object: per fold and pooled ROC AUC of both, fit wall and CPU seconds of both, our scoring speed and TreeSHAP speed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_GBDT_SETTINGS, type GbdtSettings } from '../../models/gbdt/GbdtSettings.js';
import { fitGradientBoostedTrees } from '../../models/gbdt/fitGradientBoostedTrees.js';
import type { GradientBoostedTrees } from '../../models/gbdt/GradientBoostedTrees.js';
import { treeShapMatrix } from '../../models/gbdt/treeShap.js';
import { rocAuc } from '../../models/metrics.js';
import { type FeatureFrame, readFeatureFrame } from '../../pipeline/frame/FeatureFrame.js';
import { outputLayout } from '../../pipeline/layout.js';
import { syntheticTrainingFrame } from './syntheticTrainingFeatures.js';

const { values } = parseArgs({
  options: {
    features: { type: 'string' },
    boroughs: { type: 'string', default: '33' },
    'rows-per-borough': { type: 'string', default: '5300' },
    noise: { type: 'string', default: '41' },
    folds: { type: 'string', default: '3' },
    python: { type: 'string', default: '/usr/bin/python3' },
    'peer-threads': { type: 'string' },
    'max-iter': { type: 'string', default: String(DEFAULT_GBDT_SETTINGS.max_iter) },
    seed: { type: 'string', default: '1' },
    'score-rows': { type: 'string', default: '1000000' },
  },
});

/** The frame as a dense matrix: numeric columns, then one 0/1 column per category seen (nulls: all 0). */
function denseColumns(frame: FeatureFrame): { names: string[]; columns: Float64Array[] } {
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (const [name, column] of frame.numeric) {
    names.push(name);
    columns.push(column);
  }
  for (const [name, column] of frame.categorical) {
    const levels = [...new Set(column.filter((v): v is string => v !== null))].sort();
    for (const level of levels) {
      names.push(`${name}=${level}`);
      columns.push(Float64Array.from(column, (v) => (v === level ? 1 : 0)));
    }
  }
  return { names, columns };
}

async function loadFrame(): Promise<{ frame: FeatureFrame; source: string }> {
  if (values.features !== undefined) {
    const layout = outputLayout(values.features);
    const root = join(values.features, 'features');
    if (!existsSync(root)) throw new Error(`no features folder at ${root}: run \`hmo features --out ${values.features}\` first`);
    const files = readdirSync(root)
      .sort()
      .map((code) => layout.trainingFeatures(code))
      .filter((file) => existsSync(file));
    if (files.length === 0) throw new Error(`no train.parquet under ${root}`);
    return { frame: await readFeatureFrame(files), source: `${values.features}/features/*/train.parquet (${files.length} boroughs)` };
  }
  const boroughs = Number(values.boroughs);
  const rowsPerBorough = Number(values['rows-per-borough']);
  const noise = Number(values.noise);
  return {
    frame: syntheticTrainingFrame({ boroughs, rowsPerBorough, seed: 7, noiseFeatures: noise }),
    source: `synthetic training frame (${boroughs} boroughs x ${rowsPerBorough} rows, ${noise} noise features; scripts/bench/syntheticTrainingFeatures.ts)`,
  };
}

function take(columns: readonly Float64Array[], rows: readonly number[]): Float64Array[] {
  return columns.map((column) => Float64Array.from(rows, (i) => column[i] as number));
}

function rowMajor(columns: readonly Float64Array[]): Float64Array {
  const n = columns[0]?.length ?? 0;
  const p = columns.length;
  const out = new Float64Array(n * p);
  columns.forEach((column, f) => {
    for (let i = 0; i < n; i++) out[i * p + f] = column[i] as number;
  });
  return out;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/** TreeSHAP rows per second on `x` in batches of 500: the first pass (the model's paths and tables built as rows need them) and a second one. */
function explanationSpeed(model: GradientBoostedTrees, x: Float32Array, p: number): { first_rows_per_cpu_second: number; again_rows_per_cpu_second: number; again_rows_per_second: number } {
  const rows = x.length / p;
  const pass = () => {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    for (let r0 = 0; r0 < rows; r0 += 500) treeShapMatrix(model, x.subarray(r0 * p, Math.min(rows, r0 + 500) * p));
    return { cpu: cpuSeconds(cpu), wall: (performance.now() - wall) / 1000 };
  };
  const first = pass();
  const again = pass();
  return { first_rows_per_cpu_second: Math.round(rows / first.cpu), again_rows_per_cpu_second: Math.round(rows / again.cpu), again_rows_per_second: Math.round(rows / again.wall) };
}

const { frame, source } = await loadFrame();
if (frame.label === undefined) throw new Error('the frame has no labels: point --features at an OUT folder whose features were built with inspections');
const labels = frame.label;
const { names, columns } = denseColumns(frame);
const codes = [...new Set(frame.boroughCode)].sort();
const foldCount = Math.min(Number(values.folds), codes.length);
if (!(foldCount >= 2)) throw new Error(`--folds must be at least 2 and there must be at least 2 boroughs; got ${values.folds} folds, ${codes.length} boroughs`);
const groupOf = new Map(codes.map((code, k) => [code, k % foldCount]));
const settings: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, max_iter: Number(values['max-iter']) };
const seed = Number(values.seed);
const dir = mkdtempSync(join(tmpdir(), 'hmo-gbdt-bench-'));

try {
  const folds: { name: string; train: number[]; test: number[] }[] = [];
  for (let k = 0; k < foldCount; k++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < frame.length; i++) {
      if (groupOf.get(frame.boroughCode[i] as string) !== k) train.push(i);
      else if (frame.declared?.[i] !== 1) test.push(i);
    }
    folds.push({ name: `fold${k + 1}`, train, test });
  }
  const meta = {
    features: names.length,
    seed,
    settings: { ...settings, early_stopping: settings.early_stopping === 'auto' ? 'auto' : settings.early_stopping },
    folds: folds.map((fold) => ({ name: fold.name, x_train: `${fold.name}.xtrain`, y_train: `${fold.name}.ytrain`, x_test: `${fold.name}.xtest`, y_test: `${fold.name}.ytest`, scores: `${fold.name}.scores.f64` })),
  };
  for (const fold of folds) {
    writeFileSync(join(dir, `${fold.name}.xtrain`), rowMajor(take(columns, fold.train)));
    writeFileSync(join(dir, `${fold.name}.ytrain`), Uint8Array.from(fold.train, (i) => labels[i] as number));
    writeFileSync(join(dir, `${fold.name}.xtest`), rowMajor(take(columns, fold.test)));
    writeFileSync(join(dir, `${fold.name}.ytest`), Uint8Array.from(fold.test, (i) => labels[i] as number));
  }
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));

  // ours
  const ours: { fold: string; fit_seconds: number; fit_cpu_seconds: number; iterations: number; trees: number; roc_auc: number }[] = [];
  const pooledLabels: number[] = [];
  const pooledOurs: number[] = [];
  let lastModel: GradientBoostedTrees | undefined;
  let lastTest: Float64Array[] = [];
  for (const fold of folds) {
    const trainColumns = take(columns, fold.train);
    const trainLabels = Uint8Array.from(fold.train, (i) => labels[i] as number);
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const fit = fitGradientBoostedTrees({ features: names, columns: trainColumns, labels: trainLabels }, settings, seed);
    const fitSeconds = (performance.now() - wall) / 1000;
    const fitCpu = cpuSeconds(cpu);
    const testColumns = take(columns, fold.test);
    const testLabels = fold.test.map((i) => labels[i] as number);
    const scores = fit.model.predictMargin(testColumns);
    ours.push({ fold: fold.name, fit_seconds: round(fitSeconds, 2), fit_cpu_seconds: round(fitCpu, 2), iterations: fit.iterations, trees: fit.trees, roc_auc: round(rocAuc(scores, testLabels)) });
    pooledLabels.push(...testLabels);
    pooledOurs.push(...scores);
    process.stderr.write(`ours ${fold.name}: ${fitSeconds.toFixed(1)} s, ${fit.iterations} iterations, AUC ${rocAuc(scores, testLabels).toFixed(4)}\n`);
    lastModel = fit.model;
    lastTest = testColumns;
  }

  // scikit-learn
  const peerScript = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'scripts', 'bench', 'peer', 'gbdt_peer.py');
  const env = { ...process.env, ...(values['peer-threads'] !== undefined ? { OMP_NUM_THREADS: values['peer-threads'] } : {}) };
  const peerRun = spawnSync(values.python, [peerScript, dir], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (peerRun.status !== 0) throw new Error(`the scikit-learn peer failed (${values.python} ${peerScript}): ${peerRun.stderr || peerRun.error?.message}`);
  const peer = JSON.parse(peerRun.stdout) as { sklearn: string; threads: string; folds: { fold: string; fit_seconds: number; fit_cpu_seconds: number; iterations: number; roc_auc: number; predict_rows_per_second: number }[] };
  const pooledPeer: number[] = [];
  for (const fold of meta.folds) pooledPeer.push(...new Float64Array(readFileSync(join(dir, fold.scores)).buffer.slice(0)));

  // scoring speed: our last fold's model on its test rows, repeated to at least --score-rows rows
  const model = lastModel as GradientBoostedTrees;
  const testRows = lastTest[0]?.length ?? 0;
  const target = Number(values['score-rows']);
  const repeats = Math.max(1, Math.ceil(target / Math.max(1, testRows)));
  const big = lastTest.map((column) => {
    const out = new Float64Array(testRows * repeats);
    for (let r = 0; r < repeats; r++) out.set(column, r * testRows);
    return out;
  });
  model.predictMargin(big.map((c) => c.subarray(0, Math.min(c.length, 10000)))); // warm-up
  let wall = performance.now();
  let cpu = process.cpuUsage();
  model.predictMargin(big);
  const scoreWall = (performance.now() - wall) / 1000;
  const scoreCpu = cpuSeconds(cpu);
  const matrix = rowMajor(big);
  wall = performance.now();
  cpu = process.cpuUsage();
  model.predictMarginRows(matrix);
  const rowsWall = (performance.now() - wall) / 1000;
  const rowsCpu = cpuSeconds(cpu);
  const scoredRows = testRows * repeats;
  // TreeSHAP: the reasons' attributions, on a list's worth of rows (rank explains up to 2,000 per borough), in batches of 500 as rank asks
  const shapRows = Math.min(2000, testRows);
  const shapMatrix = Float32Array.from(matrix.subarray(0, shapRows * names.length));
  const explained = explanationSpeed(model, shapMatrix, names.length);

  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const oursFit = sum(ours.map((f) => f.fit_seconds));
  const peerFit = sum(peer.folds.map((f) => f.fit_seconds));
  const oursCpu = sum(ours.map((f) => f.fit_cpu_seconds));
  const peerCpu = sum(peer.folds.map((f) => f.fit_cpu_seconds));
  const pooledOursAuc = rocAuc(pooledOurs, pooledLabels);
  const pooledPeerAuc = rocAuc(pooledPeer, pooledLabels);
  console.log(
    JSON.stringify(
      {
        source,
        rows: frame.length,
        features: names.length,
        folds: foldCount,
        settings,
        ours: { folds: ours, pooled_roc_auc: round(pooledOursAuc), fit_seconds: round(oursFit, 2), fit_cpu_seconds: round(oursCpu, 2), threads: 1 },
        sklearn: { version: peer.sklearn, threads: peer.threads, folds: peer.folds.map((f) => ({ ...f, fit_seconds: round(f.fit_seconds, 2), fit_cpu_seconds: round(f.fit_cpu_seconds, 2), roc_auc: round(f.roc_auc), predict_rows_per_second: Math.round(f.predict_rows_per_second) })), pooled_roc_auc: round(pooledPeerAuc), fit_seconds: round(peerFit, 2), fit_cpu_seconds: round(peerCpu, 2) },
        comparison: {
          pooled_auc_difference: round(pooledOursAuc - pooledPeerAuc),
          mean_fold_auc_difference: round(sum(ours.map((f, k) => f.roc_auc - (peer.folds[k]?.roc_auc ?? NaN))) / foldCount),
          fit_time_ratio_wall: round(oursFit / peerFit, 2),
          fit_time_ratio_cpu: round(oursCpu / peerCpu, 2),
        },
        scoring: {
          trees: model.treeCount,
          rows: scoredRows,
          columns_rows_per_second: Math.round(scoredRows / scoreWall),
          columns_rows_per_cpu_second: Math.round(scoredRows / scoreCpu),
          row_major_rows_per_second: Math.round(scoredRows / rowsWall),
          row_major_rows_per_cpu_second: Math.round(scoredRows / rowsCpu),
        },
        tree_shap: { rows: shapRows, batch: 500, ...explained },
        load_average: loadavg().map((v) => round(v, 1)),
        machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
