import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDropDb } from '../../../pipeline/db/openDropDb.js';
import { featureCatalogue } from '../../../pipeline/features/catalogue.js';
import { anchorsTableSql, featureSelectSql, type FeaturePlan } from '../../../pipeline/features/featureSql.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { writeIngestedBorough, type FakeBorough, type FakeRow } from '../../helpers/writeIngestedBorough.js';
import type { JsonRow } from './readParquetRows.js';

const CODE = 'E09000007';
const params = DEFAULT_PARAMS.features;

/** A small deterministic generator (mulberry32), so the borough is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (offset: number) => new Date(Date.UTC(2020, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * A borough built to trip a running-total plan: three wards, landlords with
 * several properties, properties holding overlapping, touching, identical and
 * back-to-front HMO licences (and ones starting the day another ends) (and non-HMO ones), inspections and complaints on
 * shared days and exactly on window edges, and anchors at many as_of dates.
 */
function trickyBorough(seed: number): { borough: FakeBorough; anchors: Array<{ uprn: number; as_of: string }> } {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const properties: FakeRow[] = [];
  const licences: FakeRow[] = [];
  const inspections: FakeRow[] = [];
  const complaints: FakeRow[] = [];
  const electors: FakeRow[] = [];
  const councilTax: FakeRow[] = [];
  const housingBenefit: FakeRow[] = [];
  const anchors: Array<{ uprn: number; as_of: string }> = [];
  const licenceDays: number[] = [];
  const edges = [0, 365, 366, 730, 1095, 1096, 1461, 1826, 2100];
  for (let uprn = 1; uprn <= 60; uprn++) {
    properties.push({
      uprn,
      address: `${uprn} Test Street`,
      postcode: 'NW1 0AB',
      ward_code: pick(['E05000001', 'E05000002', 'E05000003']),
      property_type: 'flat',
      council_tax_band: 'C',
      tenure: 'private-rented',
      ...(r() < 0.8 ? { landlord_ref: pick(['L1', 'L2', 'L3', 'L4']) } : {}),
    });
    for (let k = Math.floor(r() * 4); k > 0; k--) {
      const start = Math.floor(r() * 2000);
      const length = pick([-30, 0, 1, 200, 365, 1000]);
      const row = { uprn, licence_ref: `LIC-${uprn}-${k}`, scheme: pick(['mandatory-hmo', 'additional-hmo', 'selective']), start_date: day(start), end_date: day(start + length) };
      licences.push(row);
      if (r() < 0.2) licences.push({ ...row, licence_ref: `${row.licence_ref}b`, start_date: day(start + length + 1), end_date: day(start + length + 90) });
      if (r() < 0.2) licences.push({ ...row, licence_ref: `${row.licence_ref}s`, start_date: day(start + length), end_date: day(start + length + 30) });
      licenceDays.push(start, start + length);
      if (r() < 0.1) licences.push({ ...row, licence_ref: `${row.licence_ref}c` });
    }
    for (let k = Math.floor(r() * 3); k > 0; k--) {
      inspections.push({ uprn, inspection_date: day(pick(edges) + Math.floor(r() * 3)), outcome: pick(['hmo', 'not-hmo', 'no-access']), trigger: 'proactive' });
    }
    for (let k = Math.floor(r() * 5); k > 0; k--) {
      complaints.push({ uprn, received_date: day(pick(edges) + pick([-1, 0, 1]) + 365), category: pick(['noise', 'waste', 'other']) });
    }
    // Spells whose starts and ends fall on window edges, open, back to front, and one person's several spells
    // (and a shared surname), for the catalogue's counts that the cumulative plan computes in the families' pass.
    const spell = (): { start: number; end?: number } => {
      const start = pick(edges) + pick([-1, 0, 1]) + Math.floor(r() * 400);
      const length = pick([-5, 0, 1, 30, 365, 1096, null]);
      return length === null ? { start } : { start, end: start + length };
    };
    for (let k = Math.floor(r() * 6); k > 0; k--) {
      const s = spell();
      electors.push({ uprn, elector_ref: `E${uprn}-${Math.floor(r() * 3)}`, surname_key: pick(['S1', 'S2', 'S3']), registered_date: day(s.start), ...(s.end === undefined ? {} : { removed_date: day(s.end) }) });
    }
    for (let k = Math.floor(r() * 4); k > 0; k--) {
      const s = spell();
      councilTax.push({
        uprn,
        account_ref: `A${uprn}-${Math.floor(r() * 2)}`,
        start_date: day(s.start),
        ...(s.end === undefined ? {} : { end_date: day(s.end) }),
        single_person_discount: r() < 0.4,
        student_exemption: r() < 0.2,
        ...(r() < 0.7 ? { liable_persons: 1 + Math.floor(r() * 4) } : {}),
      });
    }
    for (let k = Math.floor(r() * 4); k > 0; k--) {
      const s = spell();
      housingBenefit.push({
        uprn,
        claim_ref: `C${uprn}-${Math.floor(r() * 2)}`,
        start_date: day(s.start),
        ...(s.end === undefined ? {} : { end_date: day(s.end) }),
        shared_accommodation_rate: r() < 0.5,
        weekly_rent: 80 + Math.floor(r() * 9) * 12.5,
      });
    }
  }
  // Half the rows as of a day a licence starts or ends (or the day before or after), half on the window edges.
  for (let uprn = 1; uprn <= 60; uprn++) {
    const at = uprn % 2 === 0 && licenceDays.length > 0 ? pick(licenceDays) : pick(edges) + 365;
    anchors.push({ uprn, as_of: day(at + pick([-1, 0, 1])) });
  }
  return { borough: { code: CODE, extractDate: '2026-09-30', tables: { properties, licences, inspections, complaints, electoral_register: electors, council_tax: councilTax, housing_benefit: housingBenefit } }, anchors };
}

