import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { BoroughStatus } from '../../../pipeline/db/BoroughStatus.js';
import { drawBoroughProfile, type BoroughProfile } from '../../../pipeline/generate/BoroughProfile.js';
import { generateDrop, type GenerateSummary } from '../../../pipeline/generate/generateDrop.js';
import { LinkNoise } from '../../../pipeline/generate/LinkNoise.js';
import type { RowSink } from '../../../pipeline/generate/RowSink.js';
import { DEFAULT_WORLD, UnknownWorldError, WORLDS, worldByName, worldNames } from '../../../pipeline/generate/worlds/registry.js';
import type { World } from '../../../pipeline/generate/worlds/World.js';
import { ingestDrop } from '../../../pipeline/ingest/ingestDrop.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { generateMessages } from '../../../pipeline/messages/generate.js';
import { loadSchema } from '../../../pipeline/standard/schema.js';
import { silentContext } from '../../../pipeline/stage.js';
import { sha256 } from '../../../pipeline/util/hash.js';
import { Random } from '../../../pipeline/util/Random.js';
import { rocAuc } from '../../../models/metrics.js';
import { readCsv } from './standardRowChecks.js';

const BOROUGHS = ['E09000012', 'E09000022', 'E09000025', 'E09000030'];
const SEED = 5;

let root: string;
const drops = new Map<string, GenerateSummary>();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

function fingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((file) => [relative(dir, file), sha256(readFileSync(file))]));
}

/** A table of every borough of a world's drop, as objects keyed by column (absent tables give no rows). */
function rowsOf(world: string, table: string): Array<Record<string, string> & { borough: string }> {
  const summary = drops.get(world) as GenerateSummary;
  const rows: Array<Record<string, string> & { borough: string }> = [];
  for (const code of BOROUGHS) {
    const file = join(summary.drop, code, `${table}.csv`);
    if (!existsSync(file)) continue;
    const [header, ...records] = readCsv(file);
    for (const record of records) {
      const row: Record<string, string> & { borough: string } = { borough: code };
      (header ?? []).forEach((column, i) => (row[column] = record[i] ?? ''));
      rows.push(row);
    }
  }
  return rows;
}

function truthOf(world: string): Map<string, boolean> {
  const [, ...records] = readCsv((drops.get(world) as GenerateSummary).truth);
  return new Map(records.map(([uprn, borough, isHmo]) => [`${borough}|${uprn}`, isHmo === 'true']));
}

/** ROC AUC of a per-property count (from `table`, rows per property or distinct `distinct` values) at telling HMOs from other properties. */
function signalAuc(world: string, table: string, distinct?: string): number {
  const truth = truthOf(world);
  const counts = new Map<string, Set<string> | number>();
  rowsOf(world, table).forEach((row, i) => {
    const key = `${row.borough}|${row.uprn}`;
    if (!truth.has(key)) return;
    if (distinct === undefined) counts.set(key, ((counts.get(key) as number | undefined) ?? 0) + 1);
    else {
      const set = (counts.get(key) as Set<string> | undefined) ?? new Set<string>();
      set.add(row[distinct] ?? String(i));
      counts.set(key, set);
    }
  });
  const keys = [...truth.keys()];
  const score = (key: string) => {
    const v = counts.get(key);
    return v === undefined ? 0 : typeof v === 'number' ? v : v.size;
  };
  return rocAuc(keys.map(score), keys.map((k) => (truth.get(k) ? 1 : 0)));
}

