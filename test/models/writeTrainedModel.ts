import { writeModelFolder, type ArtifactMetadata } from '../../models/artifact.js';
import { Calibrator } from '../../models/Calibrator.js';
import { frameCatalogueHash } from '../../models/catalogueVersion.js';
import type { ModelKind } from '../../models/learners.js';
import type { FeatureFrame } from '../../pipeline/frame/FeatureFrame.js';
import type { Params } from '../../pipeline/params/Params.js';
import { runTrainTask } from '../../pipeline/train/runTrainTask.js';

/**
 * Trains one model of `kind` on `trainRows` (seed 5), calibrates it on its
 * logits for `testRows` and writes a complete model folder to `dir`, as the
 * train stage would: the learner tests' shared fixture.
 *
 * @example
 *   const all = Array.from({ length: frame.length }, (_, i) => i);
 *   const result = await writeTrainedModel(dir, frame, 'gbdt', all, all, settings);
 */
export async function writeTrainedModel(dir: string, frame: FeatureFrame, kind: ModelKind, trainRows: number[], testRows: number[], settings: Params['train']) {
  const result = await runTrainTask(frame, { id: kind, kind, seed: 5, trainRows, testRows, keep: true }, settings);
  if (result.model === undefined) throw new Error(`no ${kind} model`);
  const calibration = Calibrator.fit('platt', result.testLogits, testRows.map((i) => frame.label?.[i] as number)).toJSON();
  const metadata = {
    format: 'hmo-model/1',
    model_id: `${kind}-test`,
    kind,
    created_at: '2026-01-01T00:00:00.000Z',
    catalogue_hash: frameCatalogueHash(frame) ?? '',
    features: [...frame.numeric.keys(), ...frame.categorical.keys()],
    trained_on: { boroughs: ['E09000001'], extract_dates: {}, rows: frame.length, positives: 0, data_fingerprint: 'x' },
    seed: 5,
    params: {},
    metrics: {},
    versions: {},
    backend: { name: 'wasm', reason: 'test' },
    training: result.report,
  } satisfies ArtifactMetadata;
  writeModelFolder(dir, { files: result.model.files, preprocessing: result.model.preprocessing, calibration, metadata });
  return { ...result, model: result.model };
}
