// Report-only check of training against the simulation truth (synthetic drops only; truth never feeds training).
// For every borough: the leave-borough-out fold models that never saw it (refitted exactly as `hmo train` fits them:
// same splits, same seeds) score all its properties (OUT/features/<borough>/score.parquet); the top 100 are checked
// against truth.csv's is_hmo, beside the complaint-led ordering (most complaints in the last 12 months first).
// Usage: node dist/scripts/bench/trainingTruthCheck.js --out OUT --truth truth.csv [--params FILE] [--k 100]
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import type { LoadedModel } from '../../models/Learner.js';
import { precisionAtK } from '../../models/metrics.js';
import { LEARNERS, type ModelKind } from '../../models/learners.js';
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

const scratch = mkdtempSync(join(tmpdir(), 'hmo-truth-check-'));
const boroughs = readdirSync(layout.featuresDir).filter((b) => existsSync(layout.trainingFeatures(b))).sort();
const training = await readFeatureFrame(boroughs.map((b) => layout.trainingFeatures(b)));
const splits = leaveBoroughOutSplits(training, params.train.max_borough_folds);
const rows: Array<Record<string, string | number>> = [];
for (const split of splits) {
  const fitted = new Map<ModelKind, { pre: Preprocessor; model: LoadedModel }>();
  for (const kind of params.train.models) {
    const id = `lobo/${split.fold}/${kind}`;
    const result = await runTrainTask(training, { id, kind, seed: taskSeed(params.seed, id), trainRows: split.trainRows, testRows: [], keep: true }, params.train);
    if (result.model === undefined) throw new Error(`no model for ${id}`);
    // Through the learner's own loader, as the Scorer would: any learner of the registry.
    const dir = mkdtempSync(join(scratch, `${kind}-`));
    for (const [name, content] of Object.entries(result.model.files)) writeFileSync(join(dir, name), content);
    fitted.set(kind, { pre: Preprocessor.fromJSON(result.model.preprocessing), model: await (await LEARNERS[kind].implementation()).load(dir) });
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
    for (const [kind, { pre, model }] of fitted) order(model.logits(pre.transform(frame), pre.width), kind);
    const complaints = complaintLedScores(frame);
    if (complaints !== undefined) order(complaints, 'complaint_led');
    rows.push(row);
  }
}
rmSync(scratch, { recursive: true, force: true });
const columns = Object.keys(rows[0] ?? {});
process.stdout.write(`| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n`);
for (const row of rows) process.stdout.write(`| ${columns.map((c) => String(row[c])).join(' | ')} |\n`);
