import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureFrame } from '../pipeline/frame/FeatureFrame.js';
import { trainMessages as m } from '../pipeline/messages/train.js';
import { ARTIFACT_FILES, type ArtifactMetadata } from './artifact.js';
import { Calibrator, type CalibrationJson } from './Calibrator.js';
import { frameCatalogueHash } from './catalogueVersion.js';
import type { LoadedModel } from './Learner.js';
import { learnerOf, MODEL_KINDS } from './learners.js';
import { Preprocessor, type PreprocessorJson } from './Preprocessor.js';
import type { Attribution, Scorer } from './Scorer.js';

/**
 * Loads a model folder written by `hmo train` (the run's folder, holding the
 * chosen model, or one of its per-learner sub-folders) as a Scorer, through
 * the learner its metadata names (models/learners.ts): calibrated scores,
 * logits, and per-feature attributions (the learner's per-column
 * contributions, e.g. integrated gradients against the training rows' mean
 * input, summed back from one-hot and missing-indicator columns to catalogue
 * features).
 *
 * @example
 *   const scorer = await loadScorer('out/model');
 *   scorer.checkFrame(frame);
 *   const p = scorer.score(frame);
 *   const reasons = scorer.attribute(frame, [0, 1, 2]);
 */
export async function loadScorer(dir: string): Promise<Scorer> {
  for (const file of [ARTIFACT_FILES.metadata, ARTIFACT_FILES.preprocessing, ARTIFACT_FILES.calibration]) {
    if (!existsSync(join(dir, file))) throw new Error(m.notAModelFolder(dir, file));
  }
  const metadata = JSON.parse(readFileSync(join(dir, ARTIFACT_FILES.metadata), 'utf8')) as ArtifactMetadata;
  const learner = learnerOf(String(metadata.kind));
  if (learner === undefined) throw new Error(m.unknownModelKind(dir, String(metadata.kind), MODEL_KINDS));
  const implementation = await learner.implementation();
  const missing = implementation.files.find((file) => !existsSync(join(dir, file)));
  // A folder of an earlier format of the learner (implementation.legacyFiles) loads too.
  const legacy = (implementation.legacyFiles ?? []).some((set) => set.every((file) => existsSync(join(dir, file))));
  if (missing !== undefined && !legacy) throw new Error(m.notAModelFolder(dir, missing));
  const preprocessor = Preprocessor.fromJSON(JSON.parse(readFileSync(join(dir, ARTIFACT_FILES.preprocessing), 'utf8')) as PreprocessorJson);
  const calibrator = Calibrator.fromJSON(JSON.parse(readFileSync(join(dir, ARTIFACT_FILES.calibration), 'utf8')) as CalibrationJson);
  const model = await implementation.load(dir);
  return new ArtifactScorer(dir, metadata, preprocessor, calibrator, model);
}

class ArtifactScorer implements Scorer {
  private readonly numeric: Set<string>;
  private readonly categorical: Set<string>;

  constructor(
    private readonly dir: string,
    readonly metadata: ArtifactMetadata,
    private readonly preprocessor: Preprocessor,
    private readonly calibrator: Calibrator,
    private readonly model: LoadedModel,
  ) {
    const spec = preprocessor.toJSON();
    this.numeric = new Set(spec.numeric.map((n) => n.feature));
    this.categorical = new Set(spec.categorical.map((c) => c.feature));
  }

  checkFrame(frame: FeatureFrame): void {
    const missing: string[] = [];
    const wrongKind: string[] = [];
    for (const name of this.numeric) {
      if (!frame.numeric.has(name)) (frame.categorical.has(name) ? wrongKind : missing).push(name);
    }
    for (const name of this.categorical) {
      if (!frame.categorical.has(name)) (frame.numeric.has(name) ? wrongKind : missing).push(name);
    }
    const known = new Set([...this.numeric, ...this.categorical]);
    const extra = [...frame.numeric.keys(), ...frame.categorical.keys()].filter((name) => !known.has(name));
    if (missing.length + extra.length + wrongKind.length > 0) {
      throw new Error(m.featuresMismatch(this.dir, missing.sort(), extra.sort(), wrongKind.sort()));
    }
    // Frames built in memory carry no catalogue hash; those read from feature files must match the model's.
    if (frame.catalogueHashes !== undefined && frameCatalogueHash(frame) !== this.metadata.catalogue_hash) {
      throw new Error(m.catalogueMismatch(this.dir, this.metadata.catalogue_hash, frame.catalogueHashes));
    }
  }

  rawScore(frame: FeatureFrame): Float64Array {
    this.checkFrame(frame);
    return this.model.logits(this.preprocessor.transform(frame), this.preprocessor.width);
  }

  score(frame: FeatureFrame): Float64Array {
    return this.calibrator.apply(this.rawScore(frame));
  }

  attribute(frame: FeatureFrame, rows: readonly number[]): Attribution[][] {
    this.checkFrame(frame);
    for (const row of rows) {
      if (!Number.isInteger(row) || row < 0 || row >= frame.length) throw new RangeError(m.rowOutOfRange(row, frame.length));
    }
    const width = this.preprocessor.width;
    const contributions = this.model.attribute(this.preprocessor.transform(frame, rows), width, this.preprocessor.toJSON().reference);
    const features = this.preprocessor.features;
    const featureIndex = new Map(features.map((f, i) => [f, i]));
    const columnFeature = this.preprocessor.columns.map((c) => featureIndex.get(c.feature) as number);
    return rows.map((_, r) => {
      const sums = new Float64Array(features.length);
      for (let j = 0; j < width; j++) sums[columnFeature[j] as number] = (sums[columnFeature[j] as number] as number) + (contributions[r * width + j] as number);
      return features
        .map((feature, i) => ({ feature, contribution: sums[i] as number }))
        .sort((a, b) => b.contribution - a.contribution || (a.feature < b.feature ? -1 : 1));
    });
  }
}
