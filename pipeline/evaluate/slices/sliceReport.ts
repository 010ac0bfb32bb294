import { rocAuc } from '../../../models/metrics.js';
import type { Params } from '../../params/Params.js';
import { complaintRateBands } from './complaintRateBands.js';
import { jsonNumber } from '../metrics/jsonNumber.js';
import type { SliceReport, SliceRow } from '../MetricsJson.js';
import { sliceFlag } from './sliceFlag.js';
import type { ValidationRows } from '../inputs/ValidationRows.js';

/** The dimensions rows are sliced by, in report order. */
export const SLICE_DIMENSIONS = ['borough', 'ward', 'tenure', 'property_type', 'complaint_rate_band'] as const;

/**
 * Feature names that could stand in for deprivation or ethnicity: council tax
 * band, tenure, housing benefit, ward-level context, surname diversity,
 * student exemption, EPC and age of the building.
 */
const PROXY_PATTERN = /council_tax_band|tax_band|tenure|housing_benefit|benefit|shared_accommodation|claim|ward|surname|student|epc|year_built/i;

/** The model's features that could act as proxies for deprivation or ethnicity. */
export function proxyFeatures(features: readonly string[]): string[] {
  // `*_supplied` says whether a borough sent an optional table: a fact about the borough's data, not about a household.
  return features.filter((f) => PROXY_PATTERN.test(f) && !/_supplied$/.test(f));
}

/**
 * Slice metrics of the chosen model's leave-borough-out predictions: a
 * property counts as selected when its calibrated probability is at or above
 * `threshold` (the medium risk band); per slice the labelled rows, HMOs,
 * selected, precision, false-positive rate and ROC AUC, and the flag rule
 * (`sliceFlag`). Slices are by borough, ward, tenure, property type and the
 * band of the ward's complaint rate (tertiles over the rows).
 *
 * @example
 *   const report = sliceReport(lobo, 0.2, params.evaluate, names, model.features, 'feature ward_complaint_rate');
 *   report.flagged; // ['tenure=social-rented']
 */
export function sliceReport(
  rows: ValidationRows,
  threshold: number,
  params: Params['evaluate'],
  boroughNames: ReadonlyMap<string, string>,
  features: readonly string[],
  complaintRateSource: string,
): SliceReport {
  const bands = complaintRateBands(rows.wardComplaintRate);
  const all = figures(rows, Array.from({ length: rows.length }, (_, i) => i), threshold);
  const valueOf: Record<(typeof SLICE_DIMENSIONS)[number], (i: number) => [string, string]> = {
    borough: (i) => {
      const code = rows.boroughCode[i] as string;
      const name = boroughNames.get(code);
      return [code, name === undefined || name === '' ? code : `${name} (${code})`];
    },
    ward: (i) => {
      const code = rows.ward[i] ?? '';
      const name = rows.wardName[i] ?? '';
      return [code === '' ? 'unknown' : code, name === '' ? code || 'unknown' : `${name} (${code})`];
    },
    tenure: (i) => [rows.tenure[i] || 'unknown', rows.tenure[i] || 'unknown'],
    property_type: (i) => [rows.propertyType[i] || 'unknown', rows.propertyType[i] || 'unknown'],
    complaint_rate_band: (i) => {
      const band = bands.bandOf(rows.wardComplaintRate[i] as number);
      return [band, bands.labelOf(band)];
    },
  };
  const slices: SliceRow[] = [];
  for (const dimension of SLICE_DIMENSIONS) {
    const groups = new Map<string, { label: string; indices: number[] }>();
    for (let i = 0; i < rows.length; i++) {
      const [value, label] = valueOf[dimension](i);
      const group = groups.get(value) ?? { label, indices: [] };
      // A ward whose first row has no name on record takes the name a later row gives.
      if (group.label === value && label !== value) group.label = label;
      group.indices.push(i);
      groups.set(value, group);
    }
    for (const value of [...groups.keys()].sort()) {
      const group = groups.get(value) as { label: string; indices: number[] };
      const f = figures(rows, group.indices, threshold);
      const flag = sliceFlag(f, all, params.slice_margin, params.min_slice_rows);
      slices.push({ dimension, value, label: group.label, ...f, ...flag });
    }
  }
  return {
    scheme: 'lobo',
    threshold,
    overall: all,
    complaint_rate: { source: complaintRateSource, thresholds: bands.thresholds },
    slices,
    flagged: slices.filter((s) => s.flagged).map((s) => `${s.dimension}=${s.value}`).sort(),
    proxy_features: proxyFeatures(features),
  };
}

function figures(rows: ValidationRows, indices: readonly number[], threshold: number) {
  let positives = 0;
  let selected = 0;
  let truePositives = 0;
  let falsePositives = 0;
  for (const i of indices) {
    const label = rows.label[i] as number;
    const chosen = (rows.model[i] as number) >= threshold;
    if (label === 1) positives++;
    if (chosen) {
      selected++;
      if (label === 1) truePositives++;
      else falsePositives++;
    }
  }
  const negatives = indices.length - positives;
  return {
    rows: indices.length,
    positives,
    selected,
    precision: jsonNumber(selected === 0 ? Number.NaN : truePositives / selected),
    false_positive_rate: jsonNumber(negatives === 0 ? Number.NaN : falsePositives / negatives),
    roc_auc: jsonNumber(
      rocAuc(
        indices.map((i) => rows.model[i] as number),
        indices.map((i) => rows.label[i] as number),
      ),
    ),
  };
}