function sd(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hmo-worlds-'));
  for (const world of WORLDS) {
    drops.set(world.name, await generateDrop({ out: join(root, world.name), boroughs: BOROUGHS, scale: 0.6, seed: SEED, world: world.name }));
  }
}, 240_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the world registry', () => {
  test('holds the default, legacy and at least four other worlds, each named once in lower-case words', () => {
    const names = worldNames();
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(DEFAULT_WORLD);
    expect(names).toContain('legacy');
    expect(names.filter((n) => n !== 'legacy' && n !== DEFAULT_WORLD).length).toBeGreaterThanOrEqual(4);
    for (const name of names) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(DEFAULT_WORLD).not.toBe('legacy');
  });

  test('every world is plain data with its knobs in range (it crosses to worker threads as it is)', () => {
    const schema = loadSchema();
    for (const world of WORLDS) {
      expect(structuredClone(world)).toEqual(world);
      expect(world.summary.length).toBeGreaterThan(20);
      const shares = [
        world.signal.hiddenShare, world.signal.billedToLandlord, world.signal.hmoClaimChance, world.signal.sharedRateChance,
        world.inspections.outcomeError, world.links.misaddressedShare, world.links.claimLandlordRef, world.links.landlordAliasShare,
      ];
      for (const share of shares) expect(share >= 0 && share < 1).toBe(true);
      for (const entry of world.supply.missingColumns) {
        const table = schema.tables.find((t) => t.name === entry.table);
        for (const column of entry.columns) expect({ world: world.name, column, required: table?.columns.find((c) => c.name === column)?.required }).toEqual({ world: world.name, column, required: false });
      }
    }
  });

  test('an unknown name throws a usage error listing the known worlds', () => {
    expect(() => worldByName('atlantis')).toThrow(UnknownWorldError);
    expect(() => worldByName('atlantis')).toThrow(generateMessages.unknownWorld('atlantis', worldNames()));
  });
});

describe.each(WORLDS.map((w) => w.name))('world %s', (name) => {
  test('its drop passes validation: every borough usable, quarantine counts exactly faults.json', async () => {
    const summary = drops.get(name) as GenerateSummary;
    expect(summary.world).toBe(name);
    const out = join(root, `${name}-ingest`);
    await ingestDrop({ drop: summary.drop, out }, silentContext);
    const faults = JSON.parse(readFileSync(summary.faultsFile, 'utf8')) as Record<string, Record<string, Record<string, number>>>;
    for (const borough of summary.boroughs) {
      const status = JSON.parse(readFileSync(outputLayout(out).boroughStatus(borough.code), 'utf8')) as BoroughStatus;
      expect({ borough: borough.code, status: status.status, errors: status.errors }).toEqual({ borough: borough.code, status: 'ok', errors: [] });
      for (const [table, counts] of Object.entries(status.tables)) {
        if (!counts?.supplied) continue;
        const reasons = Object.fromEntries(Object.entries(counts.reasons).filter(([, n]) => (n ?? 0) > 0));
        expect({ borough: borough.code, table, reasons }).toEqual({ borough: borough.code, table, reasons: faults[borough.code]?.[table] ?? {} });
      }
      expect(borough.hmos).toBeGreaterThan(0);
    }
  }, 120_000);

  test('the same seed gives the same bytes; another seed other bytes', async () => {
    const a = await generateDrop({ out: join(root, `${name}-a`), boroughs: ['E09000012', 'E09000025'], scale: 0.15, seed: 9, world: name, workers: 2 });
    const b = await generateDrop({ out: join(root, `${name}-b`), boroughs: ['E09000012', 'E09000025'], scale: 0.15, seed: 9, world: name, workers: 1 });
    const c = await generateDrop({ out: join(root, `${name}-c`), boroughs: ['E09000012', 'E09000025'], scale: 0.15, seed: 10, world: name, workers: 1 });
    expect(fingerprint(b.out)).toEqual(fingerprint(a.out));
    expect(fingerprint(c.out)['truth.csv']).not.toEqual(fingerprint(a.out)['truth.csv']);
  }, 60_000);
});

