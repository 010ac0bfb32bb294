import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBoroughFeatures } from '../../../pipeline/features/buildBoroughFeatures.js';
import { catalogueHash, featureCatalogue, featureNames } from '../../../pipeline/features/catalogue.js';
import { readFeatureFrame } from '../../../pipeline/frame/FeatureFrame.js';
import { readFeatureFileMetadata } from '../../../pipeline/features/readFeatureFileMetadata.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { silentContext } from '../../../pipeline/stage.js';
import { writeIngestedBorough, type FakeBorough } from '../../helpers/writeIngestedBorough.js';
import { CAMDEN, camdenFixture, camdenWithFutureRecords } from './fixtureBorough.js';
import { parquetColumns, parquetKeyValues, readParquetRows, type JsonRow } from './readParquetRows.js';

const params = DEFAULT_PARAMS.features;
const ISLINGTON = 'E09000019';

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'hmo-features-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

async function build(borough: FakeBorough = camdenFixture(), dir = out) {
  await writeIngestedBorough(dir, borough);
  const summary = await buildBoroughFeatures({ out: dir, borough: borough.code, params }, silentContext);
  const layout = outputLayout(dir);
  return {
    summary,
    score: await readParquetRows(layout.scoringFeatures(borough.code)),
    train: await readParquetRows(layout.trainingFeatures(borough.code)),
  };
}

const byUprn = (rows: JsonRow[], uprn: number) => {
  const row = rows.find((r) => r.uprn === String(uprn));
  if (row === undefined) throw new Error(`no row for UPRN ${uprn}`);
  return row;
};

/** A spell table's counts started and ended in the 3, 12, 36 and 60 months. */
function spells(prefix: string, counts: { starts: number[]; ends: number[] }): Record<string, number> {
  const all: Record<string, number> = {};
  [3, 12, 36, 60].forEach((w, j) => {
    all[`${prefix}_starts_${w}m`] = counts.starts[j] as number;
    all[`${prefix}_ends_${w}m`] = counts.ends[j] as number;
  });
  return all;
}

/** The own-record family: no earlier inspection and no licence unless given. */
function ownRecord(given: Record<string, number | string | null>): Record<string, number | string | null> {
  const all: Record<string, number | string | null> = { own_days_since_inspection: null, own_last_outcome: null };
  for (const o of ['hmo', 'not_hmo', 'no_access']) all[`own_inspections_${o}`] = 0;
  for (const t of ['complaint', 'proactive', 'model', 'licence_application']) all[`own_inspections_trigger_${t}`] = 0;
  Object.assign(all, { own_hmo_licences_expired: 0, own_days_since_hmo_licence_expired: null, own_selective_licence_current: 0, own_licensed_occupants: null, own_licensed_households: null });
  return { ...all, ...given };
}

/** Every complaint category's recent and long counts, 0 unless given. */
function complaintCounts(given: Record<string, number>): Record<string, number> {
  const all: Record<string, number> = {};
  for (const c of ['noise', 'pests', 'waste', 'disrepair', 'overcrowding', 'asb', 'planning', 'other']) {
    all[`complaints_${c}_recent`] = 0;
    all[`complaints_${c}_long`] = 0;
  }
  return { ...all, ...given };
}

