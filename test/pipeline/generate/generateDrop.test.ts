import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sha256 } from '../../../pipeline/util/hash.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { loadSchema, type TableName } from '../../../pipeline/standard/schema.js';
import { generateDrop } from '../../../pipeline/generate/generateDrop.js';
import { checkBorough, readCsv } from './standardRowChecks.js';

const SAMPLE_CODES = ['E09000007', 'E09000012', 'E09000025'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/** Relative path -> SHA-256 of every file under `dir`. */
function fingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((file) => [relative(dir, file), sha256(readFileSync(file))]));
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hmo-generate-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('generateDrop', () => {
  test('the same seed gives byte-identical files whatever the worker count; another seed gives other files', async () => {
    const a = join(root, 'a');
    const b = join(root, 'b');
    const c = join(root, 'c');
    await generateDrop({ out: a, boroughs: SAMPLE_CODES, scale: 0.3, seed: 11, workers: 2 });
    await generateDrop({ out: b, boroughs: SAMPLE_CODES, scale: 0.3, seed: 11, workers: 1 });
    await generateDrop({ out: c, boroughs: SAMPLE_CODES, scale: 0.3, seed: 12, workers: 1 });
    const fa = fingerprint(a);
    expect(Object.keys(fa)).toContain('truth.csv');
    expect(Object.keys(fa)).toContain(join('drop', 'E09000012', 'electoral_register.csv'));
    expect(fingerprint(b)).toEqual(fa);
    const fc = fingerprint(c);
    expect(fc['truth.csv']).not.toEqual(fa['truth.csv']);
    expect(fc[join('drop', 'E09000007', 'properties.csv')]).not.toEqual(fa[join('drop', 'E09000007', 'properties.csv')]);
  });

  test('a borough does not depend on which other boroughs are generated with it', async () => {
    const alone = join(root, 'alone');
    await generateDrop({ out: alone, boroughs: ['E09000012'], scale: 0.3, seed: 11 });
    const together = fingerprint(join(root, 'a', 'drop', 'E09000012'));
    expect(fingerprint(join(alone, 'drop', 'E09000012'))).toEqual(together);
  });

  test('regenerating the committed sample (npm run sample: the legacy world) gives it byte for byte', async () => {
    const out = join(root, 'sample');
    await generateDrop({ out, boroughs: SAMPLE_CODES, scale: 1, seed: 20260930, world: 'legacy' });
    expect(fingerprint(out)).toEqual(fingerprint(join(packageRoot(), 'data', 'sample')));
  });
});

