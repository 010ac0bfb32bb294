import type { FakeBorough, FakeRow } from '../../helpers/writeIngestedBorough.js';

/**
 * A tiny hand-built borough (Camden, extract 2026-09-30) whose every feature
 * is worked out by hand in features.test.ts.
 *
 * Ward W1 (E05000001): properties 1-5; ward W2 (E05000002): property 6.
 * Landlord L1 owns 1-4. Property 1 is HMO-like; 2 holds a current
 * additional-HMO licence; 3 held a mandatory one that expired 2025-01-01;
 * 4 holds only a selective licence. Property 1's own mandatory licence starts
 * on the extract date.
 * Inspections: 2 hmo (licence-application), 3 hmo while licensed, 4 not-hmo
 * then no-access, 5 hmo on 2025-03-01 (complaint), 6 hmo + not-hmo the same day.
 */
export const CAMDEN = 'E09000007';
export const W1 = 'E05000001';
export const W2 = 'E05000002';

const property = (uprn: number, ward: string, extra: FakeRow = {}): FakeRow => ({
  uprn,
  address: `${uprn} Test Street`,
  postcode: 'NW1 0AB',
  ward_code: ward,
  property_type: 'flat',
  council_tax_band: 'C',
  tenure: 'unknown',
  ...extra,
});

export function camdenFixture(): FakeBorough & { tables: Required<FakeBorough['tables']> } {
  return {
    code: CAMDEN,
    extractDate: '2026-09-30',
    tables: {
      properties: [
        property(1, W1, {
          property_type: 'house',
          built_form: 'terraced',
          council_tax_band: 'D',
          tenure: 'private-rented',
          habitable_rooms: 6,
          floor_area_m2: 120,
          epc_rating: 'D',
          year_built: 1900,
          landlord_ref: 'L1',
        }),
        property(2, W1, { landlord_ref: 'L1' }),
        property(3, W1, { landlord_ref: 'L1' }),
        property(4, W1, { landlord_ref: 'L1' }),
        property(5, W1, { floor_area_m2: 80 }),
        property(6, W2),
      ],
      electoral_register: [
        { uprn: 1, elector_ref: 'e1', surname_key: 's1', registered_date: '2024-01-01' },
        { uprn: 1, elector_ref: 'e2', surname_key: 's2', registered_date: '2025-11-01' },
        { uprn: 1, elector_ref: 'e3', surname_key: 's3', registered_date: '2026-09-30' }, // on the extract date: counts
        { uprn: 1, elector_ref: 'e4', surname_key: 's3', registered_date: '2026-03-01' },
        { uprn: 1, elector_ref: 'e5', surname_key: 's4', registered_date: '2023-01-01', removed_date: '2026-05-01' },
        { uprn: 1, elector_ref: 'e6', surname_key: 's5', registered_date: '2022-01-01', removed_date: '2026-09-30' }, // gone at extract
        { uprn: 5, elector_ref: 'x1', surname_key: 'sA', registered_date: '2024-06-01' },
        { uprn: 5, elector_ref: 'x2', surname_key: 'sB', registered_date: '2024-06-01' },
        { uprn: 5, elector_ref: 'x3', surname_key: 'sB', registered_date: '2025-03-01' }, // on the inspection day: not for training
        { uprn: 5, elector_ref: 'x4', surname_key: 'sC', registered_date: '2023-01-01', removed_date: '2025-03-01' }, // live the day before
      ],
      council_tax: [
        { uprn: 1, account_ref: 'a1', start_date: '2020-01-01', end_date: '2024-06-30', single_person_discount: false, student_exemption: false },
        { uprn: 1, account_ref: 'a2', start_date: '2024-07-01', single_person_discount: true, student_exemption: false, liable_persons: 1 },
        { uprn: 1, account_ref: 'a3', start_date: '2026-01-01', single_person_discount: false, student_exemption: true, liable_persons: 3 },
      ],
      licences: [
        { uprn: 2, licence_ref: 'LIC-2', scheme: 'additional-hmo', start_date: '2024-01-01', end_date: '2029-01-01' },
        { uprn: 3, licence_ref: 'LIC-3', scheme: 'mandatory-hmo', start_date: '2020-01-01', end_date: '2025-01-01' },
        { uprn: 4, licence_ref: 'LIC-4', scheme: 'selective', start_date: '2024-01-01', end_date: '2029-01-01' },
        { uprn: 1, licence_ref: 'LIC-1', scheme: 'mandatory-hmo', start_date: '2026-09-30', end_date: '2031-09-29' },
      ],
      inspections: [
        { uprn: 2, inspection_date: '2023-12-01', outcome: 'hmo', trigger: 'licence-application' },
        { uprn: 3, inspection_date: '2023-06-01', outcome: 'hmo', trigger: 'proactive' },
        { uprn: 4, inspection_date: '2024-05-01', outcome: 'not-hmo', trigger: 'proactive' },
        { uprn: 4, inspection_date: '2025-01-01', outcome: 'no-access', trigger: 'complaint' },
        { uprn: 5, inspection_date: '2025-03-01', outcome: 'hmo', trigger: 'complaint' },
        { uprn: 6, inspection_date: '2026-01-10', outcome: 'not-hmo', trigger: 'model' },
        { uprn: 6, inspection_date: '2026-01-10', outcome: 'hmo', trigger: 'complaint' },
      ],
      housing_benefit: [
        { uprn: 1, claim_ref: 'c1', start_date: '2025-01-01', shared_accommodation_rate: true, weekly_rent: 100 },
        { uprn: 1, claim_ref: 'c2', start_date: '2024-01-01', end_date: '2025-01-01', shared_accommodation_rate: false, weekly_rent: 150 },
        { uprn: 1, claim_ref: 'c3', start_date: '2026-02-01', shared_accommodation_rate: true, weekly_rent: 120 },
      ],
      complaints: [
        { uprn: 1, received_date: '2026-09-30', category: 'noise' }, // on the extract date: counts
        { uprn: 1, received_date: '2026-01-15', category: 'noise' },
        { uprn: 1, received_date: '2025-06-01', category: 'waste' },
        { uprn: 1, received_date: '2024-01-01', category: 'overcrowding' },
        { uprn: 1, received_date: '2022-01-01', category: 'asb' },
        { uprn: 2, received_date: '2026-06-01', category: 'other' },
        { uprn: 5, received_date: '2025-02-28', category: 'overcrowding' },
        { uprn: 5, received_date: '2025-03-01', category: 'noise' }, // on the inspection day: not for training
      ],
    },
  };
}

