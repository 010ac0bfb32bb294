/**
 * The shape of OUT/evaluation/metrics.json (format `hmo-evaluation/1`),
 * documented key by key in docs/evaluation.md. The run orchestrator, `runs
 * diff` and the promotion rule read it, so its top-level shape is stable:
 * add keys, never rename or remove them. Every figure that cannot be
 * computed (one class only, no rows) is null, never NaN.
 */
export interface MetricsJson {
  format: 'hmo-evaluation/1';
  model: ModelSummary;
  settings: EvaluationSettings;
  validation: { lobo: SchemeMetrics | null; temporal: SchemeMetrics | null };
  slices: SliceReport | null;
  field_trial: FieldTrial | null;
  feature_importance: FeatureImportance;
  comparison: Comparison | null;
  /** What each borough's list should find (pipeline/evaluate/forecast), keyed by GSS code. */
  list_forecast: Record<string, ListForecastEntry>;
  /** How the forecast was made: its level, the reference triggers, the selection correction and the assumption in words. */
  list_forecast_method: ListForecastMethod;
  /** Each borough's features and list scores against the previous drop evaluated under this OUT (pipeline/evaluate/drift). */
  drift: DriftJson;
  /** Lists issued earlier whose properties were visited since (trigger `model`): their forecast against what the visits found. */
  list_outcomes: ListOutcomeJson[];
}

/** One earlier list's promise against its visits (pipeline/evaluate/forecast/listOutcomes.ts). */
export interface ListOutcomeJson {
  /** `<GSS>/<model_id>/<extract_date>` of the list. */
  list: string;
  borough_code: string;
  model_id: string;
  extract_date: string;
  top_n: number;
  /** Properties of the list's head visited since (latest conclusive visit with trigger `model`). */
  visited: number;
  /** HMOs those visits found. */
  found: number;
  /** The forecast for the visited properties, and its interval at `level`. */
  expected_found: number | null;
  low: number;
  high: number;
  level: number;
  /** Chance of finding `found` or fewer if the forecast were right. */
  p_at_most_found: number | null;
  /** The count found is below the interval. */
  shortfall: boolean;
}

export interface DriftJson {
  /** PSI above which a feature or the scores are named in a warning. */
  threshold: number;
  /** `previous_drop`, or null when there is no earlier drop to compare with. */
  compared_with: 'previous_drop' | null;
  note: string;
  boroughs: Record<string, { score_psi: number | null; features: Array<{ feature: string; psi: number | null }>; flagged: string[] }>;
  /** One sentence per borough that drifted, naming the features. */
  warnings: string[];
}

/** The forecast for the top `top_n` of one borough's list. */
export interface ListForecastEntry {
  top_n: number;
  /** Properties actually on the list's head with a score (fewer than top_n when the borough has fewer candidates). */
  listed: number | null;
  /** Expected undeclared HMOs among them. */
  expected_found: number | null;
  /** Interval of the count found, at `level`. */
  low: number | null;
  high: number | null;
  /** Sum of the listed properties' calibrated scores: what the model itself promises. */
  score_sum: number | null;
  level: number;
  /** The borough's held-out (leave-borough-out, undeclared) inspections the forecast rests on. */
  held_out_rows: number;
  held_out_hmos: number;
  /** Of them, chosen by a reference trigger (proactive, model). */
  reference_rows: number;
  /** With --truth: undeclared HMOs the list's head holds per truth. */
  truth_found: number | null;
  note: string | null;
}

export interface ListForecastMethod {
  level: number;
  draws: number;
  reference_triggers: string[];
  /** Held-out rows per trigger the forecast was fitted on. */
  trigger_rows: Record<string, number>;
  /** Odds of an HMO through a trigger against a reference trigger at the same score. */
  trigger_odds_ratios: Record<string, number | null>;
  /**
   * How far a borough's calibration departs from the others' (logit scale,
   * pipeline/evaluate/forecast/BoroughSpread.ts): `used` is the τ the
   * intervals carry (at least `floor`), `estimated` the DerSimonian–Laird
   * estimate (null with fewer than two boroughs), and each borough's offset
   * against the recalibration of the other boroughs. Absent in evaluations
   * made before it existed.
   */
  borough_spread?: {
    used: number | null;
    estimated: number | null;
    floor: number;
    departures: Record<string, { rows: number; offset: number | null; standard_error: number | null }>;
  };
  assumption: string;
}

/** The orderings every figure is given for. `logistic` is absent when the run trained no logistic model. */
export type OrderingName = 'model' | 'logistic' | 'complaint_led' | 'random';
export const ORDERINGS: readonly OrderingName[] = ['model', 'logistic', 'complaint_led', 'random'];

export interface ModelSummary {
  model_id: string;
  kind: string;
  features: string[];
  trained_on: { boroughs: string[]; rows: number; positives: number };
}

export interface EvaluationSettings {
  seed: number;
  k: number[];
  bootstrap_samples: number;
  calibration_bins: number;
  slice_margin: number;
  min_slice_rows: number;
  /** Calibrated probability at or above which a property counts as "selected" in the slice figures (params.rank.risk_bands.medium). */
  slice_threshold: number;
  risk_bands: { high: number; medium: number };
  reinspect_after_months: number | null;
  /** Window of the complaint-led baseline, in months before the row's as-of date. */
  complaint_window_months: number;
  /** How ties are broken in each ordering, in words. */
  tie_breaks: Record<OrderingName | 'oracle', string>;
}

