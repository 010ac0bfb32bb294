import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadScorer } from '../../../models/loadScorer.js';
import { TrainError } from '../../../pipeline/errors/TrainError.js';
import { Duck, sqlString } from '../../../pipeline/db/Duck.js';
import { readFeatureFrame } from '../../../pipeline/frame/FeatureFrame.js';
import { runHmo } from '../../helpers/runHmo.js';
import { trainMessages } from '../../../pipeline/messages/train.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { silentContext } from '../../../pipeline/stage.js';
import { planTasks, trainModel, type TrainResult } from '../../../pipeline/train/trainModel.js';
import { runTrainTask } from '../../../pipeline/train/runTrainTask.js';
import { taskSeed } from '../../../pipeline/train/taskSeed.js';
import { leaveBoroughOutSplits, propertyGroups, type HeldOutSplit } from '../../../pipeline/train/validationPlan.js';
import { blendLogisticSettings, blendTreeSettings } from '../../../models/blend/blendComposition.js';
import { GradientBoostedTrees } from '../../../models/gbdt/GradientBoostedTrees.js';
import { Preprocessor } from '../../../models/Preprocessor.js';
import { syntheticTrainingFrame, writeTrainingFeatures } from '../../../scripts/bench/syntheticTrainingFeatures.js';

function smallParams(parallel: boolean): Params {
  const params = structuredClone(DEFAULT_PARAMS);
  params.train.mlp = { ...params.train.mlp, hidden_units: [8], epochs: 6, batch_size: 64 };
  params.train.gbdt = { ...params.train.gbdt, max_iter: 30 };
  params.train.models = ['logistic', 'mlp', 'gbdt'];
  params.train.max_borough_folds = 2;
  params.train.parallel_folds = parallel;
  return params;
}

/** Every file of a folder, by relative path, with metadata's created_at (and the threads setting, which only changes speed) blanked. */
function folderContents(dir: string): Map<string, string> {
  const contents = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else contents.set(relative(dir, path), readFileSync(path).toString('base64'));
    }
  };
  walk(dir);
  for (const [name, value] of contents) {
    if (name.endsWith('metadata.json')) {
      contents.set(name, Buffer.from(value, 'base64').toString('utf8').replace(/"created_at": "[^"]+"/, '"created_at": ""').replace(/"parallel_folds": (true|false)/g, '"parallel_folds": null'));
    }
  }
  return contents;
}

