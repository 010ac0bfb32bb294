import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck, sqlString } from '../../../../pipeline/db/Duck.js';
import { generateDrop } from '../../../../pipeline/generate/generateDrop.js';
import { HarmoniseError } from '../../../../pipeline/errors/HarmoniseError.js';
import { matchAddresses, matchAddressesToTable, type AddressMatch } from '../../../../pipeline/harmonise/address/matchAddresses.js';
import { messyAddressVariants } from '../../../../pipeline/harmonise/address/messyAddressVariants.js';
import { harmoniseAddressMessages } from '../../../../pipeline/messages/harmoniseAddress.js';

/** The issue's properties, added to a generated borough's gazetteer (UPRNs 9000000001...). */
const ISSUE_GAZETTEER: readonly [string, string, string][] = [
  ['9000000001', '1 Sanford Walk, London', 'N16 7LB'],
  ['9000000002', 'Flat 1, 3 Henry Road, London', 'N4 2LH'],
  ['9000000003', 'Flat 2, 3 Henry Road, London', 'N4 2LH'],
  ['9000000004', 'Flat 1, 13A Deptford High Street, London', 'SE8 4AD'],
  ['9000000005', 'Flat 2, 13A Deptford High Street, London', 'SE8 4AD'],
  ['9000000006', 'Flat A, 379 Lewisham High Street, London', 'SE13 6NZ'],
  ['9000000007', 'Flat B, 379 Lewisham High Street, London', 'SE13 6NZ'],
  ['9000000008', '381 Lewisham High Street, London', 'SE13 6NZ'],
  ['9000000009', '2 Sanford Walk, London', 'N16 7LB'],
  ['9000000010', '3 Sanford Walk, London', 'N16 7LB'],
  ['9000000011', 'Flat C, 152-154 High Street, London', 'N4 2LF'],
  ['9000000012', 'Flat A, 19 Albion Road, London', 'N16 9PS'],
  ['9000000013', 'Mezzanine Floor Flat 2, 114 Stroud Green Road, London', 'N4 3RZ'],
  ['9000000014', 'Flat A, 22 Amhurst Park, London', 'N16 5AA'],
  ['9000000015', '54 Egham Road, London', 'E13 8PD'],
  ['9000000016', '117 Candy Street, London', 'E3 2LB'],
  ['9000000017', '12 Holly Street, London', 'N19 3JX'],
  ['9000000018', 'FLAT 2, 39 CRICKLEWOOD BROADWAY, LONDON, NW2 3JX', 'NW2 3JX'],
  ['9000000019', 'Ground Floor Flat, 85 Fairholt Road, London', 'N16 5EW'],
  ['9000000020', 'First Floor Flat, 85 Fairholt Road, London', 'N16 5EW'],
];

/** The issue's same-property pairs (both forms), and the UPRN each is. */
const ISSUE_RAW: readonly [string, string | null, string][] = [
  ['1 Sanford Walk, London, N16 7LB', null, '9000000001'],
  ['1, Sanford Walk, Hackney, London, N16 7LB', null, '9000000001'],
  ['Flat 1 3 Henry Road, London, N4 2LH', null, '9000000002'],
  ['Flat 1 3, Henry Road, Hackney, London, N4 2LH', null, '9000000002'],
  ['Flat, 1, 13A Deptford High Street, London, SE8 4AD.', null, '9000000004'],
  ['1 Flat 13a, Deptford High Street, London, SE8 4AD', null, '9000000004'],
  ['379A Lewisham High Street, Hither Green, London, SE13 6NZ.', null, '9000000006'],
  ['Flat A 379, Lewisham High Street, Hither Green, London, SE13 6NZ', null, '9000000006'],
  ['Flat C 152-154, High St, London, N4 2LF', null, '9000000011'],
  ['Lower Ground Floor Flat A 19, Albion Road, London, N16 9PS', null, '9000000012'],
  ['Mezzzanine Floor Flat 2 114 Stroud Green Road N4 3RZ', null, '9000000013'],
  ['Bedsit A, 22 Amhurst Park, London N16 5AA', null, '9000000014'],
  ['54 Egham Road Plaistow London E13 8PD', null, '9000000015'],
  ['117 Candy Street, London', 'E3 2LB', '9000000016'],
  ['12 Holly Street, London, N19 3JX\n                                    TEMPORARY EXEMPTION', null, '9000000017'],
  ['FLAT 2, 39 Cricklewood Broadway, London NW2 3JX', 'NW2 3JY', '9000000018'],
  ['Ground Floor Flat 85, Fairholt Road, London, N16 5EW.', null, '9000000019'],
  ['1st Floor Flat, 85 Fairholt Rd, N16 5EW', null, '9000000020'],
];

