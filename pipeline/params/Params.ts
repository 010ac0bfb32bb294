import { defaultModelKinds, learnerDefaults, type LearnerSettings, type ModelKind } from '../../models/learners.js';

/**
 * The pipeline's parameters: every knob an analyst may set in a params file
 * (JSON or YAML), with its default. Each stage reads only its own section,
 * so that the run cache can key a stage on the params it actually reads.
 * Loading and validation (messages naming the key and the allowed values)
 * live in `pipeline/params/loadParams.ts`, the rules in `paramRules.ts`.
 * Each learner of models/learners.ts has its section `train.<kind>` (its own
 * settings type, defaults and rules).
 */
export interface Params {
  /** Seed for every random choice: splits, initialisation, bootstrap, random baseline. */
  seed: number;
  features: {
    /** Window of the "recent" counts, in months (12 in the standard feature set). */
    recent_months: number;
    /** Window of the longer counts, in months. */
    long_months: number;
  };
  train: {
    /** Models to train; the best on validation becomes the run's model. */
    models: ModelKind[];
    /** Epochs without improvement of validation loss before stopping. */
    patience: number;
    /** Fraction of training rows held out for early stopping. */
    validation_fraction: number;
    /** 'balanced' weights classes inversely to their frequency; 'none' leaves them. */
    class_weight: 'balanced' | 'none';
    calibration: 'platt' | 'isotonic';
    /** Fraction of the newest labelled inspections held out for the temporal validation. */
    temporal_holdout_fraction: number;
    /** At most this many leave-borough-out folds; boroughs are grouped into folds when there are more. */
    max_borough_folds: number;
    /** Use worker threads for validation folds. */
    parallel_folds: boolean;
  } & LearnerSettings;
  rank: {
    /** How many properties at the top of each list are marked to visit first. */
    top: number;
    /** Properties inspected more than this many months ago become candidates again; null = never. */
    reinspect_after_months: number | null;
    /** Calibrated probability at or above which a property is `high` / `medium` risk. */
    risk_bands: { high: number; medium: number };
  };
  evaluate: {
    /** Depths of the precision/recall/lift figures. */
    k: number[];
    bootstrap_samples: number;
    calibration_bins: number;
    /** A slice is flagged when its precision or false-positive rate differs from overall by more than this. */
    slice_margin: number;
    /** Slices with fewer labelled rows than this are shown but never flagged. */
    min_slice_rows: number;
  };
  promotion: {
    /** Leave-borough-out precision@100 may be at most this much lower than the champion's. */
    max_precision_at_100_drop: number;
    /** Leave-borough-out ROC AUC may be at most this much lower than the champion's. */
    max_auc_drop: number;
    /** Refuse a candidate that flags a slice the champion did not. */
    forbid_new_slice_flags: boolean;
  };
}

export const DEFAULT_PARAMS: Params = {
  seed: 42,
  features: { recent_months: 12, long_months: 36 },
  train: {
    models: defaultModelKinds(),
    ...learnerDefaults(),
    patience: 3,
    validation_fraction: 0.15,
    class_weight: 'balanced',
    calibration: 'platt',
    temporal_holdout_fraction: 0.2,
    max_borough_folds: 5,
    parallel_folds: true,
  },
  rank: { top: 200, reinspect_after_months: null, risk_bands: { high: 0.5, medium: 0.2 } },
  evaluate: { k: [50, 100, 200], bootstrap_samples: 200, calibration_bins: 10, slice_margin: 0.1, min_slice_rows: 30 },
  promotion: { max_precision_at_100_drop: 0.01, max_auc_drop: 0, forbid_new_slice_flags: true },
};
