import { sliceFlag } from '../../../pipeline/evaluate/slices/sliceFlag.js';
import { proxyFeatures, sliceReport } from '../../../pipeline/evaluate/slices/sliceReport.js';
import type { ValidationRows } from '../../../pipeline/evaluate/inputs/ValidationRows.js';
import { evaluateMessages as m } from '../../../pipeline/messages/evaluate.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';

const overall = { rows: 500, precision: 0.4, false_positive_rate: 0.1 };

describe('sliceFlag', () => {
  test('flags a precision gap beyond the margin', () => {
    const result = sliceFlag({ rows: 50, precision: 0.2, false_positive_rate: 0.1 }, overall, 0.1, 30);
    expect(result.flagged).toBe(true);
    expect(result.reasons).toEqual([m.slicePrecisionGap(0.2, 0.4, 0.1)]);
  });
  test('flags a false-positive-rate gap in either direction', () => {
    expect(sliceFlag({ rows: 50, precision: 0.4, false_positive_rate: 0.25 }, overall, 0.1, 30).flagged).toBe(true);
    expect(sliceFlag({ rows: 50, precision: 0.4, false_positive_rate: 0.25 }, { ...overall, false_positive_rate: 0.4 }, 0.1, 30).flagged).toBe(true);
  });
  test('does not flag a gap of exactly the margin or less', () => {
    expect(sliceFlag({ rows: 50, precision: 0.5, false_positive_rate: 0.2 }, overall, 0.1, 30)).toEqual({ flaggable: true, flagged: false, reasons: [] });
  });
  test('shows but never flags a slice under the minimum rows', () => {
    const result = sliceFlag({ rows: 29, precision: 0, false_positive_rate: 1 }, overall, 0.1, 30);
    expect(result).toEqual({ flaggable: false, flagged: false, reasons: [m.sliceTooSmall(29, 30)] });
  });
  test('does not compare a figure the slice lacks', () => {
    expect(sliceFlag({ rows: 50, precision: null, false_positive_rate: 0.1 }, overall, 0.1, 30).flagged).toBe(false);
  });
});

describe('sliceReport', () => {
  test('selects at the threshold, computes precision and FPR per slice and flags', () => {
    // tenure A: 40 rows, all selected, 10 HMOs -> precision 0.25, FPR 1; tenure B: 40 rows, 20 HMOs selected, 20 non-HMOs not
    const n = 80;
    const label = Int8Array.from({ length: n }, (_, i) => (i < 40 ? (i < 10 ? 1 : 0) : i < 60 ? 1 : 0));
    const model = Float64Array.from({ length: n }, (_, i) => (i < 40 ? 0.9 : i < 60 ? 0.8 : 0.05));
    const rows: ValidationRows = {
      scheme: 'lobo',
      length: n,
      boroughCode: Array(n).fill('E09000007'),
      uprn: Array.from({ length: n }, (_, i) => String(i + 1)),
      label,
      model,
      logistic: null,
      complaints: new Float64Array(n),
      ward: Array(n).fill('E05000001'),
      wardName: Array(n).fill('Ward One'),
      tenure: Array.from({ length: n }, (_, i) => (i < 40 ? 'private-rented' : 'owner-occupied')),
      propertyType: Array(n).fill('house'),
      wardComplaintRate: new Float64Array(n).fill(Number.NaN),
    };
    const report = sliceReport(rows, 0.2, DEFAULT_PARAMS.evaluate, new Map([['E09000007', 'Camden']]), ['tenure', 'electors'], 'test');
    // overall: 60 selected, 30 HMOs among them -> 0.5; FPR = 30 / 50 = 0.6
    expect(report.overall).toMatchObject({ rows: 80, selected: 60, precision: 0.5, false_positive_rate: 0.6 });
    const a = report.slices.find((s) => s.dimension === 'tenure' && s.value === 'private-rented');
    const b = report.slices.find((s) => s.dimension === 'tenure' && s.value === 'owner-occupied');
    expect(a).toMatchObject({ rows: 40, positives: 10, selected: 40, precision: 0.25, false_positive_rate: 1, flagged: true });
    expect(b).toMatchObject({ rows: 40, positives: 20, selected: 20, precision: 1, false_positive_rate: 0, flagged: true });
    expect(report.slices.find((s) => s.dimension === 'borough')).toMatchObject({ label: 'Camden (E09000007)', flagged: false });
    expect(report.flagged).toEqual(['tenure=owner-occupied', 'tenure=private-rented']);
    expect(report.proxy_features).toEqual(['tenure']);
    expect(report.slices.find((s) => s.dimension === 'complaint_rate_band')?.value).toBe('unknown');
  });
  test('names the proxies among the features', () => {
    expect(proxyFeatures(['council_tax_band', 'distinct_surnames', 'electors_current', 'ward_hmo_licence_share', 'hb_shared_accommodation_rate'])).toEqual([
      'council_tax_band',
      'distinct_surnames',
      'ward_hmo_licence_share',
      'hb_shared_accommodation_rate',
    ]);
  });
});
