import type { ModelMetadata } from '../../models/Scorer.js';
import type { CandidateProperty } from './readCandidates.js';
import type { RiskBand } from './riskBand.js';

/** One ranked candidate of a list: a property, never a person. */
export interface RankedProperty extends CandidateProperty {
  rank: number;
  /** Calibrated probability of being an HMO. */
  score: number;
  risk_band: RiskBand;
  /** 0 to 3 plain-English reasons; null when reasons were not computed for this rank (beyond the cap). */
  reasons: string[] | null;
}

/** Everything a borough's list shows: the borough, the data, the model, the ranked candidates. */
export interface InspectionList {
  borough_code: string;
  borough_name: string;
  extract_date: string;
  model: Pick<ModelMetadata, 'model_id' | 'kind' | 'trained_on'>;
  top: number;
  risk_bands: { high: number; medium: number };
  reinspect_after_months: number | null;
  /** Reasons were computed for ranks 1..reasons_computed. */
  reasons_computed: number;
  rows: RankedProperty[];
}
