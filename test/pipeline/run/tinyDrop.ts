// A tiny drop that follows hmo-harmonised/1.0 (every required table, one
// optional), with a learnable signal (HMOs have more electors, fewer
// single-person discounts, more complaints and benefit claims) and a truth
// file, for running the real pipeline end to end in tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSchema } from '../../../pipeline/standard/schema.js';
import { Random } from '../../../pipeline/util/Random.js';

export const TINY_EXTRACT_DATE = '2026-09-30';

export interface TinyDrop {
  drop: string;
  truth: string;
  boroughs: string[];
}

/** Writes `dir/drop/<GSS>/…` and `dir/truth.csv`; same arguments, same bytes. */
export function writeTinyDrop(dir: string, boroughCount = 3, propertiesPerBorough = 150, seed = 11): TinyDrop {
  const schema = loadSchema();
  const rng = new Random(seed);
  const drop = join(dir, 'drop');
  const truth = ['uprn,borough_code,is_hmo,is_licensed'];
  const boroughs = schema.boroughs.slice(0, boroughCount).map((b) => b.code);
  boroughs.forEach((borough, b) => {
    const r = rng.fork(borough);
    const rows: Record<string, string[]> = {
      properties: ['uprn,address,postcode,ward_code,property_type,council_tax_band,tenure,habitable_rooms,landlord_ref'],
      council_tax: ['uprn,account_ref,start_date,end_date,single_person_discount,student_exemption,liable_persons'],
      electoral_register: ['uprn,elector_ref,surname_key,registered_date,removed_date'],
      licences: ['uprn,licence_ref,scheme,start_date,end_date'],
      inspections: ['uprn,inspection_date,outcome,trigger'],
      complaints: ['uprn,received_date,category'],
    };
    const add = (table: string, row: string) => (rows[table] as string[]).push(row);
    const date = (yearsBack: number) => new Date(Date.UTC(2026, 8, 30) - r.int(1, yearsBack * 365) * 86400000).toISOString().slice(0, 10);
    for (let i = 0; i < propertiesPerBorough; i++) {
      const uprn = String(1000 * (b + 1) + i + 1);
      const hmo = r.chance(0.2);
      const licensed = hmo && r.chance(0.3);
      add('properties', `${uprn},"${i + 1} Tiny Street",N${b + 1} ${r.int(1, 9)}AA,E0500${b}${r.int(100, 104)},${r.pick(['house', 'flat'])},${r.pick(['B', 'C', 'D'])},${hmo ? 'private-rented' : r.pick(['owner-occupied', 'private-rented', 'social-rented'])},${hmo ? r.int(4, 8) : r.int(1, 5)},${hmo ? `L${b}-${r.int(0, 9)}` : ''}`);
      truth.push(`${uprn},${borough},${hmo},${licensed}`);
      for (let e = 0, n = hmo ? r.int(3, 7) : r.int(1, 3); e < n; e++) add('electoral_register', `${uprn},E${uprn}-${e},S${r.int(0, hmo ? 500 : 3)},${date(5)},`);
      add('council_tax', `${uprn},A${uprn},${date(6)},,${!hmo && r.chance(0.4)},${hmo && r.chance(0.3)},${r.int(1, 3)}`);
      if (licensed) add('licences', `${uprn},LIC-${uprn},mandatory-hmo,2024-01-01,2029-01-01`);
      for (let c = 0, n = r.poisson(hmo ? 1.5 : 0.3); c < n; c++) add('complaints', `${uprn},${date(3)},${r.pick(hmo ? ['noise', 'waste', 'overcrowding'] : ['noise', 'pests'])}`);
      if (!licensed && r.chance(hmo ? 0.6 : 0.35)) add('inspections', `${uprn},${date(4)},${r.chance(0.9) === hmo ? 'hmo' : 'not-hmo'},${r.pick(['complaint', 'proactive'])}`);
    }
    const folder = join(drop, borough);
    mkdirSync(folder, { recursive: true });
    const tables: Record<string, { file: string; rows: number }> = {};
    for (const [table, lines] of Object.entries(rows)) {
      writeFileSync(join(folder, `${table}.csv`), `${lines.join('\n')}\n`);
      tables[table] = { file: `${table}.csv`, rows: lines.length - 1 };
    }
    const name = schema.boroughs.find((x) => x.code === borough)?.name ?? borough;
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ standard: 'hmo-harmonised/1.0', borough_code: borough, borough_name: name, extract_date: TINY_EXTRACT_DATE, tables }, null, 2));
  });
  const truthFile = join(dir, 'truth.csv');
  writeFileSync(truthFile, `${truth.join('\n')}\n`);
  return { drop, truth: truthFile, boroughs };
}
