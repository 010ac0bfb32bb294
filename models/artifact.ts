import { join } from 'node:path';
import { writeFileAtomic } from '../pipeline/util/atomicWrite.js';
import type { CalibrationJson } from './Calibrator.js';
import type { FitReport, ModelFiles } from './Learner.js';
import type { PreprocessorJson } from './Preprocessor.js';
import type { ModelMetadata } from './Scorer.js';

/** File names inside a model folder besides the learner's own (`LearnerImplementation.files`, e.g. model.json and weights.bin). */
export const ARTIFACT_FILES = {
  metadata: 'metadata.json',
  preprocessing: 'preprocessing.json',
  calibration: 'calibration.json',
  validationDir: 'validation',
  predictions: join('validation', 'predictions.parquet'),
} as const;

/** metadata.json: the Scorer contract's ModelMetadata plus how this model was trained and chosen. */
export interface ArtifactMetadata extends ModelMetadata {
  /** `hmo-model/1`: the layout of this folder. */
  format: string;
  backend: { name: string; reason: string };
  /** The final fit on all labelled rows. */
  training: FitReport;
  /** In the run's top-level folder: which model was chosen, by what rule, and the models kept for comparison. */
  selection?: {
    chosen: string;
    criterion: string;
    scores: Partial<Record<string, number | null>>;
    candidates: Partial<Record<string, string>>;
  };
}

/** Everything one model folder holds. */
export interface ModelFolder {
  /** The learner's own files (`FittedModel.files()`). */
  files: ModelFiles;
  preprocessing: PreprocessorJson;
  calibration: CalibrationJson;
  metadata: ArtifactMetadata;
}

/**
 * Writes one self-contained model folder: the learner's files (model.json +
 * weights.bin for a network), preprocessing.json, calibration.json, metadata.json. JSON is written with
 * a fixed key order and layout, so the same model gives the same bytes.
 *
 * @example
 *   writeModelFolder(join(tmp, 'logistic'), { files, preprocessing, calibration, metadata });
 */
export function writeModelFolder(dir: string, folder: ModelFolder): void {
  for (const [name, content] of Object.entries(folder.files)) writeFileAtomic(join(dir, name), content);
  writeFileAtomic(join(dir, ARTIFACT_FILES.preprocessing), jsonText(folder.preprocessing));
  writeFileAtomic(join(dir, ARTIFACT_FILES.calibration), jsonText(folder.calibration));
  writeFileAtomic(join(dir, ARTIFACT_FILES.metadata), jsonText(folder.metadata));
}

/** JSON as written in the artifact: two-space indent, NaN and infinities as null, final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