describe('the committed sample drop', () => {
  const sample = join(packageRoot(), 'data', 'sample');
  const drop = join(sample, 'drop');
  const schema = loadSchema();
  const checks = Object.fromEntries(SAMPLE_CODES.map((code) => [code, checkBorough(join(drop, code))]));
  const truth = readCsv(join(sample, 'truth.csv'));
  const truthRows = truth.slice(1).map(([uprn, borough, isHmo, isLicensed]) => ({ uprn, borough, isHmo: isHmo === 'true', isLicensed: isLicensed === 'true' }));

  test('holds one folder per sample borough and truth.csv and faults.json beside the drop, never inside', () => {
    expect(readdirSync(drop).sort()).toEqual(SAMPLE_CODES);
    expect(statSync(join(sample, 'truth.csv')).isFile()).toBe(true);
    expect(statSync(join(sample, 'faults.json')).isFile()).toBe(true);
    const inside = filesUnder(drop).map((f) => f.split('/').pop());
    expect(inside).not.toContain('truth.csv');
    expect(inside).not.toContain('faults.json');
    expect(truth[0]).toEqual(['uprn', 'borough_code', 'is_hmo', 'is_licensed']);
  });

  test('every manifest names the standard and the borough and counts each file exactly', () => {
    for (const code of SAMPLE_CODES) {
      const manifest = JSON.parse(readFileSync(join(drop, code, 'manifest.json'), 'utf8')) as {
        standard: string; borough_code: string; borough_name: string; extract_date: string; tables: Record<string, { file: string; rows: number }>;
      };
      expect(manifest.standard).toBe(schema.standard);
      expect(manifest.borough_code).toBe(code);
      expect(manifest.borough_name).toBe(schema.borough(code)?.name);
      expect(manifest.extract_date >= '2026-06-30' && manifest.extract_date <= '2026-09-30').toBe(true);
      for (const [table, entry] of Object.entries(manifest.tables)) {
        expect(schema.hasTable(table)).toBe(true);
        expect(Number.isInteger(entry.rows)).toBe(true);
        expect(readCsv(join(drop, code, entry.file)).length - 1).toBe(entry.rows);
      }
      const listed = Object.values(manifest.tables).map((t) => t.file).sort();
      const present = readdirSync(join(drop, code)).filter((f) => f.endsWith('.csv')).sort();
      expect(present).toEqual(listed);
    }
  });

  test('supplies every table and column of the standard, except Newham\'s housing benefit', () => {
    for (const code of SAMPLE_CODES) {
      for (const table of schema.tables) {
        const file = join(drop, code, table.file);
        if (code === 'E09000025' && table.name === 'housing_benefit') {
          expect(existsSync(file)).toBe(false);
          continue;
        }
        expect(readCsv(file)[0]).toEqual(table.columns.map((c) => c.name));
      }
    }
  });

  test('faults.json counts exactly the rows that the standard\'s checks quarantine, by reason', () => {
    const faults = JSON.parse(readFileSync(join(sample, 'faults.json'), 'utf8')) as Record<string, Record<string, Record<string, number>>>;
    expect(Object.keys(faults).sort()).toEqual(SAMPLE_CODES);
    const seenReasons = new Set<string>();
    for (const code of SAMPLE_CODES) {
      for (const [table, check] of Object.entries(checks[code]?.tables ?? {})) {
        expect({ code, table, reasons: check.reasons }).toEqual({ code, table, reasons: faults[code]?.[table] ?? {} });
        for (const reason of Object.keys(check.reasons)) seenReasons.add(reason);
      }
    }
    // Every kind of row fault occurs somewhere in the sample.
    expect([...seenReasons].sort()).toEqual([...schema.rowReasons].sort());
  });

  test('truth.csv lists exactly the accepted properties of each borough', () => {
    for (const code of SAMPLE_CODES) {
      const accepted = (checks[code]?.tables.properties?.accepted ?? []).map((r) => r[0]).sort();
      const listed = truthRows.filter((t) => t.borough === code).map((t) => t.uprn).sort();
      expect(listed).toEqual(accepted);
    }
  });

  test('looks like London: prevalence, licensing, inspections, messy values', () => {
    const inspections: string[][] = [];
    for (const code of SAMPLE_CODES) {
      const rows = truthRows.filter((t) => t.borough === code);
      const hmos = rows.filter((t) => t.isHmo);
      const prevalence = hmos.length / rows.length;
      expect(prevalence).toBeGreaterThanOrEqual(0.02);
      expect(prevalence).toBeLessThanOrEqual(0.07);
      const licensed = hmos.filter((t) => t.isLicensed).length / hmos.length;
      expect(licensed).toBeGreaterThanOrEqual(0.3);
      expect(licensed).toBeLessThanOrEqual(0.6);
      expect(rows.filter((t) => !t.isHmo && t.isLicensed)).toEqual([]);
      inspections.push(...(checks[code]?.tables.inspections?.accepted ?? []));
    }
    const share = (predicate: (row: string[]) => boolean) => inspections.filter(predicate).length / inspections.length;
    expect(share((r) => r[2] === 'no-access')).toBeGreaterThan(0.08);
    expect(share((r) => r[2] === 'no-access')).toBeLessThan(0.16);
    expect(share((r) => r[3] === 'complaint')).toBeGreaterThan(0.55);
    expect(share((r) => r[3] === 'proactive')).toBeGreaterThan(0.01);
    expect(share((r) => r[3] === 'licence-application')).toBeGreaterThan(0.05);
    const perProperty = new Map<string, number>();
    for (const r of inspections) perProperty.set(r[0] as string, (perProperty.get(r[0] as string) ?? 0) + 1);
    expect([...perProperty.values()].filter((n) => n >= 2).length).toBeGreaterThan(10);
    const years = new Set(inspections.map((r) => (r[1] as string).slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(4);

    const properties = SAMPLE_CODES.flatMap((code) => checks[code]?.tables.properties?.accepted ?? []);
    const header = checks.E09000007?.tables.properties?.header ?? [];
    const col = (name: string) => header.indexOf(name);
    expect(properties.some((r) => (r[col('address')] ?? '').includes('"'))).toBe(true);
    expect(properties.some((r) => /^[-=]/.test(r[col('address')] ?? ''))).toBe(true);
    expect(properties.filter((r) => r[col('habitable_rooms')] === '').length / properties.length).toBeGreaterThan(0.1);
    const wardCodes = new Set(properties.map((r) => r[col('ward_code')]));
    expect([...wardCodes].every((w) => /^E05\d{6}$/.test(w ?? ''))).toBe(true);
    expect(properties.every((r) => /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/.test(r[col('postcode')] ?? ''))).toBe(true);
    const eastings = properties.map((r) => Number(r[col('easting')])).filter((e) => e > 0);
    expect(Math.min(...eastings)).toBeGreaterThan(500_000);
    expect(Math.max(...eastings)).toBeLessThan(560_000);
  });

  test('landlords hold several lets, and housing benefit names the same landlord refs', () => {
    const hmoUprns = new Set(truthRows.filter((t) => t.isHmo).map((t) => t.uprn));
    const properties = checks.E09000012?.tables.properties;
    const header = properties?.header ?? [];
    const landlordOf = new Map((properties?.accepted ?? []).map((r) => [r[0], r[header.indexOf('landlord_ref')] ?? '']));
    const hmosPerLandlord = new Map<string, number>();
    for (const [uprn, ref] of landlordOf) if (ref !== '' && hmoUprns.has(uprn as string)) hmosPerLandlord.set(ref, (hmosPerLandlord.get(ref) ?? 0) + 1);
    expect(Math.max(...hmosPerLandlord.values())).toBeGreaterThanOrEqual(3);
    const benefit = checks.E09000012?.tables.housing_benefit;
    const benefitRefs = new Set((benefit?.accepted ?? []).map((r) => r[(benefit?.header ?? []).indexOf('landlord_ref')]).filter((r) => r !== ''));
    const propertyRefs = new Set([...landlordOf.values()].filter((r) => r !== ''));
    expect([...benefitRefs].filter((r) => propertyRefs.has(r as string)).length).toBeGreaterThan(20);
  });

  test('an HMO signal exists: HMOs have far more distinct surnames registered, and more complaints', () => {
    for (const code of SAMPLE_CODES) {
      const isHmo = new Map(truthRows.filter((t) => t.borough === code).map((t) => [t.uprn, t.isHmo]));
      const surnames = new Map<string, Set<string>>();
      for (const [uprn, , surnameKey] of checks[code]?.tables.electoral_register?.accepted ?? []) {
        const set = surnames.get(uprn as string) ?? new Set<string>();
        set.add(surnameKey as string);
        surnames.set(uprn as string, set);
      }
      const complaints = new Map<string, number>();
      for (const [uprn] of checks[code]?.tables.complaints?.accepted ?? []) complaints.set(uprn as string, (complaints.get(uprn as string) ?? 0) + 1);
      const mean = (hmo: boolean, value: (uprn: string) => number) => {
        const uprns = [...isHmo].filter(([, h]) => h === hmo).map(([u]) => u as string);
        return uprns.reduce((s, u) => s + value(u), 0) / uprns.length;
      };
      const distinct = (u: string) => surnames.get(u)?.size ?? 0;
      expect(mean(true, distinct)).toBeGreaterThan(2 * mean(false, distinct));
      const complained = (u: string) => complaints.get(u) ?? 0;
      expect(mean(true, complained)).toBeGreaterThan(2 * mean(false, complained));
    }
  });

  test('no table holds a personal-data column', () => {
    for (const code of SAMPLE_CODES) {
      for (const [, check] of Object.entries(checks[code]?.tables ?? {}) as Array<[TableName, { header: string[] }]>) {
        expect(check.header.filter((h) => schema.personalDataColumns.has(h.trim().toLowerCase()))).toEqual([]);
      }
    }
  });
});
