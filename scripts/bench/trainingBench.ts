// Training benchmark: `hmo train` on a synthetic London-scale training frame.
// Usage: node dist/scripts/bench/trainingBench.js [--boroughs 33] [--rows-per-borough 5300] [--noise 41] [--models logistic,mlp] [--sequential] [--keep DIR]
// Prints one JSON object: rows, inputs, wall seconds per phase, peak resident memory (all threads), chosen model, metrics.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isModelKind, MODEL_KINDS, type ModelKind } from '../../models/learners.js';
import { DEFAULT_PARAMS } from '../../pipeline/params/Params.js';
import type { StageContext } from '../../pipeline/stage.js';
import { trainModel } from '../../pipeline/train/trainModel.js';
import { syntheticTrainingFrame, writeTrainingFeatures } from './syntheticTrainingFeatures.js';

const { values } = parseArgs({
  options: {
    boroughs: { type: 'string', default: '33' },
    'rows-per-borough': { type: 'string', default: '5300' },
    noise: { type: 'string', default: '41' },
    models: { type: 'string' },
    sequential: { type: 'boolean', default: false },
    keep: { type: 'string' },
  },
});

const root = values.keep ?? mkdtempSync(join(tmpdir(), 'hmo-train-bench-'));
const progress: string[] = [];
const ctx: StageContext = {
  log: { info: (m) => process.stderr.write(`${m}\n`), warn: (m) => process.stderr.write(`Warning: ${m}\n`) },
  progress: {
    start: (task, total) => progress.push(`${task}: ${total}`),
    update: (done) => process.stderr.write(`\r  fits done: ${done}`),
    finish: () => process.stderr.write('\n'),
  },
};

try {
  let t = performance.now();
  const frame = syntheticTrainingFrame({
    boroughs: Number(values.boroughs),
    rowsPerBorough: Number(values['rows-per-borough']),
    seed: 7,
    noiseFeatures: Number(values.noise),
  });
  await writeTrainingFeatures(root, frame);
  const prepareSeconds = (performance.now() - t) / 1000;
  const params = structuredClone(DEFAULT_PARAMS);
  params.train.parallel_folds = !values.sequential;
  if (values.models !== undefined) {
    const kinds = values.models.split(',').map((kind) => kind.trim());
    for (const kind of kinds) if (!isModelKind(kind)) throw new Error(`--models: "${kind}" is not a learner (${MODEL_KINDS.join(', ')})`);
    params.train.models = kinds as ModelKind[];
  }
  t = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await trainModel({ out: root, modelDir: join(root, 'model'), params }, ctx);
  const trainSeconds = (performance.now() - t) / 1000;
  // CPU time of the whole process, worker threads included: comparable on a busy shared machine where wall time is not.
  const cpu = process.cpuUsage(cpuBefore);
  const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const lobo = result.metrics.lobo?.models;
  console.log(
    JSON.stringify(
      {
        rows: result.rows,
        boroughs: result.boroughs.length,
        features: frame.numeric.size + frame.categorical.size,
        backend: result.backend.name,
        parallel_folds: params.train.parallel_folds,
        prepare_seconds: Number(prepareSeconds.toFixed(1)),
        train_seconds: Number(trainSeconds.toFixed(1)),
        train_cpu_seconds: Number(trainCpuSeconds.toFixed(1)),
        load_average: loadavg().map((v) => Number(v.toFixed(1))),
        epochs: result.metrics.fits,
        // maxRSS covers the whole process, worker threads included (kilobytes).
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
        chosen: result.chosen,
        lobo_auc: Object.fromEntries(Object.entries(lobo ?? {}).map(([k, v]) => [k, Number(v.overall.roc_auc.toFixed(3))])),
        machine: { cpu: cpus()[0]?.model, cores: cpus().length, ram_gb: Math.round(totalmem() / 2 ** 30), node: process.version },
      },
      null,
      2,
    ),
  );
} finally {
  if (values.keep === undefined) rmSync(root, { recursive: true, force: true });
}