describe('the worlds differ in the stated ways', () => {
  test('legacy is the generator before worlds: every table and column in every borough but one without housing benefit', () => {
    const schema = loadSchema();
    const summary = drops.get('legacy') as GenerateSummary;
    for (const code of BOROUGHS) {
      for (const table of schema.tables) {
        const file = join(summary.drop, code, table.file);
        if (table.name === 'housing_benefit' && code === 'E09000025') expect(existsSync(file)).toBe(false);
        else expect(readCsv(file)[0]).toEqual(table.columns.map((c) => c.name));
      }
    }
  });

  test('sparse-supply: no borough supplies housing benefit, some no complaints, and optional columns are missing from headers', () => {
    const summary = drops.get('sparse-supply') as GenerateSummary;
    const schema = loadSchema();
    let missingColumns = 0;
    let withoutComplaints = 0;
    for (const code of BOROUGHS) {
      const files = readdirSync(join(summary.drop, code));
      expect(files).not.toContain('housing_benefit.csv');
      const manifest = JSON.parse(readFileSync(join(summary.drop, code, 'manifest.json'), 'utf8')) as { tables: Record<string, unknown> };
      expect(Object.keys(manifest.tables)).not.toContain('housing_benefit');
      if (!files.includes('complaints.csv')) withoutComplaints += 1;
      for (const table of schema.tables) {
        if (!files.includes(table.file)) continue;
        const header = readCsv(join(summary.drop, code, table.file))[0] ?? [];
        const absent = table.columns.filter((c) => !header.includes(c.name));
        expect(absent.filter((c) => c.required)).toEqual([]);
        missingColumns += absent.length;
      }
    }
    expect(withoutComplaints).toBeGreaterThan(0);
    expect(withoutComplaints).toBeLessThan(BOROUGHS.length);
    expect(missingColumns).toBeGreaterThanOrEqual(5);
  });

  test('proactive: most inspections are proactive and they find HMOs less often than complaint-led ones elsewhere', () => {
    const mix = (world: string) => {
      const rows = rowsOf(world, 'inspections').filter((r) => r.trigger !== 'licence-application');
      const proactive = rows.filter((r) => r.trigger === 'proactive');
      const conclusive = (list: typeof rows) => list.filter((r) => r.outcome === 'hmo' || r.outcome === 'not-hmo');
      const hitRate = (list: typeof rows) => conclusive(list).filter((r) => r.outcome === 'hmo').length / Math.max(1, conclusive(list).length);
      return { proactiveShare: proactive.length / rows.length, proactiveHits: hitRate(proactive), complaintHits: hitRate(rows.filter((r) => r.trigger === 'complaint')) };
    };
    const proactive = mix('proactive');
    const calibrated = mix('calibrated');
    const legacy = mix('legacy');
    expect(proactive.proactiveShare).toBeGreaterThan(0.6);
    expect(calibrated.proactiveShare).toBeLessThan(0.4);
    expect(legacy.proactiveShare).toBeLessThan(0.2);
    expect(proactive.proactiveHits).toBeLessThan(0.85 * calibrated.complaintHits);
  });

  test('signal: the registers say less in calibrated than in legacy, and least in quiet-registers, where complaints say more', () => {
    const surnames = (world: string) => signalAuc(world, 'electoral_register', 'surname_key');
    const accounts = (world: string) => signalAuc(world, 'council_tax');
    expect(surnames('calibrated')).toBeLessThan(surnames('legacy') - 0.02);
    expect(surnames('quiet-registers')).toBeLessThan(surnames('calibrated') - 0.03);
    expect(accounts('quiet-registers')).toBeLessThan(accounts('calibrated'));
    expect(signalAuc('quiet-registers', 'complaints')).toBeGreaterThan(signalAuc('calibrated', 'complaints'));
  });

  test('patchwork: boroughs differ far more than in calibrated, down to which buildings HMOs occupy', () => {
    const schema = loadSchema();
    const profiles = (world: World): BoroughProfile[] =>
      schema.boroughs.map((b) =>
        drawBoroughProfile(new Random(SEED).fork(b.code).fork('profile'), { code: b.code, name: b.name, scale: 1, hasHousingBenefit: true, hasComplaints: true, world }),
      );
    const patchwork = profiles(worldByName('patchwork'));
    const calibrated = profiles(worldByName('calibrated'));
    const legacy = profiles(worldByName('legacy'));
    for (const knob of ['complaintReporting', 'hmoElectoralCoverage', 'proactiveRate', 'electoralCoverage'] as const) {
      expect({ knob, wider: sd(patchwork.map((p) => p[knob])) > 1.5 * sd(calibrated.map((p) => p[knob])) }).toEqual({ knob, wider: true });
    }
    expect(new Set(legacy.map((p) => p.hmoCoefficients.house)).size).toBe(1);
    expect(sd(patchwork.map((p) => p.hmoCoefficients.house))).toBeGreaterThan(2 * sd(calibrated.map((p) => p.hmoCoefficients.house)));
    expect(sd(patchwork.map((p) => p.hmoCoefficients.aboveShop))).toBeGreaterThan(0.5);
  });

  test('noisy-links: fewer lets carry a landlord ref and portfolios split across refs', () => {
    const portfolio = (world: string) => {
      const refs = rowsOf(world, 'properties').filter((r) => r.tenure === 'private-rented').map((r) => r.landlord_ref ?? '');
      const known = refs.filter((r) => r !== '');
      return { knownShare: known.length / refs.length, letsPerRef: known.length / new Set(known).size };
    };
    const noisy = portfolio('noisy-links');
    const calibrated = portfolio('calibrated');
    const legacy = portfolio('legacy');
    expect(noisy.knownShare).toBeLessThan(calibrated.knownShare - 0.1);
    expect(calibrated.knownShare).toBeLessThan(legacy.knownShare);
    expect(noisy.letsPerRef).toBeLessThan(calibrated.letsPerRef);
  });
});

