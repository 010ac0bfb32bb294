import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../util/Random.js';
import { loadSchema, type RowReason, type TableName } from '../standard/schema.js';
import { drawBoroughProfile, type BoroughProfile } from './BoroughProfile.js';
import { CsvTableWriter } from './CsvTableWriter.js';
import { faultCatalogue, type FaultContext } from './faultCatalogue.js';
import { FaultyTableWriter } from './FaultyTableWriter.js';
import { fitIntercept, hmoLogOdds } from './hmoLikelihood.js';
import { LandlordPool } from './LandlordPool.js';
import type { BoroughTableWriters, LifeContext } from './LifeContext.js';
import { simulateProperty } from './PropertyLife.js';
import { Pseudonyms } from './Pseudonyms.js';
import { StreetBuilder } from './StreetBuilder.js';
import { SurnamePool } from './SurnamePool.js';
import { LinkNoise } from './LinkNoise.js';
import { missingColumnsOf } from './worlds/worldSupply.js';
import type { World } from './worlds/World.js';

/** One borough's share of a generation run (what a worker thread is handed). */
export interface BoroughJob {
  readonly code: string;
  readonly name: string;
  readonly seed: number;
  readonly scale: number;
  readonly hasHousingBenefit: boolean;
  readonly hasComplaints: boolean;
  /** The world's knobs (plain data, so it crosses to a worker thread as it is). */
  readonly world: World;
  /** The borough's folder in the drop, created here. */
  readonly boroughDir: string;
  /** Where this borough's truth records go (no header: they are concatenated into truth.csv). */
  readonly truthPart: string;
}

export type BoroughFaults = Partial<Record<TableName, Partial<Record<RowReason, number>>>>;

export interface BoroughSummary {
  readonly code: string;
  readonly name: string;
  readonly extractDate: string;
  readonly properties: number;
  readonly hmos: number;
  readonly licensedHmos: number;
  /** Records written per table (as in the manifest). */
  readonly rows: Partial<Record<TableName, number>>;
  readonly faults: BoroughFaults;
}

export const TRUTH_COLUMNS = ['uprn', 'borough_code', 'is_hmo', 'is_licensed'] as const;

/** UPRN ranges per borough: real properties, then fresh ones for faulty extra rows, then ones that no table's spine holds. */
const UPRN_BASE = 10_000_000_000;
const UPRN_SPAN = 200_000_000;

/**
 * Generates one borough of a synthetic drop: its folder of CSV tables and
 * manifest.json, and its part of truth.csv. Everything random comes from
 * `new Random(seed).fork(code)`, so a borough's files depend only on the seed,
 * its code, the scale and which optional tables it supplies, never on which
 * other boroughs are generated or on worker scheduling.
 *
 * @example
 *   const summary = generateBorough({ code: 'E09000012', name: 'Hackney', seed: 7, scale: 1,
 *     hasHousingBenefit: true, hasComplaints: true, boroughDir: 'tmp/drop/E09000012', truthPart: 'tmp/E09000012.truth' });
 */
