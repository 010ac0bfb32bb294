import { FEATURE_CATALOGUE } from '../../../pipeline/features/catalogue.js';
import { checkability, CHECKABILITY_RULES } from '../../../pipeline/rank/reasonCheckability.js';
import { ReasonCatalogue, reasonsFor } from '../../../pipeline/rank/reasonsFor.js';
import { listOrderByUprn as rankOrder } from '../../../pipeline/frame/listOrder.js';
import { riskBand } from '../../../pipeline/rank/riskBand.js';
import type { EvidenceCatalogue } from '../../../pipeline/rank/EvidenceCatalogue.js';

const catalogue: EvidenceCatalogue = [
  { name: 'a', evidence: (row, asOf) => `a is ${row.a} (as of ${asOf})` },
  { name: 'b', evidence: (row) => (row.b === null ? null : `b is ${row.b}`) },
  { name: 'c', evidence: () => 'shared sentence' },
  { name: 'd', evidence: () => 'shared sentence' },
  { name: 'e', evidence: () => 'a' },
  { name: 'f', evidence: () => '   ' },
];

describe('reasonsFor', () => {
  test('takes positive contributions only, largest first, at most three', () => {
    const attributions = [
      { feature: 'b', contribution: 0.5 },
      { feature: 'a', contribution: 2 },
      { feature: 'c', contribution: 0.1 },
      { feature: 'd', contribution: -3 },
    ];
    expect(reasonsFor(attributions, { a: 4, b: 1 }, '2026-09-30', catalogue)).toEqual(['a is 4 (as of 2026-09-30)', 'b is 1', 'shared sentence']);
    expect(reasonsFor(attributions, { a: 4, b: 1 }, '2026-09-30', catalogue, 2)).toEqual(['a is 4 (as of 2026-09-30)', 'b is 1']);
  });

  test('skips features that are no evidence, unknown to the catalogue, repeated, blank or a bare feature name', () => {
    const attributions = [
      { feature: 'b', contribution: 5 },
      { feature: 'unknown_feature', contribution: 4 },
      { feature: 'c', contribution: 3 },
      { feature: 'd', contribution: 2 },
      { feature: 'e', contribution: 1.5 },
      { feature: 'f', contribution: 1.2 },
      { feature: 'a', contribution: 0 },
    ];
    expect(reasonsFor(attributions, { a: 1, b: null }, '2026-09-30', catalogue)).toEqual(['shared sentence']);
  });

  test('gives at most one reason per catalogue group: the strongest one that is evidence', () => {
    const grouped: EvidenceCatalogue = [
      { name: 'electors', group: 'people', evidence: (row) => (row.electors === null ? null : `${row.electors} electors`) },
      { name: 'surnames', group: 'people', evidence: (row) => `${row.surnames} surnames` },
      { name: 'complaints', evidence: (row) => `${row.complaints} complaints` },
    ];
    const attributions = [
      { feature: 'electors', contribution: 3 },
      { feature: 'surnames', contribution: 2 },
      { feature: 'complaints', contribution: 1 },
    ];
    expect(reasonsFor(attributions, { electors: 6, surnames: 5, complaints: 2 }, 'x', grouped)).toEqual(['6 electors', '2 complaints']);
    // When the strongest of the group is no evidence, the next of the group may speak.
    expect(reasonsFor(attributions, { electors: null, surnames: 5, complaints: 2 }, 'x', grouped)).toEqual(['5 surnames', '2 complaints']);
  });

  test("a group's sentence is told which other features of the group push the score up too", () => {
    const seen: Array<string[] | undefined> = [];
    const property: EvidenceCatalogue = [
      { name: 'tenure', group: 'property', evidence: (_row, _asOf, together) => (seen.push(together && [...together].sort()), 'private-rented terraced house') },
      { name: 'built_form', group: 'property', evidence: () => 'terraced house' },
      { name: 'year_built', group: 'property', evidence: () => 'built in 1890' },
    ];
    const attributions = [
      { feature: 'tenure', contribution: 2 },
      { feature: 'built_form', contribution: 1 },
      { feature: 'year_built', contribution: -1 },
    ];
    expect(reasonsFor(attributions, {}, 'x', property)).toEqual(['private-rented terraced house']);
    expect(seen).toEqual([['built_form', 'tenure']]);
  });

  test("context (the ward) comes after the property's own evidence, and only fills a place left over", () => {
    const withWard: EvidenceCatalogue = [
      { name: 'ward_share', group: 'ward', context: true, evidence: () => 'in a ward where 4.2% of the other homes hold an HMO licence' },
      { name: 'ward_rate', group: 'ward', context: true, evidence: () => 'in a ward with 12.5 complaints per 100 homes' },
      { name: 'electors', evidence: () => '5 electors' },
      { name: 'complaints', evidence: () => '2 complaints' },
      { name: 'rooms', evidence: () => '6 rooms' },
    ];
    const attributions = [
      { feature: 'ward_share', contribution: 5 },
      { feature: 'ward_rate', contribution: 4 },
      { feature: 'electors', contribution: 3 },
      { feature: 'complaints', contribution: 1 },
      { feature: 'rooms', contribution: 0.5 },
    ];
    expect(reasonsFor(attributions, {}, 'x', withWard)).toEqual(['5 electors', '2 complaints', '6 rooms']);
    expect(reasonsFor(attributions.filter((a) => a.feature !== 'rooms'), {}, 'x', withWard)).toEqual([
      '5 electors',
      '2 complaints',
      'in a ward where 4.2% of the other homes hold an HMO licence',
    ]);
    expect(reasonsFor(attributions.filter((a) => a.feature.startsWith('ward')), {}, 'x', withWard)).toEqual([
      'in a ward where 4.2% of the other homes hold an HMO licence',
    ]);
  });

  test('reasons an officer can check on the doorstep come before record-only ones, weak ones and the ward, whatever their contributions', () => {
    const real: EvidenceCatalogue = [
      { name: 'year_built', group: 'property', evidence: (row) => `house, built in ${row.year_built}` },
      { name: 'electors_current', group: 'electors', evidence: (row) => `${row.electors_current} electors with ${row.surnames_current} different surnames registered` },
      { name: 'registrations_long', group: 'elector_churn', evidence: () => '5 new electors registered in the 36 months' },
      { name: 'ct_student_exemption', group: 'council_tax_student', evidence: () => 'council tax student exemption in place' },
      { name: 'ward_licensed_hmo_share', group: 'ward', context: true, evidence: () => 'in a ward where 4.2% of the other homes hold an HMO licence' },
    ];
    const attributions = [
      { feature: 'ward_licensed_hmo_share', contribution: 9 },
      { feature: 'year_built', contribution: 5 },
      { feature: 'electors_current', contribution: 4 },
      { feature: 'registrations_long', contribution: 2 },
      { feature: 'ct_student_exemption', contribution: 1 },
    ];
    // A couple (2 electors, 2 surnames) and the building's age are weak: below the student exemption and the turnover,
    // and between the two weak ones the larger contribution (the age) takes the last place.
    expect(reasonsFor(attributions, { year_built: 1907, electors_current: 2, surnames_current: 2 }, 'x', real)).toEqual([
      'council tax student exemption in place',
      '5 new electors registered in the 36 months',
      'house, built in 1907',
    ]);
    // Six adults with six surnames can be checked at the door: first, before the exemption (larger contribution).
    expect(reasonsFor(attributions, { year_built: 1907, electors_current: 6, surnames_current: 6 }, 'x', real)).toEqual([
      '6 electors with 6 different surnames registered',
      'council tax student exemption in place',
      '5 new electors registered in the 36 months',
    ]);
    // The order never costs a reason: with only weak evidence and the ward, both are given, the ward last.
    expect(reasonsFor(attributions.filter((a) => ['year_built', 'ward_licensed_hmo_share'].includes(a.feature)), { year_built: 1907 }, 'x', real)).toEqual([
      'house, built in 1907',
      'in a ward where 4.2% of the other homes hold an HMO licence',
    ]);
  });

  test('checkability: the rules of the catalogue features', () => {
    expect(checkability('surnames_current', { electors_current: 2, surnames_current: 2 }, false)).toBe('weak');
    expect(checkability('surnames_current', { electors_current: 3, surnames_current: 3 }, false)).toBe('doorstep');
    expect(checkability('electors_current', { electors_current: 5 }, false)).toBe('doorstep');
    expect(checkability('electors_current', { electors_current: 3, surnames_current: 1 }, false)).toBe('weak');
    expect(checkability('year_built', {}, false)).toBe('weak');
    expect(checkability('complaints_noise_recent', {}, false)).toBe('doorstep');
    expect(checkability('complaints_planning_recent', {}, false)).toBe('records');
    expect(checkability('landlord_other_licensed_hmos', {}, false)).toBe('records');
    expect(checkability('ward_complaint_rate', {}, true)).toBe('context');
    // Every feature the rules name is a feature of the catalogue (a renamed feature would silently fall back to "records").
    const names = new Set(FEATURE_CATALOGUE.map((f) => f.name));
    expect([...CHECKABILITY_RULES.keys()].filter((name) => !names.has(name))).toEqual([]);
  });

  test('the same answer from a prebuilt ReasonCatalogue', () => {
    const attributions = [
      { feature: 'b', contribution: 0.5 },
      { feature: 'a', contribution: 2 },
    ];
    const index = new ReasonCatalogue(catalogue);
    expect(reasonsFor(attributions, { a: 4, b: 1 }, 'd', index)).toEqual(reasonsFor(attributions, { a: 4, b: 1 }, 'd', catalogue));
  });

  test('gives nothing when nothing pushes the score up', () => {
    expect(reasonsFor([{ feature: 'a', contribution: -1 }, { feature: 'b', contribution: Number.NaN }], { a: 1, b: 2 }, 'x', catalogue)).toEqual([]);
  });
});

describe('rankOrder', () => {
  test('orders by score descending, then UPRN ascending as a number', () => {
    expect(rankOrder(['20', '3', '100', '1000000000001'], [0.5, 0.5, 0.9, 0.5])).toEqual([2, 1, 0, 3]);
  });
});

describe('riskBand', () => {
  test('bands the score as printed, thresholds inclusive', () => {
    const bands = { high: 0.5, medium: 0.2 };
    expect(riskBand(0.5, bands)).toBe('high');
    expect(riskBand(0.4996, bands)).toBe('high');
    expect(riskBand(0.4994, bands)).toBe('medium');
    expect(riskBand(0.2, bands)).toBe('medium');
    expect(riskBand(0.1999, bands)).toBe('medium');
    expect(riskBand(0.1994, bands)).toBe('low');
  });
});
