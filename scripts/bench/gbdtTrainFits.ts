// The gradient-boosted tree fits `hmo train` makes (every fold and the final fit, the blend's trees included), one after
// the other in this thread, each timed in CPU seconds, with a digest of what it produced (held-out logits, and the saved
// trees of the final fit) so that two builds can be checked for bit-identical models.
// Usage: node dist/scripts/bench/gbdtTrainFits.js --features OUT [--only ID-SUBSTRING] [--params params.json]
//   OUT: a run's output folder holding features/<borough>/train.parquet (as `hmo features` wrote it).
// Prints one line per fit (id, rows, trees kept / grown, CPU s, wall s, digest) and the totals; with --json, one JSON object.
// Profile a fit with `node --cpu-prof --cpu-prof-dir /tmp/prof dist/scripts/bench/gbdtTrainFits.js --features OUT --only final`.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readFeatureFrame } from '../../pipeline/frame/FeatureFrame.js';
import { outputLayout } from '../../pipeline/layout.js';
import { DEFAULT_PARAMS, type Params } from '../../pipeline/params/Params.js';
import { runTrainTask } from '../../pipeline/train/runTrainTask.js';
import { planTasks } from '../../pipeline/train/trainModel.js';
import { leaveBoroughOutSplits, propertyGroups, temporalSplit } from '../../pipeline/train/validationPlan.js';

const { values } = parseArgs({
  options: {
    features: { type: 'string' },
    only: { type: 'string' },
    params: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
if (values.features === undefined) throw new Error('--features OUT is required (a folder holding features/<borough>/train.parquet)');
const out = values.features;
const root = join(out, 'features');
if (!existsSync(root)) throw new Error(`no features folder at ${root}: run \`hmo features --out ${out}\` first`);
const layout = outputLayout(out);
const files = readdirSync(root)
  .sort()
  .map((code) => layout.trainingFeatures(code))
  .filter((file) => existsSync(file));
const frame = await readFeatureFrame(files);
const train: Params['train'] =
  values.params === undefined ? DEFAULT_PARAMS.train : { ...DEFAULT_PARAMS.train, ...(JSON.parse(readFileSync(values.params, 'utf8')) as { train?: Partial<Params['train']> }).train };
const temporal = temporalSplit(frame, train.temporal_holdout_fraction);
const splits = [...leaveBoroughOutSplits(frame, train.max_borough_folds), ...(temporal === undefined ? [] : [temporal.split])];
const kinds = train.models.includes('gbdt') || train.models.includes('blend') ? train.models : [...train.models, 'gbdt' as const];
const { tasks } = planTasks(kinds, splits, propertyGroups(frame), DEFAULT_PARAMS.seed, train);
const treeTasks = tasks.filter((t) => t.kind === 'gbdt' && (values.only === undefined || t.id.includes(values.only)));

interface FitFigures {
  id: string;
  rows: number;
  trees: number;
  grown: number;
  cpuSeconds: number;
  wallSeconds: number;
  digest: string;
}
const fits: FitFigures[] = [];
for (const task of treeTasks) {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const result = await runTrainTask(frame, { ...task, keep: true }, train);
  const cpu = process.cpuUsage(cpu0);
  const wallSeconds = (performance.now() - wall0) / 1000;
  const hash = createHash('sha256').update(Buffer.from(result.testLogits.buffer, result.testLogits.byteOffset, result.testLogits.byteLength));
  for (const [name, content] of Object.entries(result.model?.files ?? {}).sort(([a], [b]) => a.localeCompare(b))) hash.update(name).update(content);
  const figures: FitFigures = {
    id: task.id,
    rows: task.trainRows.length,
    trees: result.report.best_epoch,
    grown: result.report.epochs_run,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds,
    digest: hash.digest('hex').slice(0, 16),
  };
  fits.push(figures);
  if (!values.json) {
    console.log(
      `${figures.id.padEnd(36)} ${String(figures.rows).padStart(8)} rows  ${String(figures.trees).padStart(4)}/${String(figures.grown).padEnd(4)} trees  ${figures.cpuSeconds.toFixed(2).padStart(7)} CPU s  ${figures.wallSeconds.toFixed(2).padStart(7)} wall s  ${figures.digest}`,
    );
  }
}
const totalCpu = fits.reduce((s, f) => s + f.cpuSeconds, 0);
const totalWall = fits.reduce((s, f) => s + f.wallSeconds, 0);
if (values.json) console.log(JSON.stringify({ source: out, rows: frame.length, fits, totalCpuSeconds: totalCpu, totalWallSeconds: totalWall }, null, 2));
else console.log(`${fits.length} fits on ${frame.length} labelled rows: ${totalCpu.toFixed(2)} CPU s, ${totalWall.toFixed(2)} wall s`);
