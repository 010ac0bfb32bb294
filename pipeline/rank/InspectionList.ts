import type { ModelMetadata } from '../../models/Scorer.js';
import type { RiskBand } from './riskBand.js';

/** One ranked candidate of a list: a property, never a person. */
export interface RankedProperty {
  rank: number;
  uprn: string;
  address: string;
  postcode: string;
  ward_code: string;
  ward_name: string | null;
  easting: number | null;
  northing: number | null;
  /** Calibrated probability of being an HMO. */
  score: number;
  risk_band: RiskBand;
  /** 0 to 3 plain-English reasons; null when reasons were not computed for this rank (beyond the cap). */
  reasons: string[] | null;
  /** Latest inspection on record, for candidates let back in by `reinspect_after_months`. */
  last_inspection_date: string | null;
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
