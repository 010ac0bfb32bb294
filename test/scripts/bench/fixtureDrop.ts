import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../../../pipeline/util/Random.js';
import { loadSchema } from '../../../pipeline/standard/schema.js';

/**
 * A small drop that follows hmo-harmonised/1.0, with a learnable signal (HMOs
 * have more electors, fewer single-person discounts, more complaints), a
 * truth file, and a few known faults, for the benchmark's tests. The real
 * generator (`hmo generate`) is not needed: these tests must not depend on
 * another area's progress.
 */
export interface FixtureDrop {
  drop: string;
  truth: string;
  boroughs: string[];
  /** Injected faults: borough → table → reason → count. */
  faults: Record<string, Record<string, Record<string, number>>>;
}

const EXTRACT = '2026-09-30';

export function writeFixtureDrop(dir: string, boroughCount = 3, propertiesPerBorough = 400, seed = 7): FixtureDrop {
  const schema = loadSchema();
  const rng = new Random(seed);
  const drop = join(dir, 'drop');
  const truthRows: string[] = ['uprn,borough_code,is_hmo,is_licensed'];
  const boroughs = schema.boroughs.slice(0, boroughCount);
  const faults: FixtureDrop['faults'] = {};
  boroughs.forEach((borough, b) => {
    const r = rng.fork(borough.code);
    const tables: Record<string, string[]> = {
      properties: ['uprn,address,postcode,ward_code,ward_name,easting,northing,property_type,built_form,habitable_rooms,floor_area_m2,epc_rating,year_built,council_tax_band,tenure,landlord_ref'],
      council_tax: ['uprn,account_ref,start_date,end_date,single_person_discount,student_exemption,liable_persons'],
      electoral_register: ['uprn,elector_ref,surname_key,registered_date,removed_date'],
      licences: ['uprn,licence_ref,scheme,start_date,end_date,max_occupants,max_households'],
      inspections: ['uprn,inspection_date,outcome,trigger'],
      housing_benefit: ['uprn,claim_ref,start_date,end_date,weekly_rent,shared_accommodation_rate,landlord_ref'],
      complaints: ['uprn,received_date,category'],
    };
    const push = (table: string, row: string) => (tables[table] as string[]).push(row);
    const date = (yearsBack: number) => {
      const d = new Date(Date.UTC(2026, 8, 30) - Math.floor(r.uniform() * yearsBack * 365) * 86400000);
      return d.toISOString().slice(0, 10);
    };
    for (let i = 0; i < propertiesPerBorough; i++) {
      const uprn = String(100000 * (b + 1) + i + 1);
      const hmo = r.chance(0.15);
      const licensed = hmo && r.chance(0.4);
      const rooms = hmo ? r.int(4, 9) : r.int(1, 6);
      const landlord = hmo || r.chance(0.3) ? `L${b}-${r.int(0, 40)}` : '';
      push('properties', `${uprn},"${i + 1} Test Street, London",N1 ${r.int(1, 9)}AA,E05000${b}${r.int(10, 20)},Ward,${530000 + r.int(0, 9000)},${180000 + r.int(0, 9000)},${r.pick(['house', 'flat', 'maisonette'])},${r.pick(['terraced', 'converted', 'unknown'])},${rooms},${(rooms * 17.5).toFixed(1)},${r.pick(['C', 'D', 'E'])},${r.int(1890, 2010)},${r.pick(['B', 'C', 'D', 'E'])},${hmo ? 'private-rented' : r.pick(['owner-occupied', 'private-rented', 'social-rented'])},${landlord}`);
      truthRows.push(`${uprn},${borough.code},${hmo ? 1 : 0},${licensed ? 1 : 0}`);
      const electors = hmo ? r.int(3, 8) : r.int(1, 4);
      for (let e = 0; e < electors; e++) {
        push('electoral_register', `${uprn},E${uprn}-${e},S${hmo ? r.int(0, 1000) : Number(uprn) % 50},${date(6)},${r.chance(hmo ? 0.5 : 0.15) ? EXTRACT : ''}`);
      }
      push('council_tax', `${uprn},A${uprn},${date(8)},,${!hmo && r.chance(0.35)},${hmo && r.chance(0.3)},${r.int(1, 3)}`);
      if (licensed) push('licences', `${uprn},LIC-${uprn},${r.pick(['mandatory-hmo', 'additional-hmo'])},2024-01-01,2029-01-01,${rooms},${rooms}`);
      else if (r.chance(0.1)) push('licences', `${uprn},SEL-${uprn},selective,2023-01-01,2028-01-01,,`);
      if (r.chance(hmo ? 0.4 : 0.08)) push('housing_benefit', `${uprn},C${uprn},${date(4)},,${(90 + r.int(0, 200)).toFixed(2)},${hmo && r.chance(0.6)},${landlord}`);
      const complaints = r.poisson(hmo ? 1.5 : 0.3);
      for (let c = 0; c < complaints; c++) push('complaints', `${uprn},${date(3)},${r.pick(hmo ? ['noise', 'waste', 'overcrowding'] : ['noise', 'pests', 'other'])}`);
      if (r.chance(hmo ? 0.45 : 0.2)) push('inspections', `${uprn},${date(5)},${r.chance(0.1) ? 'no-access' : r.chance(0.85) ? (hmo ? 'hmo' : 'not-hmo') : hmo ? 'not-hmo' : 'hmo'},${r.pick(['complaint', 'proactive'])}`);
    }
    // Known faults, one of a kind each, so a reader's counts can be checked exactly.
    push('council_tax', `${100000 * (b + 1) + 1},BAD1,2026-13-01,,false,false,1`);
    push('electoral_register', `999999${b},X1,S1,2020-01-01,`);
    push('complaints', `,2025-01-01,noise`);
    push('inspections', `${100000 * (b + 1) + 2},2020-01-01,hmo`);
    faults[borough.code] = {
      council_tax: { bad_date: 1 },
      electoral_register: { unmatched_uprn: 1 },
      complaints: { null_uprn: 1 },
      inspections: { malformed_row: 1 },
    };
    const folder = join(drop, borough.code);
    mkdirSync(folder, { recursive: true });
    const manifestTables: Record<string, { file: string; rows: number }> = {};
    for (const [name, lines] of Object.entries(tables)) {
      writeFileSync(join(folder, `${name}.csv`), `${lines.join('\n')}\n`);
      manifestTables[name] = { file: `${name}.csv`, rows: lines.length - 1 };
    }
    writeFileSync(
      join(folder, 'manifest.json'),
      JSON.stringify({ standard: schema.standard, borough_code: borough.code, borough_name: borough.name, extract_date: EXTRACT, tables: manifestTables }, null, 2),
    );
  });
  const truth = join(dir, 'truth.csv');
  writeFileSync(truth, `${truthRows.join('\n')}\n`);
  return { drop, truth, boroughs: boroughs.map((b) => b.code), faults };
}