describe('matchAddresses', () => {
  let root: string;
  let db: Duck;
  let truth: Map<number, string>;
  let missing: Set<string>;
  let matches: AddressMatch[];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'hmo-match-'));
    await generateDrop({ out: root, boroughs: ['E09000012'], scale: 0.5, seed: 5, workers: 1 });
    db = await Duck.open();
    await db.run(`CREATE TABLE gazetteer_full AS SELECT CAST(uprn AS VARCHAR) AS uprn, address, postcode
      FROM read_csv(${sqlString(join(root, 'drop', 'E09000012', 'properties.csv'))}, all_varchar = true, header = true,
        delim = ',', quote = '"', escape = '"', strict_mode = false, ignore_errors = true)
      WHERE regexp_full_match(uprn, '[1-9][0-9]{0,11}') AND address IS NOT NULL AND regexp_full_match(postcode, '[A-Z0-9]+ [0-9][A-Z]{2}')
      QUALIFY count(*) OVER (PARTITION BY uprn) = 1 AND count(*) OVER (PARTITION BY lower(address), postcode) = 1`);
    for (const [uprn, address, postcode] of ISSUE_GAZETTEER) {
      await db.run(`INSERT INTO gazetteer_full VALUES (${sqlString(uprn)}, ${sqlString(address)}, ${sqlString(postcode)})`);
    }
    const entries = await db.all<{ uprn: string; address: string; postcode: string }>('SELECT * FROM gazetteer_full ORDER BY uprn');
    const messy = messyAddressVariants(entries, { seed: 5, localities: ['Hackney', 'Dalston'] });
    // A partial gazetteer: every 25th property is left out, so its rows are unmatchable.
    missing = new Set(entries.filter((_, i) => i % 25 === 7 && !_.uprn.startsWith('90000000')).map((e) => e.uprn));
    await db.run('CREATE TABLE gazetteer AS SELECT * FROM gazetteer_full WHERE uprn NOT IN (SELECT unnest($1::VARCHAR[]))'.replace('$1', `[${[...missing].map(sqlString).join(',')}]`));
    await db.run('CREATE TABLE raw (key BIGINT, address VARCHAR, postcode VARCHAR)');
    truth = new Map();
    const appender = await db.connection.createAppender('raw');
    const rows = [...ISSUE_RAW.map(([address, postcode, uprn]) => ({ address, postcode, uprn })), ...messy];
    rows.forEach((row, i) => {
      // keys are line numbers: not dense, not in insertion order
      const key = 1000 + (rows.length - i) * 2;
      truth.set(key, row.uprn);
      appender.appendBigInt(BigInt(key));
      appender.appendVarchar(row.address);
      if (row.postcode === null) appender.appendNull();
      else appender.appendVarchar(row.postcode);
      appender.endRow();
    });
    appender.closeSync();
    matches = await matchAddresses(db.connection, 'raw', 'gazetteer', { seed: 3 });
  });

  afterAll(() => {
    db.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('one match per raw row, in key order; a UPRN only when sure', () => {
    expect(matches.map((m) => m.key)).toEqual([...truth.keys()].sort((a, b) => a - b));
    for (const m of matches) {
      expect(['sure', 'review', 'none']).toContain(m.decision);
      if (m.decision === 'sure') expect(m.uprn).toBe(m.bestUprn);
      else expect(m.uprn).toBeNull();
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
  });

  test("the issue's same-property pairs and address forms are matched, sure", () => {
    const byKey = new Map(matches.map((m) => [m.key, m]));
    for (const [key, uprn] of truth) {
      if (!uprn.startsWith('90000000')) continue;
      expect({ key, uprn: byKey.get(key)?.uprn, decision: byKey.get(key)?.decision }).toEqual({ key, uprn, decision: 'sure' });
    }
  });

  test('sure matches are at least 99.5% right; rows of properties missing from the gazetteer are never sure', () => {
    const sure = matches.filter((m) => m.decision === 'sure');
    const right = sure.filter((m) => m.uprn === truth.get(m.key));
    expect(right.length / sure.length).toBeGreaterThanOrEqual(0.995);
    const onMissing = sure.filter((m) => missing.has(truth.get(m.key) ?? ''));
    expect(onMissing).toEqual([]);
    expect(sure.length).toBeGreaterThan(0);
  });

  test('same input and seed, same matches, in batches or not; the table variant writes the same rows and counts them', async () => {
    const run = await matchAddressesToTable(db.connection, 'raw', 'gazetteer', 'matches_table', { seed: 3, batchRows: 250 });
    const rows = await db.all<{ key: bigint; uprn: string | null; decision: string; best_uprn: string | null; score: number }>(
      'SELECT key, uprn, decision, best_uprn, score FROM matches_table ORDER BY key',
    );
    expect(rows.map((r) => [Number(r.key), r.uprn, r.decision, r.best_uprn, r.score])).toEqual(
      matches.map((m) => [m.key, m.uprn, m.decision, m.bestUprn, m.score]),
    );
    expect(run.rows).toBe(matches.length);
    expect([run.sure, run.review, run.none]).toEqual(
      (['sure', 'review', 'none'] as const).map((d) => matches.filter((m) => m.decision === d).length),
    );
    expect(run.model.comparisons.map((c) => c.name)).toEqual(['number and flat', 'building name', 'street', 'postcode']);
  });

  test('a different flat of the same building never gets the UPRN', async () => {
    await db.run('CREATE TABLE raw_flats (key BIGINT, address VARCHAR, postcode VARCHAR)');
    await db.run(`INSERT INTO raw_flats VALUES
      (1, 'Flat 3, 3 Henry Road, London', 'N4 2LH'),
      (2, 'Flat C 379 Lewisham High Street, London SE13 6NZ', NULL),
      (3, '379 Lewisham High Street, London SE13 6NZ', NULL),
      (4, '13A Deptford High Street, London, SE8 4AD', NULL)`);
    const flats = await matchAddresses(db.connection, 'raw_flats', 'gazetteer');
    for (const m of flats) expect(m.decision).not.toBe('sure');
  });

  test('a borough without a gazetteer, or with an empty one, is a clear error', async () => {
    await expect(matchAddresses(db.connection, 'raw', 'no_such_gazetteer')).rejects.toThrow(
      new HarmoniseError(harmoniseAddressMessages.noGazetteer('no_such_gazetteer')),
    );
    await db.run('CREATE TABLE empty_gazetteer (uprn VARCHAR, address VARCHAR, postcode VARCHAR)');
    await expect(matchAddresses(db.connection, 'raw', 'empty_gazetteer')).rejects.toThrow(harmoniseAddressMessages.emptyGazetteer('empty_gazetteer'));
    await db.run('CREATE TABLE bad_raw (key BIGINT, text VARCHAR)');
    await expect(matchAddresses(db.connection, 'bad_raw', 'gazetteer')).rejects.toThrow(/lacks columns "address", "postcode"/);
    await db.run(`CREATE TABLE twice_raw AS SELECT * FROM (VALUES (7, '1 Sanford Walk', NULL), (7, '2 Sanford Walk', NULL)) t(key, address, postcode)`);
    await expect(matchAddresses(db.connection, 'twice_raw', 'gazetteer')).rejects.toThrow(harmoniseAddressMessages.duplicateKeys('twice_raw', '7'));
    await expect(matchAddresses(db.connection, 'raw', 'gazetteer', { sureThreshold: 0.5, reviewThreshold: 0.9 })).rejects.toThrow(
      harmoniseAddressMessages.badThresholds(0.5, 0.9),
    );
    await expect(matchAddresses(db.connection, 'raw; DROP TABLE raw', 'gazetteer')).rejects.toThrow(HarmoniseError);
  });
});