/** Figures at one depth k (see depthMetrics.ts). */
export interface AtK {
  depth: number;
  hits: number;
  precision: number | null;
  recall: number | null;
  lift: number | null;
  /** k is at most half the rows held out (models/metrics.ts precisionAtKInformative): only then is the figure shown as a ranking figure. */
  informative: boolean;
}

/** Every figure for one ordering over one set of labelled rows. */
export interface MetricSet {
  rows: number;
  positives: number;
  prevalence: number | null;
  roc_auc: number | null;
  roc_auc_ci: [number, number] | null;
  /** Average precision. */
  pr_auc: number | null;
  /** Only for orderings that are probabilities (model, logistic); null otherwise. */
  brier: number | null;
  /** Keyed by k as text ("50", "100", "200"). */
  at_k: Record<string, AtK>;
  precision_at_100_ci: [number, number] | null;
}

export interface OrderingMetrics {
  overall: MetricSet;
  by_borough: Record<string, MetricSet>;
  /** Unweighted mean over boroughs of precision@k (each borough's own list), keyed by k, over the boroughs where it is informative (k at most half their rows); null when none. */
  borough_mean_precision: Record<string, number | null>;
  /** How many boroughs each borough_mean_precision figure averages, keyed by k. */
  borough_mean_boroughs: Record<string, number>;
  /** Unweighted mean over boroughs of ROC AUC and of average precision (boroughs with both outcomes). */
  borough_mean_roc_auc: number | null;
  borough_mean_pr_auc: number | null;
}

export interface CalibrationBinJson {
  lower: number;
  upper: number;
  rows: number;
  mean_predicted: number | null;
  observed_rate: number | null;
  /** 95% Wilson interval of the observed rate: how unsure a bin of few properties is. */
  observed_low: number | null;
  observed_high: number | null;
}

export interface CalibrationJson {
  ece: number | null;
  brier: number | null;
  bins: CalibrationBinJson[];
}

/** One validation scheme: leave-borough-out (`lobo`) or temporal holdout. */
export interface SchemeMetrics {
  rows: number;
  positives: number;
  boroughs: string[];
  orderings: Partial<Record<OrderingName, OrderingMetrics>>;
  calibration: Partial<Record<'model' | 'logistic', CalibrationJson>>;
}

export interface SliceRow {
  /** borough, ward, tenure, property_type or complaint_rate_band. */
  dimension: string;
  value: string;
  /** A readable name of the value (e.g. the ward's name). */
  label: string;
  rows: number;
  positives: number;
  selected: number;
  precision: number | null;
  false_positive_rate: number | null;
  roc_auc: number | null;
  /** At least min_slice_rows labelled rows: eligible for a flag. */
  flaggable: boolean;
  flagged: boolean;
  reasons: string[];
}

export interface SliceReport {
  scheme: 'lobo';
  threshold: number;
  overall: { rows: number; positives: number; selected: number; precision: number | null; false_positive_rate: number | null; roc_auc: number | null };
  complaint_rate: { source: string; thresholds: number[] };
  slices: SliceRow[];
  /** `dimension=value` of every flagged slice, sorted. */
  flagged: string[];
  /** Features of the model that could stand in for deprivation or ethnicity. */
  proxy_features: string[];
}

export interface FieldTrialCounts {
  depth: number;
  model: number;
  complaint_led: number;
  /** One seeded random order's count (kept for reproducibility; shown is the expectation below). */
  random: number;
  /** What a random order finds on average (hypergeometric: depth × undeclared among candidates / candidates), and its standard deviation. */
  random_expected: number;
  random_sd: number;
  oracle: number;
}

export interface FieldTrialBorough {
  borough_code: string;
  candidates: number;
  /** Undeclared HMOs in the borough per truth (is_hmo = 1, is_licensed = 0). */
  undeclared_hmos: number;
  undeclared_among_candidates: number;
  /** Undeclared HMOs found at each depth, keyed by k. */
  found: Record<string, FieldTrialCounts>;
}

export interface FieldTrial {
  truth_file: string;
  boroughs: FieldTrialBorough[];
  total: { candidates: number; undeclared_hmos: number; undeclared_among_candidates: number; found: Record<string, FieldTrialCounts> };
}

export interface FeatureImportance {
  source: 'attribution' | 'none';
  sample_rows: number;
  features: Array<{ feature: string; mean_abs_contribution: number }>;
  note: string;
  /**
   * The same measure for every model the run trained (by kind, the evaluated
   * one included), over the same sample rows; absent when the artifact keeps
   * no other models.
   */
  by_model?: Record<string, Array<{ feature: string; mean_abs_contribution: number }>>;
}

export interface MetricDelta {
  metric: string;
  candidate: number | null;
  baseline: number | null;
  delta: number | null;
}

export interface Comparison {
  baseline_model: { model_id: string; kind: string };
  deltas: MetricDelta[];
  baseline_flagged_slices: string[];
  promotion: { pass: boolean; reasons: string[] };
}