describe('trainModel', () => {
  const root = mkdtempSync(join(tmpdir(), 'hmo-train-'));
  const out = join(root, 'out');
  const frame = syntheticTrainingFrame({ boroughs: 3, rowsPerBorough: 150, seed: 21, noiseFeatures: 2 });
  let first: TrainResult;
  beforeAll(async () => {
    await writeTrainingFeatures(out, frame);
    first = await trainModel({ out, modelDir: join(out, 'model'), params: smallParams(false) }, silentContext);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('writes every model, the chosen one at the top, and says which and why', () => {
    const dir = join(out, 'model');
    const own: Record<string, string[]> = { logistic: ['logistic.json'], mlp: ['model.json', 'weights.bin'], gbdt: ['trees.json'] };
    for (const sub of ['', 'logistic', 'mlp', 'gbdt']) {
      for (const file of [...(own[sub === '' ? first.chosen : sub] ?? []), 'preprocessing.json', 'calibration.json', 'metadata.json']) expect(existsSync(join(dir, sub, file))).toBe(true);
    }
    const metadata = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
    expect(metadata.selection.chosen).toBe(first.chosen);
    expect(metadata.kind).toBe(first.chosen);
    expect(metadata.selection.criterion).toContain('leave-one-borough-out');
    expect(metadata.trained_on).toMatchObject({ boroughs: ['E09000001', 'E09000002', 'E09000003'], rows: 450 });
    expect(metadata.trained_on.data_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(metadata.seed).toBe(42);
    // The MLP runs on TensorFlow.js: its engine is recorded (a run without it loads none: see the blend test).
    expect(metadata.versions['@tensorflow/tfjs']).toBe('4.22.0');
    expect(metadata.backend.name).toBe('wasm');
    // Leave-borough-out with 3 boroughs in at most 2 folds; per-borough figures for both models and the yardstick.
    expect(metadata.metrics.lobo.folds).toHaveLength(2);
    for (const model of ['logistic', 'mlp', 'gbdt', 'complaint_led']) {
      expect(Object.keys(metadata.metrics.lobo.models[model].boroughs)).toEqual(['E09000001', 'E09000002', 'E09000003']);
      expect(metadata.metrics.lobo.models[model].overall.precision_at).toHaveProperty('100');
    }
    expect(metadata.metrics.temporal.test_rows).toBeGreaterThan(0);
    // The models learn the synthetic signal better than ordering by complaints.
    expect(metadata.metrics.lobo.models.logistic.overall.roc_auc).toBeGreaterThan(metadata.metrics.lobo.models.complaint_led.overall.roc_auc);
  });

  test('validation/predictions.parquet follows the contract: every labelled row once per scheme and model', async () => {
    const db = await Duck.open();
    try {
      const file = sqlString(join(out, 'model', 'validation', 'predictions.parquet'));
      const columns = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet(${file})`);
      expect(columns.map((c) => `${c.column_name} ${c.column_type}`)).toEqual([
        'scheme VARCHAR',
        'model VARCHAR',
        'fold VARCHAR',
        'borough_code VARCHAR',
        'uprn BIGINT',
        'inspection_date DATE',
        'label INTEGER',
        'raw_score DOUBLE',
        'score DOUBLE',
      ]);
      const counts = await db.json<{ scheme: string; model: string; n: string; folds: string; bad: string }>(
        `SELECT scheme, model, count(*) n, count(DISTINCT fold) folds, count(*) FILTER (WHERE score < 0 OR score > 1 OR score IS NULL) bad FROM read_parquet(${file}) GROUP BY ALL ORDER BY ALL`,
      );
      const temporalRows = String(first.metrics.temporal?.test_rows);
      expect(counts).toEqual([
        { scheme: 'lobo', model: 'gbdt', n: '450', folds: '2', bad: '0' },
        { scheme: 'lobo', model: 'logistic', n: '450', folds: '2', bad: '0' },
        { scheme: 'lobo', model: 'mlp', n: '450', folds: '2', bad: '0' },
        { scheme: 'temporal', model: 'gbdt', n: temporalRows, folds: '1', bad: '0' },
        { scheme: 'temporal', model: 'logistic', n: temporalRows, folds: '1', bad: '0' },
        { scheme: 'temporal', model: 'mlp', n: temporalRows, folds: '1', bad: '0' },
      ]);
      // In each leave-borough-out fold, the held-out rows are exactly that fold's boroughs.
      const mixed = await db.all(`SELECT fold, borough_code FROM read_parquet(${file}) WHERE scheme = 'lobo' AND position(borough_code IN fold) = 0`);
      expect(mixed).toEqual([]);
    } finally {
      db.close();
    }
  });

  test('the same data and seed give identical files (except created_at), on worker threads as in one thread', async () => {
    const again = join(root, 'again');
    await trainModel({ out, modelDir: again, params: smallParams(true) }, silentContext);
    expect(folderContents(again)).toEqual(folderContents(join(out, 'model')));
  });

  test('the artifact loads as a Scorer whose scores on the training rows rank HMOs first', async () => {
    const scorer = await loadScorer(join(out, 'model'));
    const train = await readFeatureFrame([join(out, 'features', 'E09000001', 'train.parquet')]);
    const p = scorer.score(train);
    const labels = train.label as Int8Array;
    const mean = (want: number) => {
      const values = Array.from(p).filter((_, i) => labels[i] === want);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(mean(1)).toBeGreaterThan(mean(0) + 0.2);
    const reasons = scorer.attribute(train, [0]);
    expect(reasons[0]).toHaveLength(train.numeric.size + train.categorical.size);
  });

  test('records the catalogue hash of the training files, and refuses files of different catalogues', async () => {
    const hashed = join(root, 'hashed');
    await writeTrainingFeatures(hashed, frame, { catalogueHash: 'a'.repeat(64) });
    const small = smallParams(false);
    small.train.models = ['logistic'];
    await trainModel({ out: hashed, modelDir: join(hashed, 'model'), params: small }, silentContext);
    const metadata = JSON.parse(readFileSync(join(hashed, 'model', 'metadata.json'), 'utf8'));
    expect(metadata.catalogue_hash).toBe('a'.repeat(64));
    expect(metadata.selection.chosen).toBe('logistic');
    // One borough rebuilt by another catalogue: training refuses the mixture.
    const mixed = join(root, 'mixed');
    await writeTrainingFeatures(mixed, frame, { catalogueHash: 'a'.repeat(64) });
    const other = join(root, 'other');
    await writeTrainingFeatures(other, frame, { catalogueHash: 'b'.repeat(64) });
    copyFileSync(join(other, 'features', 'E09000002', 'train.parquet'), join(mixed, 'features', 'E09000002', 'train.parquet'));
    await expect(trainModel({ out: mixed, modelDir: join(mixed, 'model'), params: small }, silentContext)).rejects.toThrow(
      trainMessages.mixedCatalogues(['a'.repeat(64), 'b'.repeat(64)]),
    );
    expect(existsSync(join(mixed, 'model'))).toBe(false);
  });

  test('uses only boroughs whose latest ingest succeeded, and records their extract dates', async () => {
    const partly = join(root, 'partly');
    await writeTrainingFeatures(partly, frame);
    const status = (code: string, ok: boolean) => ({
      borough_code: code,
      borough_name: null,
      status: ok ? 'ok' : 'failed',
      standard: 'hmo-harmonised/1.0',
      extract_date: ok ? '2026-09-30' : null,
      errors: [],
      warnings: [],
      tables: {},
    });
    for (const [code, ok] of [['E09000001', true], ['E09000002', true], ['E09000003', false]] as const) {
      mkdirSync(join(partly, 'ingest', code), { recursive: true });
      writeFileSync(join(partly, 'ingest', code, 'borough.json'), JSON.stringify(status(code, ok)));
    }
    const small = smallParams(false);
    small.train.models = ['logistic'];
    const warnings: string[] = [];
    const result = await trainModel(
      { out: partly, modelDir: join(partly, 'model'), params: small },
      { ...silentContext, log: { info: () => undefined, warn: (w) => warnings.push(w) } },
    );
    expect(result.boroughs).toEqual(['E09000001', 'E09000002']);
    expect(warnings).toContain(trainMessages.boroughNotUsable('E09000003'));
    const metadata = JSON.parse(readFileSync(join(partly, 'model', 'metadata.json'), 'utf8'));
    expect(metadata.trained_on.extract_dates).toEqual({ E09000001: '2026-09-30', E09000002: '2026-09-30' });
    expect(metadata.trained_on.rows).toBe(300);
  });

  test('with one borough: no leave-borough-out, selection and (isotonic) calibration on the temporal holdout', async () => {
    const single = join(root, 'single');
    await writeTrainingFeatures(single, syntheticTrainingFrame({ boroughs: 1, rowsPerBorough: 300, seed: 5 }));
    const params = smallParams(false);
    params.train.models = ['logistic'];
    params.train.calibration = 'isotonic';
    const warnings: string[] = [];
    const result = await trainModel(
      { out: single, modelDir: join(single, 'model'), params },
      { ...silentContext, log: { info: () => undefined, warn: (w) => warnings.push(w) } },
    );
    expect(warnings).toContain(trainMessages.loboSkipped('the training data come from one borough'));
    expect(result.metrics.lobo).toBeNull();
    expect(result.metrics.criterion).toContain('temporal holdout');
    expect(result.metrics.temporal?.test_rows).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(single, 'model', 'calibration.json'), 'utf8')).method).toBe('isotonic');
    const db = await Duck.open();
    try {
      const rows = await db.all<{ scheme: string; raw_score: number; score: number }>(
        `SELECT scheme, raw_score, score FROM read_parquet(${sqlString(join(single, 'model', 'validation', 'predictions.parquet'))})`,
      );
      expect(rows).toHaveLength(result.metrics.temporal?.test_rows ?? -1);
      // No older held-out scores to calibrate the temporal ones with: they are the plain sigmoid of the logit.
      for (const row of rows) expect(row.score).toBeCloseTo(1 / (1 + Math.exp(-row.raw_score)), 10);
    } finally {
      db.close();
    }
  });

  test('declared HMOs are fitted on but left out of validation, calibration and the predictions', async () => {
    const withDeclared = join(root, 'declared');
    const declared = Uint8Array.from({ length: frame.length }, (_, i) => (i % 5 === 0 && frame.label?.[i] === 1 ? 1 : 0));
    const declaredCount = declared.reduce((n, v) => n + v, 0);
    await writeTrainingFeatures(withDeclared, { ...frame, declared });
    const params = smallParams(false);
    params.train.models = ['logistic'];
    const result = await trainModel({ out: withDeclared, modelDir: join(withDeclared, 'model'), params }, silentContext);
    expect(declaredCount).toBeGreaterThan(10);
    expect(result.metrics.lobo?.models.logistic?.overall.rows).toBe(450 - declaredCount);
    expect(result.metrics.lobo?.models.complaint_led?.overall.rows).toBe(450 - declaredCount);
    // Every row is fitted on (the logistic regression, solved to convergence, holds no early-stopping sample back).
    expect(result.metrics.fits['final/logistic']?.rows).toBe(450);
    const calibration = JSON.parse(readFileSync(join(withDeclared, 'model', 'calibration.json'), 'utf8'));
    expect(calibration.fitted_on).toBe(450 - declaredCount);
    const metadata = JSON.parse(readFileSync(join(withDeclared, 'model', 'metadata.json'), 'utf8'));
    expect(metadata.trained_on.declared_rows).toBe(declaredCount);
    const db = await Duck.open();
    try {
      const file = sqlString(join(withDeclared, 'model', 'validation', 'predictions.parquet'));
      const declaredUprns = frame.uprn.filter((_, i) => declared[i] === 1);
      const leaked = await db.all(`SELECT uprn FROM read_parquet(${file}) WHERE CAST(uprn AS VARCHAR) IN (${declaredUprns.map(sqlString).join(', ')})`);
      expect(leaked).toEqual([]);
      const lobo = await db.json<{ n: string }>(`SELECT count(*) n FROM read_parquet(${file}) WHERE scheme = 'lobo'`);
      expect(lobo[0]?.n).toBe(String(450 - declaredCount));
    } finally {
      db.close();
    }
  });

  test('refuses to train on one outcome only: a clear message, exit 1, no model written', async () => {
    const oneClass = join(root, 'one-class');
    await writeTrainingFeatures(oneClass, { ...frame, label: new Int8Array(frame.length) });
    const promise = trainModel({ out: oneClass, modelDir: join(oneClass, 'model'), params: smallParams(false) }, silentContext);
    await expect(promise).rejects.toThrow(trainMessages.oneClass(450, 0));
    await expect(promise).rejects.toBeInstanceOf(TrainError);
    expect(existsSync(join(oneClass, 'model'))).toBe(false);
  });

  test('refuses to train with no labelled rows, and hmo train exits 1', async () => {
    const empty = join(root, 'empty');
    await writeTrainingFeatures(empty, { ...frame, length: 0 } as typeof frame);
    mkdirSync(join(empty, 'features', 'E09000001'), { recursive: true });
    const files = readdirSync(join(empty, 'features')).filter((b) => existsSync(join(empty, 'features', b, 'train.parquet')));
    const { code, stderr: printed } = await runHmo(['train', '--out', empty]);
    expect(code).toBe(1);
    expect(files.length).toBeGreaterThan(0);
    expect(printed).toContain('No labelled rows to train on');
    expect(existsSync(join(empty, 'model'))).toBe(false);
  });

  test('hmo train without features says to run hmo features first (exit 1)', async () => {
    const { code, stderr: printed } = await runHmo(['train', '--out', join(root, 'nothing')]);
    expect(code).toBe(1);
    expect(printed).toContain(trainMessages.noTrainingFiles(join(root, 'nothing', 'features')));
  });
});

describe('a composed learner (the blend) shares the fits of its parts', () => {
  const split = (fold: string, trainRows: number[], testRows: number[]): HeldOutSplit => ({ scheme: 'lobo', fold, trainRows, testRows });
  const splits = [split('A', [2, 3], [0, 1]), split('B', [0, 1], [2, 3])];
  const groups = Int32Array.from([0, 1, 2, 3]);

  test('by default the blend\'s logistic regression is the logistic regression\'s own fit of each fold; with other settings, or alone, it gets a fit of its own', () => {
    const train = DEFAULT_PARAMS.train;
    const plan = planTasks(['logistic', 'blend'], splits, groups, 42, train);
    expect(plan.tasks.map((t) => t.id)).toEqual(['final/blend/gbdt', 'final/logistic', 'lobo/A/blend/gbdt', 'lobo/B/blend/gbdt', 'lobo/A/logistic', 'lobo/B/logistic']);
    expect(plan.composed).toEqual([
      { id: 'final/blend', kind: 'blend', parts: ['final/blend/gbdt', 'final/logistic'] },
      { id: 'lobo/A/blend', kind: 'blend', parts: ['lobo/A/blend/gbdt', 'lobo/A/logistic'] },
      { id: 'lobo/B/blend', kind: 'blend', parts: ['lobo/B/blend/gbdt', 'lobo/B/logistic'] },
    ]);
    expect(plan.fits).toEqual(['final/blend', 'final/logistic', 'lobo/A/blend', 'lobo/B/blend', 'lobo/A/logistic', 'lobo/B/logistic']);
    const trees = plan.tasks.find((t) => t.id === 'lobo/A/blend/gbdt');
    // The trees keep the seed the blend's id gives (as when the blend fitted both parts itself).
    expect(trees).toMatchObject({ kind: 'gbdt', seed: taskSeed(42, 'lobo/A/blend'), settings: blendTreeSettings(train.blend), trainRows: [2, 3], testRows: [0, 1] });
    expect(plan.tasks.find((t) => t.id === 'lobo/A/logistic')).toMatchObject({ seed: taskSeed(42, 'lobo/A/logistic'), trainRows: [2, 3] });
    expect(plan.tasks.find((t) => t.id === 'lobo/A/logistic')?.settings).toBeUndefined();

    const otherEpochs = { ...train, logistic: { ...train.logistic, epochs: 5 } };
    const separate = planTasks(['logistic', 'blend'], splits, groups, 42, otherEpochs);
    expect(separate.tasks.map((t) => t.id)).toEqual(expect.arrayContaining(['lobo/A/blend/logistic', 'lobo/A/logistic']));
    expect(separate.tasks.find((t) => t.id === 'lobo/A/blend/logistic')).toMatchObject({ kind: 'logistic', settings: blendLogisticSettings(train.blend), seed: taskSeed(42, 'lobo/A/blend') });
    expect(planTasks(['blend'], splits, groups, 42, train).tasks.map((t) => t.id)).toEqual([
      'final/blend/gbdt',
      'final/blend/logistic',
      'lobo/A/blend/gbdt',
      'lobo/A/blend/logistic',
      'lobo/B/blend/gbdt',
      'lobo/B/blend/logistic',
    ]);
  });

  test('end to end: the blend\'s held-out logits are (1 - w) x its trees + w x the logistic regression\'s own held-out logits, and its model scores like that', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hmo-train-blend-'));
    try {
      const out = join(root, 'out');
      const frame = syntheticTrainingFrame({ boroughs: 3, rowsPerBorough: 150, seed: 22, noiseFeatures: 2 });
      await writeTrainingFeatures(out, frame);
      const params = smallParams(false);
      params.train.models = ['logistic', 'blend'];
      params.train.blend = { ...params.train.blend, max_iter: 20, logistic_max_iter: params.train.logistic.max_iter, logistic_tol: params.train.logistic.tol };
      const result = await trainModel({ out, modelDir: join(out, 'model'), params }, silentContext);
      expect(Object.keys(result.metrics.fits)).toContain('lobo/E09000001+E09000003/blend');
      // Neither learner runs on TensorFlow.js: no engine is started or recorded.
      expect(result.backend.name).toBe('typescript');
      const metadata = JSON.parse(readFileSync(join(out, 'model', 'metadata.json'), 'utf8'));
      expect(Object.keys(metadata.versions)).toEqual(['node']);
      expect(metadata.backend.reason).toBe(trainMessages.noEngine(['logistic', 'blend']));
      const read = await readFeatureFrame(['E09000001', 'E09000002', 'E09000003'].map((b) => join(out, 'features', b, 'train.parquet')));
      const w = params.train.blend.logistic_weight;
      const db = await Duck.open();
      try {
        const file = sqlString(join(out, 'model', 'validation', 'predictions.parquet'));
        const rows = await db.json<{ fold: string; uprn: string; blend: number; logistic: number }>(
          `SELECT fold, uprn::VARCHAR uprn, max(raw_score) FILTER (WHERE model = 'blend') blend, max(raw_score) FILTER (WHERE model = 'logistic') logistic FROM read_parquet(${file}) WHERE scheme = 'lobo' GROUP BY ALL ORDER BY ALL`,
        );
        expect(rows.length).toBeGreaterThan(100);
        const groupsOf = propertyGroups(read);
        for (const fold of leaveBoroughOutSplits(read, params.train.max_borough_folds)) {
          const id = `lobo/${fold.fold}/blend`;
          const trees = await runTrainTask(read, { id: `${id}/gbdt`, kind: 'gbdt', seed: taskSeed(params.seed, id), settings: blendTreeSettings(params.train.blend), trainRows: fold.trainRows, trainGroups: fold.trainRows.map((i) => groupsOf[i] as number), testRows: fold.testRows, keep: false }, params.train);
          const treesOf = new Map(fold.testRows.map((row, k) => [read.uprn[row], trees.testLogits[k] as number]));
          const mine = rows.filter((r) => r.fold === fold.fold);
          expect(mine.length).toBeGreaterThan(0);
          for (const r of mine) expect(r.blend).toBeCloseTo((1 - w) * (treesOf.get(r.uprn) as number) + w * r.logistic, 10);
        }
      } finally {
        db.close();
      }
      // The saved blend scores (1 - w) x its trees + w x the saved logistic regression.
      const blend = await loadScorer(join(out, 'model', 'blend'));
      const logistic = await loadScorer(join(out, 'model', 'logistic'));
      const trees = GradientBoostedTrees.fromJSON(JSON.parse(readFileSync(join(out, 'model', 'blend', 'trees.json'), 'utf8')));
      const rawPre = Preprocessor.fromJSON(JSON.parse(readFileSync(join(out, 'model', 'blend', 'preprocessing.json'), 'utf8')));
      const treeLogits = trees.predictMarginRows(rawPre.transform(read));
      const b = blend.rawScore(read);
      const l = logistic.rawScore(read);
      for (let i = 0; i < read.length; i++) expect(b[i]).toBeCloseTo((1 - w) * (treeLogits[i] as number) + w * (l[i] as number), 5);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
