import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueHash, evidenceFor, featureCatalogue, featureNames, type FeatureRow } from '../../../pipeline/features/catalogue.js';
import { CATALOGUE_DOCS_PATH, renderCatalogueMarkdown } from '../../../pipeline/features/renderCatalogueMarkdown.js';
import { loadSchema } from '../../../pipeline/standard/schema.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';

const AS_OF = '2026-09-30';
const catalogue = featureCatalogue();
const feature = (name: string) => {
  const f = catalogue.find((x) => x.name === name);
  if (f === undefined) throw new Error(`no feature ${name}`);
  return f;
};

describe('feature catalogue', () => {
  test('names are unique snake_case and cover the signals an inspector would name', () => {
    const names = featureNames();
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
    for (const signal of [
      'electors_current', 'surnames_current', 'registrations_recent', 'removals_recent',
      'ct_discount_with_electors', 'ct_accounts_opened_long', 'ct_liable_persons', 'ct_student_exemption',
      'hb_live_claims', 'hb_shared_rate_claims', 'hb_claimants_long',
      'complaints_recent', 'complaints_long', 'complaints_noise_recent', 'complaints_waste_long', 'complaints_overcrowding_recent',
      'complaints_pests_recent', 'complaints_asb_long', 'habitable_rooms', 'floor_area_per_room', 'property_type', 'built_form',
      'council_tax_band', 'tenure', 'epc_rating', 'year_built', 'landlord_other_licensed_hmos', 'ward_licensed_hmo_share',
      'ward_hmo_inspection_rate', 'ward_complaint_rate', 'housing_benefit_supplied', 'complaints_supplied',
    ]) expect(names).toContain(signal);
  });

  test("categorical features take their categories from the standard's enums", () => {
    const schema = loadSchema();
    for (const f of catalogue.filter((x) => x.kind === 'categorical')) {
      // A property column's enum, or the enum of the column the name ends with (own_last_outcome: inspections.outcome).
      const table = schema.table(f.sources[0] ?? 'properties');
      expect([f.name, f.categories]).toEqual([f.name, table.columns.find((c) => c.name === f.name || f.name.endsWith(`_${c.name}`))?.values]);
    }
    const categories = schema.table('complaints').columns.find((c) => c.name === 'category')?.values ?? [];
    for (const c of categories) expect(featureNames()).toEqual(expect.arrayContaining([`complaints_${c}_recent`, `complaints_${c}_long`]));
  });

  test('every entry documents meaning, sources, window and nulls', () => {
    for (const f of catalogue) {
      expect(f.meaning.length).toBeGreaterThan(10);
      expect(f.sources.length).toBeGreaterThan(0);
      for (const s of f.sources) expect(loadSchema().hasTable(s)).toBe(true);
      expect(f.window).not.toBe('');
      expect(f.nulls).not.toBe('');
    }
  });

  test('evidence sentences name the evidence and its date, as an officer would say it', () => {
    expect(feature('surnames_current').evidence({ electors_current: 6, surnames_current: 5 }, AS_OF)).toBe(
      '6 electors with 5 different surnames registered (as of 2026-09-30)',
    );
    expect(feature('ct_discount_with_electors').evidence({ ct_discount_with_electors: 1, electors_current: 4 }, AS_OF)).toBe(
      'single-person discount claimed while 4 electors are registered (as of 2026-09-30)',
    );
    expect(feature('complaints_noise_recent').evidence({ complaints_noise_recent: 3 }, AS_OF)).toBe('3 noise complaints in the 12 months to 2026-09-30');
    expect(feature('complaints_asb_recent').evidence({ complaints_asb_recent: 1 }, AS_OF)).toBe('1 anti-social behaviour complaint in the 12 months to 2026-09-30');
    expect(feature('landlord_other_licensed_hmos').evidence({ landlord_other_licensed_hmos: 3 }, AS_OF)).toBe(
      'landlord holds 3 other licensed HMOs in the borough (as of 2026-09-30)',
    );
    expect(feature('hb_shared_rate_claims').evidence({ hb_shared_rate_claims: 1 }, AS_OF)).toBe(
      '1 housing benefit claim assessed at the shared-accommodation rate (as of 2026-09-30)',
    );
    // The window in the sentence follows the params.
    const six = featureCatalogue({ recent_months: 6, long_months: 24 }).find((f) => f.name === 'complaints_noise_recent');
    expect(six?.evidence({ complaints_noise_recent: 2 }, AS_OF)).toBe('2 noise complaints in the 6 months to 2026-09-30');
  });

  test('no evidence from a value that is not evidence, a null, or a context feature', () => {
    expect(feature('complaints_noise_recent').evidence({ complaints_noise_recent: 0 }, AS_OF)).toBeNull();
    expect(feature('complaints_noise_recent').evidence({ complaints_noise_recent: null }, AS_OF)).toBeNull();
    expect(feature('electors_current').evidence({ electors_current: 1 }, AS_OF)).toBeNull();
    expect(feature('surnames_current').evidence({ electors_current: 2, surnames_current: 1 }, AS_OF)).toBeNull();
    expect(feature('ct_discount_with_electors').evidence({ ct_discount_with_electors: 0, electors_current: 4 }, AS_OF)).toBeNull();
    expect(feature('landlord_other_licensed_hmos').evidence({ landlord_other_licensed_hmos: 0 }, AS_OF)).toBeNull();
    for (const silent of ['housing_benefit_supplied', 'complaints_supplied', 'ct_single_person_discount', 'hb_median_weekly_rent']) {
      expect(feature(silent).evidence({ [silent]: 1, property_type: 'house', tenure: 'private-rented' }, AS_OF)).toBeNull();
    }
    // A couple, one liable person for one elector, a tenure or built form that says nothing, too few rooms.
    expect(feature('electors_current').evidence({ electors_current: 2, surnames_current: 1 }, AS_OF)).toBeNull();
    expect(feature('ct_liable_persons').evidence({ ct_liable_persons: 1, electors_current: 1 }, AS_OF)).toBeNull();
    expect(feature('tenure').evidence({ tenure: 'owner-occupied', property_type: 'house' }, AS_OF)).toBeNull();
    expect(feature('built_form').evidence({ built_form: 'unknown', property_type: 'house' }, AS_OF)).toBeNull();
    expect(feature('habitable_rooms').evidence({ habitable_rooms: 2, property_type: 'flat' }, AS_OF)).toBeNull();
    expect(feature('ward_licensed_hmo_share').evidence({ ward_licensed_hmo_share: 0 }, AS_OF)).toBeNull();
    expect(feature('landlord_other_properties').evidence({ landlord_other_properties: 1 }, AS_OF)).toBeNull();
  });

  test('one person on the bill without the single-person discount, and recent spells, are stated with their dates', () => {
    const oneName = '1 person named on the council tax bill and no single-person discount claimed (as of 2026-09-30)';
    // the same sentence from either feature, so a list gives it once
    expect(feature('ct_liable_persons').evidence({ ct_liable_persons: 1, ct_single_person_discount: 0, electors_current: 1 }, AS_OF)).toBe(oneName);
    expect(feature('ct_single_person_discount').evidence({ ct_liable_persons: 1, ct_single_person_discount: 0 }, AS_OF)).toBe(oneName);
    expect(feature('ct_single_person_discount').evidence({ ct_liable_persons: 1, ct_single_person_discount: 1 }, AS_OF)).toBeNull();
    expect(feature('ct_single_person_discount').evidence({ ct_liable_persons: 2, ct_single_person_discount: 0 }, AS_OF)).toBeNull();
    expect(feature('ct_days_since_start').evidence({ ct_days_since_start: 29 }, AS_OF)).toBe('the latest council tax account opened on 2026-09-01');
    expect(feature('er_days_since_end').evidence({ er_days_since_end: 0 }, AS_OF)).toBe('the latest elector removed from the register on 2026-09-30');
    expect(feature('ct_open_max_age_days').evidence({ ct_open_max_age_days: 272, ct_open_mean_age_days: 100 }, AS_OF)).toBe(
      'council tax accounts open on 2026-09-30 all opened on or after 2026-01-01',
    );
    expect(feature('ct_open_mean_age_days').evidence({ ct_open_max_age_days: 272, ct_open_mean_age_days: 100 }, AS_OF)).toBe(
      'council tax accounts open on 2026-09-30 all opened on or after 2026-01-01',
    );
    // a settled household: an account open for years, a start or an end long ago, say nothing
    expect(feature('ct_open_max_age_days').evidence({ ct_open_max_age_days: 2000, ct_open_mean_age_days: 100 }, AS_OF)).toBeNull();
    expect(feature('ct_days_since_start').evidence({ ct_days_since_start: 731 }, AS_OF)).toBeNull();
    expect(feature('hb_days_since_start').evidence({ hb_days_since_start: null }, AS_OF)).toBeNull();
  });

  test('property facts are stated from the record, naming only the facts asked for', () => {
    const row: FeatureRow = {
      tenure: 'private-rented', built_form: 'terraced', property_type: 'house', habitable_rooms: 6, floor_area_m2: 119.6,
      council_tax_band: 'E', year_built: 1890, epc_rating: 'E', floor_area_per_room: 19.9,
    };
    // Alone, each feature states its own fact (the property type is the noun).
    expect(feature('tenure').evidence(row, AS_OF)).toBe('private-rented house');
    expect(feature('habitable_rooms').evidence(row, AS_OF)).toBe('house with 6 habitable rooms (latest EPC)');
    expect(feature('floor_area_per_room').evidence(row, AS_OF)).toBe('house with 6 habitable rooms and 120 m² (latest EPC)');
    expect(feature('council_tax_band').evidence(row, AS_OF)).toBe('house, council tax band E');
    expect(feature('property_type').evidence(row, AS_OF)).toBe('house (property record)');
    // Together with the other property features that push the same score up: one sentence.
    const together = new Set(['tenure', 'built_form', 'habitable_rooms', 'council_tax_band', 'year_built']);
    expect(feature('tenure').evidence(row, AS_OF, together)).toBe(
      'private-rented terraced house with 6 habitable rooms (latest EPC), council tax band E, built in 1890',
    );
    expect(feature('built_form').evidence({ ...row, property_type: 'other' }, AS_OF)).toBe('terraced property');
  });

  test('ward figures are phrased as context about the area, with their date', () => {
    expect(feature('ward_licensed_hmo_share').evidence({ ward_licensed_hmo_share: 0.042 }, AS_OF)).toBe(
      'in a ward where 4.2% of the other homes hold an HMO licence (as of 2026-09-30)',
    );
    expect(feature('ward_hmo_inspection_rate').evidence({ ward_hmo_inspection_rate: 0.667 }, AS_OF)).toBe(
      "in a ward where 67% of the council's conclusive inspections up to 2026-09-30 found an HMO",
    );
    expect(feature('ward_complaint_rate').evidence({ ward_complaint_rate: 12.46 }, AS_OF)).toBe(
      'in a ward with 12.5 complaints per 100 homes in the 12 months to 2026-09-30',
    );
    // Context is the area around the property: its ward and its postcode.
    for (const f of catalogue) expect([f.name, f.context === true]).toEqual([f.name, /^(ward|postcode)(_|$)/.test(f.group)]);
  });

  test('counts just above a household of one are stated: the model reacts to them', () => {
    expect(feature('surnames_current').evidence({ electors_current: 2, surnames_current: 2 }, AS_OF)).toBe(
      '2 electors with 2 different surnames registered (as of 2026-09-30)',
    );
    expect(feature('surname_diversity').evidence({ electors_current: 2, surnames_current: 2, surname_diversity: 1 }, AS_OF)).toBe(
      '2 electors with 2 different surnames registered (as of 2026-09-30)',
    );
    expect(feature('electors_current').evidence({ electors_current: 3, surnames_current: 1 }, AS_OF)).toBe('3 electors registered at the address (as of 2026-09-30)');
    expect(feature('ct_liable_persons').evidence({ ct_liable_persons: 1, electors_current: 5 }, AS_OF)).toBe(
      '1 person named on the council tax bill while 5 electors are registered (as of 2026-09-30)',
    );
    expect(feature('registrations_recent').evidence({ registrations_recent: 2 }, AS_OF)).toBe('2 new electors registered in the 12 months to 2026-09-30');
    expect(feature('complaints_waste_long').evidence({ complaints_waste_long: 1 }, AS_OF)).toBe('1 waste complaint in the 36 months to 2026-09-30');
    expect(feature('complaints_planning_recent').evidence({ complaints_planning_recent: 1 }, AS_OF)).toBe('1 planning complaint in the 12 months to 2026-09-30');
    expect(feature('hb_claimants_long').evidence({ hb_claimants_long: 2 }, AS_OF)).toBe('2 different housing benefit claimants in the 36 months to 2026-09-30');
  });

  test('a sentence never holds a feature name or a reference, even for a row with every value high', () => {
    const loud: Record<string, number | string> = {};
    for (const f of catalogue) loud[f.name] = f.kind === 'categorical' ? (f.categories?.[0] ?? 'x') : 9;
    const names = featureNames();
    const sentences = catalogue.map((f) => f.evidence(loud, AS_OF)).filter((s): s is string => s !== null);
    expect(sentences.length).toBeGreaterThan(20);
    for (const s of sentences) {
      for (const name of names) expect(s.includes(name) ? `${s} holds ${name}` : 'ok').toBe('ok');
      expect(s).not.toMatch(/_ref|surname_key|NaN|undefined|null/);
      expect(s).toMatch(/^[0-9a-z]/);
    }
  });

  test('evidenceFor gives at most one sentence per group', () => {
    const row: FeatureRow = { electors_current: 6, surnames_current: 5, complaints_noise_recent: 3, complaints_noise_long: 4 };
    const found = evidenceFor(row, AS_OF);
    expect(found.map((e) => e.feature)).toEqual(['electors_current', 'complaints_noise_recent']);
    expect(found[0]?.sentence).toBe('6 electors with 5 different surnames registered (as of 2026-09-30)');
    expect(evidenceFor({ electors_current: 8, surnames_current: 1 }, AS_OF).map((e) => e.sentence)).toEqual(['8 electors registered at the address (as of 2026-09-30)']);
  });

  test('catalogueHash is stable, and changes with the windows', () => {
    expect(catalogueHash()).toBe(catalogueHash({ recent_months: 12, long_months: 36 }));
    expect(catalogueHash()).toMatch(/^[0-9a-f]{64}$/);
    expect(catalogueHash({ recent_months: 6, long_months: 36 })).not.toBe(catalogueHash());
  });

  test(`${CATALOGUE_DOCS_PATH} is up to date (run "npm run docs:features" when this fails)`, () => {
    const onDisk = readFileSync(join(packageRoot(), CATALOGUE_DOCS_PATH), 'utf8');
    expect(onDisk).toBe(renderCatalogueMarkdown());
    for (const name of featureNames()) expect(onDisk).toContain(`\`${name}\``);
  });
});