/**
 * The same borough with records dated on or after property 5's inspection
 * (2025-03-01) that would change its features if they leaked: more electors,
 * an elector removed, complaints, a licence, a council tax account, a shared-rate
 * claim, a later no-access visit, and a licence and complaint next door.
 */
export function camdenWithFutureRecords(): FakeBorough {
  const base = camdenFixture();
  const t = base.tables;
  return {
    ...base,
    tables: {
      ...t,
      electoral_register: [
        ...t.electoral_register.map((r) => (r.elector_ref === 'x1' ? { ...r, removed_date: '2025-04-01' } : r)),
        { uprn: 5, elector_ref: 'x5', surname_key: 'sD', registered_date: '2025-06-01' },
        { uprn: 5, elector_ref: 'x6', surname_key: 'sE', registered_date: '2025-03-01' },
      ],
      complaints: [
        ...t.complaints,
        { uprn: 5, received_date: '2025-05-01', category: 'asb' },
        { uprn: 5, received_date: '2026-01-01', category: 'overcrowding' },
        { uprn: 4, received_date: '2025-03-15', category: 'noise' },
      ],
      licences: [
        ...t.licences,
        { uprn: 5, licence_ref: 'LIC-5', scheme: 'additional-hmo', start_date: '2025-06-01', end_date: '2030-05-31' },
        { uprn: 4, licence_ref: 'LIC-4b', scheme: 'mandatory-hmo', start_date: '2025-03-01', end_date: '2030-02-28' },
      ],
      council_tax: [
        ...t.council_tax,
        { uprn: 5, account_ref: 'a9', start_date: '2025-04-01', single_person_discount: true, student_exemption: false, liable_persons: 1 },
      ],
      housing_benefit: [...t.housing_benefit, { uprn: 5, claim_ref: 'c9', start_date: '2025-05-01', shared_accommodation_rate: true, weekly_rent: 95 }],
      inspections: [...t.inspections, { uprn: 5, inspection_date: '2025-09-01', outcome: 'no-access', trigger: 'proactive' }],
    },
  };
}