export function generateBorough(job: BoroughJob): BoroughSummary {
  const schema = loadSchema();
  const rng = new Random(job.seed).fork(job.code);
  const profile = drawBoroughProfile(rng.fork('profile'), {
    code: job.code,
    name: job.name,
    scale: job.scale,
    hasHousingBenefit: job.hasHousingBenefit,
    hasComplaints: job.hasComplaints,
    world: job.world,
  });
  // Two passes over the same street stream: the first only scores the properties, so the intercept can be
  // fitted to the borough's actual housing (its target prevalence in expectation); the second simulates them.
  const intercept = fitIntercept(scoreStreets(profile, rng.fork('streets')), profile.hmoPrevalence);
  // Optional columns this borough leaves out of its headers (none in the legacy world).
  const missing = missingColumnsOf(job.world, rng.fork('supply/columns'));

  const boroughIndex = schema.boroughs.findIndex((b) => b.code === job.code);
  const base = UPRN_BASE + Math.max(0, boroughIndex) * UPRN_SPAN;
  let nextFresh = base + UPRN_SPAN / 2;
  const unknownRng = rng.fork('unknown-uprns');
  const faultContext: FaultContext = {
    rng: rng.fork('fault-values'),
    extractDay: profile.extractDay,
    unknownUprn: () => String(base + (UPRN_SPAN * 3) / 4 + unknownRng.int(0, UPRN_SPAN / 4)),
  };
  const freshUprn = () => String((nextFresh += 1 + unknownRng.int(0, 20)));

  mkdirSync(job.boroughDir, { recursive: true });
  const supplied = schema.tables.filter(
    (t) => t.required || (t.name === 'housing_benefit' && job.hasHousingBenefit) || (t.name === 'complaints' && job.hasComplaints),
  );
  const writers = new Map<TableName, FaultyTableWriter>();
  for (const table of supplied) {
    const absent = missing.get(table.name) ?? new Set<string>();
    const csv = new CsvTableWriter(join(job.boroughDir, table.file), table.columns.map((c) => c.name).filter((c) => !absent.has(c)));
    const kinds = faultCatalogue(absent)[table.name];
    writers.set(table.name, new FaultyTableWriter(csv, kinds, profile.faultRate, rng.fork(`faults/${table.name}`), faultContext, freshUprn));
  }
  const writer = (name: TableName) => writers.get(name) as FaultyTableWriter;
  // Register rows may be recorded against the neighbouring UPRN (a world's link noise; never in legacy).
  const links = new LinkNoise(job.world.links.misaddressedShare, rng.fork('links/uprn'));
  const tables: BoroughTableWriters = {
    properties: writer('properties'),
    council_tax: links.wrap(writer('council_tax')),
    electoral_register: links.wrap(writer('electoral_register')),
    licences: writer('licences'),
    inspections: writer('inspections'),
    housing_benefit: links.wrapOptional(writers.get('housing_benefit')),
    complaints: links.wrapOptional(writers.get('complaints')),
  };
  let landlordIds = 0;
  const newLandlordId = () => (landlordIds += 1);
  const context: LifeContext = {
    profile,
    rng: rng.fork('life'),
    intercept,
    refs: new Pseudonyms(rng.fork('salt').nextUint32()),
    surnames: new SurnamePool(),
    world: job.world,
    linkRng: rng.fork('links/landlord'),
    landlords: new LandlordPool(newLandlordId),
    housingAssociations: Array.from({ length: 6 }, newLandlordId),
    tables,
    counters: { account: 0, elector: 0, claim: 0, licence: 0 },
  };

  const truth = new CsvTableWriter(job.truthPart, TRUTH_COLUMNS, false);
  const builder = new StreetBuilder(profile);
  const streetRng = rng.fork('streets');
  const uprnRng = rng.fork('uprns');
  let uprn = base + uprnRng.int(1, 5000);
  let properties = 0;
  let hmos = 0;
  let licensedHmos = 0;
  while (properties < profile.propertyCount) {
    for (const facts of builder.nextStreet(streetRng)) {
      if (properties >= profile.propertyCount) break;
      uprn += uprnRng.int(1, 30);
      const uprnText = String(uprn);
      const outcome = simulateProperty(uprnText, facts, context);
      links.propertyDone(uprnText);
      truth.write({ uprn: uprnText, borough_code: job.code, is_hmo: String(outcome.isHmo), is_licensed: String(outcome.isLicensed) });
      properties += 1;
      if (outcome.isHmo) hmos += 1;
      if (outcome.isHmo && outcome.isLicensed) licensedHmos += 1;
    }
  }
  truth.close();

  const rows: Partial<Record<TableName, number>> = {};
  const faults: BoroughFaults = {};
  const manifestTables: Record<string, { file: string; rows: number }> = {};
  for (const table of supplied) {
    const w = writer(table.name);
    w.close();
    rows[table.name] = w.rows;
    faults[table.name] = sortedCounts(w.faults);
    manifestTables[table.name] = { file: table.file, rows: w.rows };
  }
  const manifest = {
    standard: schema.standard,
    borough_code: job.code,
    borough_name: job.name,
    extract_date: profile.extractDate,
    tables: manifestTables,
  };
  writeFileSync(join(job.boroughDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { code: job.code, name: job.name, extractDate: profile.extractDate, properties, hmos, licensedHmos, rows, faults };
}

function scoreStreets(profile: BoroughProfile, streetRng: Random): Float64Array {
  const builder = new StreetBuilder(profile);
  const logOdds = new Float64Array(profile.propertyCount);
  let n = 0;
  while (n < profile.propertyCount) {
    for (const facts of builder.nextStreet(streetRng)) {
      if (n >= profile.propertyCount) break;
      logOdds[n++] = hmoLogOdds(facts, profile.hmoCoefficients);
    }
  }
  return logOdds;
}

function sortedCounts(counts: Partial<Record<RowReason, number>>): Partial<Record<RowReason, number>> {
  const order = loadSchema().rowReasons;
  const sorted: Partial<Record<RowReason, number>> = {};
  for (const reason of order) if (counts[reason]) sorted[reason] = counts[reason];
  return sorted;
}