async function featuresBy(out: string, anchors: Array<{ uprn: number; as_of: string }>, plan: FeaturePlan): Promise<JsonRow[]> {
  const db = await openDropDb(out, [CODE]);
  try {
    const values = anchors.map((a) => `('${CODE}', ${a.uprn}::BIGINT, DATE '${a.as_of}')`).join(', ');
    await db.run(anchorsTableSql(`SELECT * FROM (VALUES ${values}) AS t(borough_code, uprn, as_of)`));
    return await db.json<JsonRow>(featureSelectSql(featureCatalogue(params), params, [], plan));
  } finally {
    db.close();
  }
}

describe('featureSelectSql: the cumulative plan against the reference', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'hmo-cumulative-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  test.each([1, 2, 3])('the same rows, in the same order, with the same values (borough %i)', async (seed) => {
    const { borough, anchors } = trickyBorough(seed);
    await writeIngestedBorough(out, borough);
    const reference = await featuresBy(out, anchors, 'reference');
    const cumulative = await featuresBy(out, anchors, 'cumulative');
    expect(cumulative).toEqual(reference);
    // The comparison means something only if the landlord and ward counts vary.
    for (const feature of ['landlord_other_licensed_hmos', 'ward_licensed_hmo_share', 'ward_hmo_inspection_rate', 'ward_complaint_rate']) {
      expect(new Set(reference.map((row) => row[feature])).size).toBeGreaterThan(2);
    }
    // ... and the catalogue's measures of the dated tables, which the cumulative plan computes in the families' pass.
    for (const feature of [
      'electors_current',
      'surnames_current',
      'surname_diversity',
      'registrations_recent',
      'removals_recent',
      'ct_live_accounts',
      'ct_single_person_discount',
      'ct_liable_persons',
      'ct_accounts_opened_long',
      'hb_live_claims',
      'hb_shared_rate_claims',
      'hb_claimants_long',
      'hb_median_weekly_rent',
      'complaints_recent',
      'complaints_long',
    ]) {
      expect([feature, new Set(reference.map((row) => row[feature])).size > 1]).toEqual([feature, true]);
    }
  });

  test('the reference plan is what the catalogue hash names', () => {
    const sql = featureSelectSql(featureCatalogue(params), params, [], 'reference');
    // The catalogue's own counts are joins in the reference, running totals per ward and day in the cumulative plan;
    // the membership families look their totals up with ASOF joins in the reference, by equality joins on added days in the other.
    const own = sql.slice(0, sql.indexOf('f_ct AS ('));
    expect(own).toContain('wi AS (');
    expect(own).not.toContain('ward_live');
    expect(sql).toContain('ASOF LEFT JOIN f_ll_days');
    const cumulative = featureSelectSql(featureCatalogue(params), params);
    expect(cumulative).toContain('ward_live AS (');
    expect(cumulative).toContain('f_ll_points AS (');
    expect(cumulative).not.toContain('ASOF');
  });

  test('the cumulative plan aggregates each dated table in one pass: the catalogue\'s counts in the family\'s', () => {
    const joins = (sql: string, table: string) => sql.split(`JOIN ${table} `).length - 1;
    const reference = featureSelectSql(featureCatalogue(params), params, [], 'reference');
    const cumulative = featureSelectSql(featureCatalogue(params), params);
    for (const cte of ['er', 'ct', 'hb', 'cp']) {
      expect(reference).toMatch(new RegExp(`^${cte} AS \\(`, 'm'));
      expect(cumulative).not.toMatch(new RegExp(`^${cte} AS \\(`, 'm'));
      expect(cumulative).not.toContain(`LEFT JOIN ${cte} ON`);
    }
    // The reference joins a spell table for the catalogue and for the family; the cumulative plan only in the family's
    // two group-bys (the spells', and each person's flags), with the catalogue's measures added to them.
    for (const table of ['electoral_register', 'council_tax', 'housing_benefit']) {
      expect(joins(reference, table)).toBe(2);
      expect(joins(cumulative, table)).toBe(2);
    }
    expect(cumulative).toContain('AS electors_current');
    expect(cumulative).toContain('AS median_weekly_rent');
    expect(cumulative).toContain('AS recent_all');
  });
});