describe('buildBoroughFeatures: a hand-checked borough', () => {
  test('property 1 as of the extract date: every feature, worked out by hand', async () => {
    const { score } = await build();
    expect(score.map((r) => r.uprn)).toEqual(['1', '2', '3', '4', '5', '6']);
    const expected: JsonRow = {
      borough_code: CAMDEN,
      uprn: '1',
      as_of: '2026-09-30',
      // live at 2026-09-30: e1, e2, e3 (registered that day), e4; e6 was removed that day
      electors_current: 4,
      surnames_current: 3,
      surname_diversity: 0.75,
      registrations_recent: 3, // e2, e3, e4 in (2025-09-30, 2026-09-30]
      registrations_long: 4, // + e1
      removals_recent: 2, // e5, e6
      ct_live_accounts: 2, // a2, a3
      ct_single_person_discount: 1,
      ct_discount_with_electors: 1,
      ct_student_exemption: 1,
      ct_liable_persons: 3,
      ct_accounts_opened_long: 2,
      housing_benefit_supplied: 1,
      hb_live_claims: 2, // c1, c3
      hb_shared_rate_claims: 2,
      hb_claimants_long: 3, // c2 ended 2025-01-01, inside the 36 months
      hb_median_weekly_rent: 110,
      complaints_supplied: 1,
      complaints_recent: 2,
      complaints_long: 4, // asb of 2022 is outside both windows
      ...complaintCounts({ complaints_noise_recent: 2, complaints_noise_long: 2, complaints_waste_long: 1, complaints_overcrowding_long: 1 }),
      habitable_rooms: 6,
      floor_area_m2: 120,
      floor_area_per_room: 20,
      year_built: 1900,
      property_type: 'house',
      built_form: 'terraced',
      council_tax_band: 'D',
      tenure: 'private-rented',
      epc_rating: 'D',
      landlord_other_licensed_hmos: 1, // 2 is licensed; 3 expired; 4 selective; its own licence left out
      landlord_other_properties: 3,
      ward_licensed_hmo_share: 0.25, // 2 of the 4 others (1 itself left out)
      ward_hmo_inspection_rate: 0.75, // others: 2 hmo, 3 hmo, 4 not-hmo, 5 hmo
      ward_complaint_rate: 60, // 3 complaints in 12 months over 5 properties
      // Council tax spells: a1 2020-01-01..2024-06-30 (closed), a2 from 2024-07-01, a3 from 2026-01-01.
      ...spells('ct', { starts: [0, 1, 2, 2], ends: [0, 0, 1, 1] }),
      ct_days_since_start: 272, // 2026-01-01
      ct_days_since_end: 822, // 2024-06-30
      ct_closed_mean_days: 1642, // a1
      ct_closed_min_days: 1642,
      ct_open_mean_age_days: 546.5, // (821 + 272) / 2
      ct_open_max_age_days: 821,
      ct_people_ever: 3,
      ct_people_60m: 3,
      ct_turnover_60m: 1.5, // 3 accounts in 60 months over 2 open
      // Electors: e3 registered on the extract date, e5 removed 2026-05-01 (1216 days), e6 on the extract date (1733 days).
      ...spells('er', { starts: [1, 3, 4, 6], ends: [1, 2, 2, 2] }),
      er_days_since_start: 0,
      er_days_since_end: 0,
      er_closed_mean_days: 1474.5,
      er_closed_min_days: 1216,
      er_open_mean_age_days: 387.25, // e1 1003, e2 333, e3 0, e4 213
      er_open_max_age_days: 1003,
      er_people_ever: 6,
      er_people_60m: 6,
      er_turnover_60m: 1.5,
      // Housing benefit: c2 2024-01-01..2025-01-01 (366 days), c1 from 2025-01-01, c3 from 2026-02-01.
      ...spells('hb', { starts: [0, 1, 3, 3], ends: [0, 0, 1, 1] }),
      hb_days_since_start: 241,
      hb_days_since_end: 637,
      hb_closed_mean_days: 366,
      hb_closed_min_days: 366,
      hb_open_mean_age_days: 439,
      hb_open_max_age_days: 637,
      hb_people_ever: 3,
      hb_people_60m: 3,
      hb_turnover_60m: 1.5,
      // Complaints over time: 2026-09-30, 2026-01-15, 2025-06-01, 2024-01-01, 2022-01-01.
      complaints_3m: 1,
      complaints_12m: 2,
      complaints_36m: 4,
      complaints_60m: 5,
      complaints_days_since: 0,
      complaints_categories_60m: 4, // noise, waste, overcrowding, asb
      // Own record: never inspected; its only licence is a current HMO licence (never an input).
      ...ownRecord({}),
      // Landlord L1 (properties 1-4): 2 licensed now, 3 expired; 2 and 3 found HMOs, 4 not; 2's complaint of 2026-06-01.
      landlord_links: 1,
      landlord_portfolio: 3,
      landlord_others_hmo_licensed: 1,
      landlord_others_hmo_licensed_ever: 2,
      landlord_others_hmo_found: 2,
      landlord_others_hmo_found_rate: 2 / 3,
      landlord_others_complaints_36m: 1,
      // Postcode NW1 0AB: every property (5 others); ward W1: properties 1-5 (4 others).
      postcode_other_properties: 5,
      postcode_private_rented_share: 0, // only 1 itself is private-rented
      postcode_hmo_licensed_share: 0.2, // 2
      postcode_selective_licensed_share: 0.2, // 4
      postcode_hmo_found: 4, // 2, 3, 5, 6
      postcode_complaint_rate_12m: 20, // 2's complaint over 5 others
      ward_private_rented_share: 0,
      ward_selective_licensed_share: 0.25,
      ward_hmo_found_share: 0.75, // 2, 3, 5
    };
    expect(byUprn(score, 1)).toEqual(expected);
    expect(Object.keys(byUprn(score, 1))).toEqual(['borough_code', 'uprn', 'as_of', ...featureNames()]);
  });

  test('nulls mean "unknown", zeros mean "none": property 5 and 6 as of the extract date', async () => {
    const { score } = await build();
    const p5 = byUprn(score, 5);
    expect(p5).toMatchObject({
      ct_live_accounts: 0,
      ct_single_person_discount: null,
      ct_discount_with_electors: null,
      ct_student_exemption: null,
      ct_liable_persons: null,
      hb_live_claims: 0,
      hb_median_weekly_rent: null,
      habitable_rooms: null,
      floor_area_per_room: null,
      epc_rating: null,
      landlord_other_licensed_hmos: null,
      landlord_other_properties: null,
      ward_licensed_hmo_share: 0.5, // 1 and 2 of the 4 others
      ward_hmo_inspection_rate: 2 / 3, // 2, 3 hmo; 4 not-hmo; its own left out
    });
    const p6 = byUprn(score, 6);
    expect(p6).toMatchObject({ electors_current: 0, surname_diversity: null, ward_licensed_hmo_share: null, ward_hmo_inspection_rate: null, ward_complaint_rate: 0 });
  });

  test('labels: each conclusive inspection, features as of the day before it', async () => {
    const { train, summary } = await build();
    expect(train.map((r) => [r.uprn, r.label, r.inspection_date, r.trigger, r.as_of, r.declared])).toEqual([
      ['2', 1, '2023-12-01', 'licence-application', '2023-11-30', true], // a declared HMO: kept, flagged
      ['3', 1, '2023-06-01', 'proactive', '2023-05-31', true], // licensed at the time: kept, flagged
      ['4', 0, '2024-05-01', 'proactive', '2024-04-30', false], // a later no-access does not hide the not-hmo
      ['5', 1, '2025-03-01', 'complaint', '2025-02-28', false], // licensed only later: not declared at the time
      ['6', 1, '2026-01-10', 'complaint', '2026-01-09', false], // hmo wins a same-day conflict
    ]);
    expect(summary).toMatchObject({ score_rows: 6, train_rows: 5, positives: 4, declared: 2 });
    // Property 5 as of 2025-02-28: nothing dated 2025-03-01 (x3, the noise complaint) counts; x4's removal that day is in its future.
    expect(byUprn(train, 5)).toMatchObject({
      electors_current: 3,
      surnames_current: 3,
      registrations_recent: 2,
      registrations_long: 3,
      removals_recent: 0,
      complaints_recent: 1,
      complaints_overcrowding_recent: 1,
      complaints_noise_recent: 0,
      ward_licensed_hmo_share: 0.25, // only 2 (3 expired 2025-01-01; 1 starts 2026)
      ward_hmo_inspection_rate: 2 / 3, // 2, 3 hmo; 4 not-hmo
      ward_complaint_rate: 20, // its own complaint of 2025-02-28
    });
  });

  test('every conclusive inspection is a training row, each with features as of the day before it', async () => {
    const borough = camdenFixture();
    borough.tables.inspections.push(
      { uprn: 5, inspection_date: '2024-01-10', outcome: 'not-hmo', trigger: 'proactive' },
      { uprn: 4, inspection_date: '2025-06-01', outcome: 'hmo', trigger: 'complaint' },
      { uprn: 4, inspection_date: '2025-06-01', outcome: 'no-access', trigger: 'complaint' },
    );
    const { train, summary } = await build(borough);
    expect(train.map((r) => [r.uprn, r.inspection_date, r.label, r.as_of])).toEqual([
      ['2', '2023-12-01', 1, '2023-11-30'],
      ['3', '2023-06-01', 1, '2023-05-31'],
      ['4', '2024-05-01', 0, '2024-04-30'],
      ['4', '2025-06-01', 1, '2025-05-31'], // after a no-access visit: a row of its own
      ['5', '2024-01-10', 0, '2024-01-09'],
      ['5', '2025-03-01', 1, '2025-02-28'],
      ['6', '2026-01-10', 1, '2026-01-09'],
    ]);
    expect(summary).toMatchObject({ train_rows: 7, positives: 5 });
    const rowsOf5 = train.filter((r) => r.uprn === '5');
    // As of 2024-01-09 only x4 (registered 2023-01-01) was on the register; by 2025-02-28, x1, x2 and x4.
    expect(rowsOf5.map((r) => r.electors_current)).toEqual([1, 3]);
    expect(rowsOf5.map((r) => r.complaints_recent)).toEqual([0, 1]);
  });

  test('file contract: key columns, DOUBLE / VARCHAR by kind, training columns, metadata', async () => {
    await build();
    const layout = outputLayout(out);
    const kinds = new Map(featureCatalogue().map((f) => [f.name, f.kind]));
    const scoreColumns = await parquetColumns(layout.scoringFeatures(CAMDEN));
    expect(scoreColumns.slice(0, 3)).toEqual([
      { name: 'borough_code', type: 'VARCHAR' },
      { name: 'uprn', type: 'BIGINT' },
      { name: 'as_of', type: 'DATE' },
    ]);
    for (const { name, type } of scoreColumns.slice(3)) expect([name, type]).toEqual([name, kinds.get(name) === 'categorical' ? 'VARCHAR' : 'DOUBLE']);
    const trainColumns = await parquetColumns(layout.trainingFeatures(CAMDEN));
    expect(trainColumns.slice(-4)).toEqual([
      { name: 'label', type: 'INTEGER' },
      { name: 'inspection_date', type: 'DATE' },
      { name: 'trigger', type: 'VARCHAR' },
      { name: 'declared', type: 'BOOLEAN' },
    ]);
    expect(await parquetKeyValues(layout.scoringFeatures(CAMDEN))).toMatchObject({ catalogue_hash: catalogueHash(), recent_months: '12', long_months: '36' });
    expect(await readFeatureFileMetadata(layout.trainingFeatures(CAMDEN))).toEqual({ catalogue_hash: catalogueHash(), windows: params });
    const frame = await readFeatureFrame([layout.trainingFeatures(CAMDEN)]);
    expect([...(frame.label ?? [])]).toEqual([1, 1, 0, 1, 1]);
    expect([...(frame.declared ?? [])]).toEqual([1, 1, 0, 0, 0]);
    expect(frame.numeric.has('declared')).toBe(false); // never a model input
    const scoreFrame = await readFeatureFrame([layout.scoringFeatures(CAMDEN)]);
    expect([scoreFrame.length, scoreFrame.label, scoreFrame.declared]).toEqual([6, undefined, undefined]);
    expect([...scoreFrame.numeric.keys(), ...scoreFrame.categorical.keys()].sort()).toEqual([...featureNames()].sort());
    expect(frame.numeric.get('electors_current')?.[3]).toBe(3);
    expect(frame.categorical.get('property_type')).toEqual(['flat', 'flat', 'flat', 'flat', 'flat']);
  });

  test('no pseudonymous reference reaches an output', async () => {
    await build();
    const layout = outputLayout(out);
    for (const file of [layout.scoringFeatures(CAMDEN), layout.trainingFeatures(CAMDEN)]) {
      const text = JSON.stringify(await readParquetRows(file));
      for (const ref of ['"L1"', '"e1"', '"s1"', '"a2"', '"c1"', '"x1"', '"sA"', 'LIC-']) expect(text).not.toContain(ref);
    }
  });

  test('scoring includes records dated on the extract date', async () => {
    const base = camdenFixture();
    const { score: before } = await build(base);
    const later = camdenFixture();
    later.tables.electoral_register.push({ uprn: 6, elector_ref: 'z1', surname_key: 'sz', registered_date: '2026-09-30' });
    later.tables.complaints.push({ uprn: 6, received_date: '2026-09-30', category: 'pests' });
    later.tables.licences.push({ uprn: 5, licence_ref: 'LIC-5', scheme: 'mandatory-hmo', start_date: '2026-09-30', end_date: '2031-01-01' });
    const dir = mkdtempSync(join(tmpdir(), 'hmo-features-'));
    try {
      const { score: after } = await build(later, dir);
      expect([byUprn(before, 6).electors_current, byUprn(after, 6).electors_current]).toEqual([0, 1]);
      expect([byUprn(before, 6).complaints_pests_recent, byUprn(after, 6).complaints_pests_recent]).toEqual([0, 1]);
      expect([byUprn(before, 4).ward_licensed_hmo_share, byUprn(after, 4).ward_licensed_hmo_share]).toEqual([0.5, 0.75]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a borough without the optional tables: indicators 0 and the dependent features null, never 0', async () => {
    const { score, train } = await build({
      code: ISLINGTON,
      extractDate: '2026-06-30',
      tables: {
        properties: [{ uprn: 7, address: '7 Upper St', postcode: 'N1 1AA', ward_code: 'E05000100', property_type: 'flat', council_tax_band: 'B', tenure: 'private-rented' }],
        electoral_register: [{ uprn: 7, elector_ref: 'q', surname_key: 'k', registered_date: '2020-01-01' }],
        inspections: [{ uprn: 7, inspection_date: '2025-01-01', outcome: 'not-hmo', trigger: 'proactive' }],
      },
    });
    for (const row of [score[0], train[0]]) {
      expect(row).toMatchObject({ housing_benefit_supplied: 0, complaints_supplied: 0, electors_current: 1, epc_rating: null });
      const hbOrComplaints = Object.keys(row ?? {}).filter((k) => (k.startsWith('hb_') || k.startsWith('complaints_') || k === 'ward_complaint_rate') && !k.endsWith('_supplied'));
      expect(hbOrComplaints.length).toBeGreaterThan(15);
      for (const k of hbOrComplaints) expect([k, row?.[k]]).toEqual([k, null]);
    }
  });

  test('determinism: the same input gives byte-identical files', async () => {
    await build();
    const other = mkdtempSync(join(tmpdir(), 'hmo-features-'));
    try {
      await build(camdenFixture(), other);
      for (const file of ['scoringFeatures', 'trainingFeatures'] as const) {
        expect(readFileSync(outputLayout(other)[file](CAMDEN)).equals(readFileSync(outputLayout(out)[file](CAMDEN)))).toBe(true);
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('leakage', () => {
  test("records dated on or after a property's inspection never change its training row", async () => {
    const { train: base, score: baseScore } = await build(camdenFixture());
    const dir = mkdtempSync(join(tmpdir(), 'hmo-features-'));
    try {
      const { train: withFuture, score: futureScore } = await build(camdenWithFutureRecords(), dir);
      // Every training row as of a day before the first added record (2025-03-01) is unchanged; later rows may see them.
      const earlier = (rows: typeof base) => rows.filter((r) => (r.as_of as string) < '2025-03-01');
      expect(earlier(base).length).toBeGreaterThanOrEqual(4);
      expect(earlier(withFuture)).toEqual(earlier(base));
      expect(byUprn(withFuture, 5)).toEqual(byUprn(base, 5));
      // The same records do change property 5 as of the extract date: they would have leaked.
      const before = byUprn(baseScore, 5);
      const after = byUprn(futureScore, 5);
      for (const name of ['electors_current', 'complaints_long', 'ct_live_accounts', 'hb_shared_rate_claims', 'ward_licensed_hmo_share']) {
        expect([name, after[name]]).not.toEqual([name, before[name]]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the property's own licence is never an input", async () => {
    const licensed = camdenFixture();
    const unlicensed = camdenFixture();
    unlicensed.tables.licences = unlicensed.tables.licences.filter((l) => l.uprn !== 1);
    const { score: a } = await build(licensed);
    const dir = mkdtempSync(join(tmpdir(), 'hmo-features-'));
    try {
      const { score: b } = await build(unlicensed, dir);
      expect(byUprn(b, 1)).toEqual(byUprn(a, 1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
