import { join } from 'node:path';
import { writeFileAtomic } from '../pipeline/util/atomicWrite.js';
import type { CalibrationJson } from './Calibrator.js';
import type { FitReport } from './fitNetwork.js';
import { writeNetworkFiles, type NetworkFiles } from './modelFiles.js';
import type { ModelKind } from './network.js';
import type { PreprocessorJson } from './Preprocessor.js';
import type { ModelMetadata } from './Scorer.js';

/** File names inside a model folder (model.json and weights.bin are in modelFiles.ts). */
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
    chosen: ModelKind;
    criterion: string;
    scores: Partial<Record<ModelKind, number | null>>;
    candidates: Partial<Record<ModelKind, string>>;
  };
}

/** Everything one model folder holds. */
export interface ModelFolder {
  network: NetworkFiles;
  preprocessing: PreprocessorJson;
  calibration: CalibrationJson;
  metadata: ArtifactMetadata;
}

/**
 * Writes one self-contained model folder: model.json + weights.bin (tfjs),
 * preprocessing.json, calibration.json, metadata.json. JSON is written with
 * a fixed key order and layout, so the same model gives the same bytes.
 *
 * @example
 *   writeModelFolder(join(tmp, 'logistic'), { network, preprocessing, calibration, metadata });
 */
export function writeModelFolder(dir: string, folder: ModelFolder): void {
  writeNetworkFiles(dir, folder.network);
  writeFileAtomic(join(dir, ARTIFACT_FILES.preprocessing), jsonText(folder.preprocessing));
  writeFileAtomic(join(dir, ARTIFACT_FILES.calibration), jsonText(folder.calibration));
  writeFileAtomic(join(dir, ARTIFACT_FILES.metadata), jsonText(folder.metadata));
}

/** JSON as written in the artifact: two-space indent, NaN and infinities as null, final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
