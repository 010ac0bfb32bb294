import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDropDb } from '../../../pipeline/db/openDropDb.js';
import { featureCatalogue } from '../../../pipeline/features/catalogue.js';
import { FEATURE_FAMILIES } from '../../../pipeline/features/families/featureFamilies.js';
import { anchorsTableSql, featureSelectSql } from '../../../pipeline/features/featureSql.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { writeIngestedBorough, type FakeBorough, type FakeRow } from '../../helpers/writeIngestedBorough.js';
import type { JsonRow } from './readParquetRows.js';

const CODE = 'E09000007';
const params = DEFAULT_PARAMS.features;
const CUT = '2024-06-30';
const LATER = '2026-06-30';

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (offset: number) => new Date(Date.UTC(2018, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * A borough with records of every table of the standard on both sides of
 * CUT (and on it, and the day after): spells that end after it, licences of
 * every scheme starting after it, inspections of every outcome, complaints,
 * housing benefit claims naming landlords, several postcodes and wards.
 */
function borough(seed: number): FakeBorough & { tables: Record<string, FakeRow[]> } {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const when = () => (r() < 0.1 ? pick([CUT, day(2373)]) : day(Math.floor(r() * 3100))); // day(2373) = CUT + 1
  const tables: Record<string, FakeRow[]> = { properties: [], council_tax: [], electoral_register: [], licences: [], inspections: [], housing_benefit: [], complaints: [] };
  const push = (table: string, row: FakeRow) => (tables[table] as FakeRow[]).push(row);
  const spell = (start: string) => (r() < 0.4 ? {} : { end: day(Math.round((Date.parse(start) - Date.UTC(2018, 0, 1)) / 86_400_000) + Math.floor(r() * 1500)) });
  for (let uprn = 1; uprn <= 50; uprn++) {
    push('properties', {
      uprn,
      address: `${uprn} Test Street`,
      postcode: pick(['NW1 0AA', 'NW1 0AB', 'NW1 0AD']),
      ward_code: pick(['E05000001', 'E05000002']),
      property_type: pick(['house', 'flat']),
      council_tax_band: 'C',
      tenure: pick(['private-rented', 'owner-occupied', 'unknown']),
      ...(r() < 0.6 ? { landlord_ref: pick(['L1', 'L2', 'L3']) } : {}),
    });
    for (let k = Math.floor(r() * 4); k > 0; k--) {
      const start = when();
      const s = spell(start);
      push('council_tax', { uprn, account_ref: `a${uprn}-${k}`, start_date: start, end_date: s.end ?? null, single_person_discount: r() < 0.3, student_exemption: r() < 0.1, liable_persons: 1 + Math.floor(r() * 3) });
    }
    for (let k = Math.floor(r() * 5); k > 0; k--) {
      const start = when();
      push('electoral_register', { uprn, elector_ref: `e${uprn}-${k}`, surname_key: `s${Math.floor(r() * 20)}`, registered_date: start, removed_date: spell(start).end ?? null });
    }
    for (let k = Math.floor(r() * 3); k > 0; k--) {
      const start = when();
      push('housing_benefit', { uprn, claim_ref: `c${uprn}-${k}`, start_date: start, end_date: spell(start).end ?? null, shared_accommodation_rate: r() < 0.4, weekly_rent: 80 + Math.floor(r() * 200), landlord_ref: r() < 0.7 ? pick(['L1', 'L2', 'L3', 'L4']) : null });
    }
    for (let k = Math.floor(r() * 3); k > 0; k--) {
      const start = when();
      push('licences', { uprn, licence_ref: `LIC-${uprn}-${k}`, scheme: pick(['mandatory-hmo', 'additional-hmo', 'selective']), start_date: start, end_date: day(Math.round((Date.parse(start) - Date.UTC(2018, 0, 1)) / 86_400_000) + pick([-5, 300, 1000, 1800])), max_occupants: 3 + Math.floor(r() * 5), max_households: 1 + Math.floor(r() * 4) });
    }
    for (let k = Math.floor(r() * 4); k > 0; k--) {
      push('inspections', { uprn, inspection_date: when(), outcome: pick(['hmo', 'not-hmo', 'no-access']), trigger: pick(['complaint', 'proactive', 'model', 'licence-application']) });
    }
    for (let k = Math.floor(r() * 6); k > 0; k--) push('complaints', { uprn, received_date: when(), category: pick(['noise', 'waste', 'overcrowding', 'other']) });
  }
  return { code: CODE, extractDate: '2026-09-30', tables };
}

/**
 * The borough as its extract would have been on CUT: records dated after CUT
 * removed, ends and removals after CUT not yet known (null: still open).
 * A licence's expiry is known from its grant and stays.
 */
function asExtractedOn(full: ReturnType<typeof borough>): FakeBorough {
  const t = full.tables;
  const by = (date: FakeRow[string]) => typeof date === 'string' && date <= CUT;
  const open = (date: FakeRow[string]): FakeRow[string] => (by(date) ? date : null);
  return {
    code: CODE,
    extractDate: CUT,
    tables: {
      properties: t.properties ?? [],
      council_tax: (t.council_tax ?? []).filter((x) => by(x.start_date)).map((x) => ({ ...x, end_date: open(x.end_date) })),
      electoral_register: (t.electoral_register ?? []).filter((x) => by(x.registered_date)).map((x) => ({ ...x, removed_date: open(x.removed_date) })),
      housing_benefit: (t.housing_benefit ?? []).filter((x) => by(x.start_date)).map((x) => ({ ...x, end_date: open(x.end_date) })),
      licences: (t.licences ?? []).filter((x) => by(x.start_date)),
      inspections: (t.inspections ?? []).filter((x) => by(x.inspection_date)),
      complaints: (t.complaints ?? []).filter((x) => by(x.received_date)),
    },
  };
}

async function featuresAsOf(out: string, asOf: string): Promise<JsonRow[]> {
  const db = await openDropDb(out, [CODE]);
  try {
    await db.run(anchorsTableSql(`SELECT borough_code, uprn, DATE '${asOf}' AS as_of FROM properties`));
    return await db.json<JsonRow>(featureSelectSql(featureCatalogue(params), params));
  } finally {
    db.close();
  }
}

describe('leakage, every feature family', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hmo-families-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test.each([1, 2])('features as of a date are those of the extract made that day: nothing dated after it moves a feature (borough %i)', async (seed) => {
    const full = borough(seed);
    await writeIngestedBorough(join(root, 'full'), full);
    await writeIngestedBorough(join(root, 'cut'), asExtractedOn(full));
    const withFuture = await featuresAsOf(join(root, 'full'), CUT);
    const extracted = await featuresAsOf(join(root, 'cut'), CUT);
    expect(withFuture.length).toBe(50);
    // Every feature of every property, the catalogue's own and every family's.
    expect(withFuture).toEqual(extracted);

    // The test has teeth: the records after CUT move features of every family (they would have leaked).
    const later = await featuresAsOf(join(root, 'full'), LATER);
    for (const family of FEATURE_FAMILIES) {
      const names = family.specs(params).map((f) => f.name);
      const moved = names.filter((name) => withFuture.some((row, i) => row[name] !== later[i]?.[name]));
      expect([family.name, moved.length > 0]).toEqual([family.name, true]);
      // And they vary across properties (a constant would test nothing).
      const varying = names.filter((name) => new Set(withFuture.map((row) => row[name])).size > 1);
      expect([family.name, varying.length]).toEqual([family.name, expect.any(Number)]);
      expect(varying.length / names.length).toBeGreaterThan(0.5);
    }
  });
});