describe('LinkNoise', () => {
  function recorder(): RowSink & { rows: Array<Record<string, string>> } {
    const rows: Array<Record<string, string>> = [];
    return { rows, writeClean: (row) => rows.push(row), writeFaulty: (row) => rows.push(row) };
  }

  /** Writes `perProperty` rows for each of `properties` properties through LinkNoise; returns each row with the property being simulated then. */
  function simulate(share: number, properties: number, perProperty: number, date: (p: number, r: number) => string) {
    const sink = recorder();
    const links = new LinkNoise(share, new Random(3));
    const wrapped = links.wrap(sink);
    const current: string[] = [];
    for (let p = 1; p <= properties; p++) {
      for (let r = 0; r < perProperty; r++) {
        wrapped.writeClean({ uprn: String(p), received_date: date(p, r), category: 'noise' });
        current.push(String(p));
      }
      links.propertyDone(String(p));
    }
    return sink.rows.map((row, i) => ({ row, current: current[i] as string }));
  }

  test('records about the stated share of rows on the property simulated just before', () => {
    const rows = simulate(0.2, 2000, 5, (p, r) => `2025-${String(1 + (p % 12)).padStart(2, '0')}-${String(1 + r).padStart(2, '0')}`);
    const moved = rows.filter((r) => r.row.uprn !== r.current);
    expect(moved.length / rows.length).toBeGreaterThan(0.17);
    expect(moved.length / rows.length).toBeLessThan(0.23);
    for (const r of moved) expect(Number(r.row.uprn)).toBe(Number(r.current) - 1);
    expect(rows.filter((r) => r.current === '1' && r.row.uprn !== '1')).toEqual([]);
  });

  test('never moves a row onto the neighbour when the neighbour already has that exact row (no unplanned duplicate_row)', () => {
    // Every property has the same five rows (but its UPRN): any move would repeat one of the neighbour's rows.
    const rows = simulate(0.5, 500, 5, (_p, r) => `2025-01-0${1 + r}`);
    expect(rows.filter((r) => r.row.uprn !== r.current)).toEqual([]);
    const keys = rows.map((r) => `${r.row.uprn}|${r.row.received_date}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('with a share of 0 hands the table back unwrapped and draws nothing', () => {
    const sink = recorder();
    const rng = new Random(3);
    const links = new LinkNoise(0, rng);
    expect(links.wrap(sink)).toBe(sink);
    links.propertyDone('1');
    expect(rng.uniform()).toBe(new Random(3).uniform());
  });
});
