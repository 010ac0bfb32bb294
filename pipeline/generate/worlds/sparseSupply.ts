import { calibratedWorld } from './calibrated.js';
import type { World } from './World.js';

/**
 * Which optional tables and columns are missing: no borough supplies
 * housing benefit, half supply no complaints; properties.csv lacks the EPC
 * columns in most boroughs and landlord_ref in some; council tax lacks
 * liable_persons and the electoral register removal dates in some. The
 * standard allows all of it; a pipeline must neither fail nor lean on what
 * is not there.
 */
export const sparseSupplyWorld: World = {
  ...calibratedWorld,
  name: 'sparse-supply',
  summary: 'Optional data missing: no housing benefit anywhere, complaints in half the boroughs, EPC columns, landlord_ref and others often left out.',
  supply: {
    withoutHousingBenefit: 'all',
    withoutComplaints: { share: 0.5 },
    missingColumns: [
      { table: 'properties', columns: ['habitable_rooms', 'floor_area_m2', 'epc_rating'], share: 0.7 },
      { table: 'properties', columns: ['landlord_ref'], share: 0.4 },
      { table: 'properties', columns: ['year_built', 'built_form'], share: 0.4 },
      { table: 'council_tax', columns: ['liable_persons'], share: 0.5 },
      { table: 'electoral_register', columns: ['removed_date'], share: 0.25 },
      { table: 'licences', columns: ['max_occupants', 'max_households'], share: 0.5 },
    ],
  },
};
