// Report-only check of training against the simulation truth (synthetic drops only; truth never feeds training).
// For every borough: the leave-borough-out fold models that never saw it (refitted exactly as `hmo train` fits them:
// same splits, same seeds) score all its properties (OUT/features/<borough>/score.parquet); the top 100 are checked
// against truth.csv's is_hmo, beside the complaint-led ordering (most complaints in the last 12 months first).
// Usage: node dist/scripts/bench/trainingTruthCheck.js --out OUT --truth truth.csv [--params FILE] [--k 100]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { initBackend } from '../../models/tfjs/backend.js';
import { precisionAtK } from '../../models/metrics.js';
import type { ModelKind } from '../../models/learners.js';
import { MODEL_JSON, networkFromFiles, WEIGHTS_BIN } from '../../models/tfjs/modelFiles.js';
import { predictLogits } from '../../models/tfjs/network.js';
import { Preprocessor } from '../../models/Preprocessor.js';
import { readFeatureFrame } from '../../pipeline/frame/FeatureFrame.js';
import { outputLayout } from '../../pipeline/layout.js';
import { loadParams } from '../../pipeline/params/loadParams.js';
import { complaintLedScores } from '../../pipeline/train/complaintLed.js';
import { runTrainTask } from '../../pipeline/train/runTrainTask.js';
import { taskSeed } from '../../pipeline/train/taskSeed.js';
import { leaveBoroughOutSplits } from '../../pipeline/train/validationPlan.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, truth: { type: 'string' }, params: { type: 'string' }, k: { type: 'string', default: '100' } } });
if (values.out === undefined || values.truth === undefined) {
  process.stderr.write('Usage: trainingTruthCheck --out OUT --truth truth.csv [--params FILE] [--k 100]\n');
  process.exit(2);
}
const k = Number(values.k);
const params = loadParams(values.params);
const layout = outputLayout(values.out);
const truthRows = Papa.parse<{ uprn: string; borough_code: string; is_hmo: string; is_licensed: string }>(readFileSync(values.truth, 'utf8'), { header: true, skipEmptyLines: true }).data;
const truth = new Map(truthRows.map((r) => [`${r.borough_code}/${r.uprn}`, { hmo: r.is_hmo === 'true' || r.is_hmo === '1', licensed: r.is_licensed === 'true' || r.is_licensed === '1' }]));

await initBackend();
const boroughs = readdirSync(layout.featuresDir).filter((b) => existsSync(layout.trainingFeatures(b))).sort();
const training = await readFeatureFrame(boroughs.map((b) => layout.trainingFeatures(b)));
const splits = leaveBoroughOutSplits(training, params.train.max_borough_folds);
const rows: Array<Record<string, string | number>> = [];
for (const split of splits) {
  const fitted = new Map<ModelKind, { pre: Preprocessor; network: Awaited<ReturnType<typeof networkFromFiles>> }>();
  for (const kind of params.train.models) {
    const id = `lobo/${split.fold}/${kind}`;
    const result = await runTrainTask(training, { id, kind, seed: taskSeed(params.seed, id), trainRows: split.trainRows, testRows: [], keep: true }, params.train);
    if (result.model === undefined) throw new Error(`no model for ${id}`);
    fitted.set(kind, { pre: Preprocessor.fromJSON(result.model.preprocessing), network: await networkFromFiles({ modelJson: result.model.files[MODEL_JSON] as string, weights: result.model.files[WEIGHTS_BIN] as Uint8Array }) });
  }
  for (const borough of split.fold.split('+')) {
    const frame = await readFeatureFrame([layout.scoringFeatures(borough)]);
    const labels = frame.uprn.map((u) => (truth.get(`${borough}/${u}`)?.hmo === true ? 1 : 0));
    const undeclared = frame.uprn.map((u) => {
      const t = truth.get(`${borough}/${u}`);
      return t?.hmo === true && !t.licensed ? 1 : 0;
    });
    const row: Record<string, string | number> = { borough, properties: frame.length, hmos: labels.reduce<number>((a, b) => a + b, 0) };
    const order = (scores: ArrayLike<number>, name: string) => {
      row[`${name}_p@${k}`] = Number(precisionAtK(scores, labels, k).toFixed(3));
      row[`${name}_undeclared@${k}`] = Math.round(precisionAtK(scores, undeclared, k) * Math.min(k, frame.length));
    };
    for (const [kind, model] of fitted) order(predictLogits(model.network, model.pre.transform(frame), model.pre.width), kind);
    const complaints = complaintLedScores(frame);
    if (complaints !== undefined) order(complaints, 'complaint_led');
    rows.push(row);
  }
  for (const model of fitted.values()) model.network.dispose();
}
const columns = Object.keys(rows[0] ?? {});
process.stdout.write(`| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n`);
for (const row of rows) process.stdout.write(`| ${columns.map((c) => String(row[c])).join(' | ')} |\n`);
