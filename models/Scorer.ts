import type { FeatureFrame } from '../pipeline/frame/FeatureFrame.js';

/** One catalogue feature's contribution to a property's score (in logit units; positive pushes towards HMO). */
export interface Attribution {
  feature: string;
  contribution: number;
}

/** What a trained model says about itself (models/<artifact>/metadata.json). */
export interface ModelMetadata {
  model_id: string;
  /** The learner (a key of models/learners.ts). */
  kind: string;
  created_at: string;
  catalogue_hash: string;
  /** The catalogue features the model reads, in order. */
  features: string[];
  trained_on: {
    boroughs: string[];
    extract_dates: Record<string, string>;
    rows: number;
    positives: number;
    data_fingerprint: string;
  };
  seed: number;
  params: unknown;
  metrics: unknown;
  versions: Record<string, string>;
}

/**
 * A trained model, loaded for scoring (implemented in models/ by the artifact
 * loader `loadScorer(dir)`). Rank and evaluate use only this interface.
 */
export interface Scorer {
  readonly metadata: ModelMetadata;
  /** Throws, naming the difference, when the frame's features are not the ones the model was trained on. */
  checkFrame(frame: FeatureFrame): void;
  /** Calibrated probability of being an HMO, one per row of the frame. */
  score(frame: FeatureFrame): Float64Array;
  /** Uncalibrated model output (logit), one per row. */
  rawScore(frame: FeatureFrame): Float64Array;
  /** For each requested row index, every catalogue feature's contribution, largest first. */
  attribute(frame: FeatureFrame, rows: readonly number[]): Attribution[][];
}
