import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { applyMapping } from '../../../pipeline/harmonise/apply/applyMapping.js';
import { Pseudonymiser, readKeyFile } from '../../../pipeline/harmonise/apply/Pseudonymiser.js';
import { checkMapping, readMapping } from '../../../pipeline/harmonise/mapping/mappingYaml.js';
import { harmoniseMessages } from '../../../pipeline/messages/harmonise.js';
import { runHmo } from '../../helpers/runHmo.js';
import { standInAddressMatcher, standInKey } from '../../helpers/standInAddressMatcher.js';
import { confirmAssumptions } from './harmoniseTestKit.js';
import { REGISTER_FIXTURES, writeFixture, writeFixtureGazetteer } from './registerFixtures.js';

const BOROUGH = 'E09000012';
const fixture = REGISTER_FIXTURES[0]!;

describe('hmo harmonise (command line, key, review decisions)', () => {
  let dir: string;
  let raw: string;
  let gazetteer: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hmo-harmonise-cli-'));
    raw = join(dir, 'raw');
    writeFixture(raw, fixture);
    gazetteer = join(dir, 'gazetteer.csv');
    writeFixtureGazetteer(gazetteer, [fixture]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keygen writes a key readable by its owner only and never overwrites it', async () => {
    const key = join(dir, 'k.key');
    const first = await runHmo(['harmonise', 'keygen', '--out', key]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(harmoniseMessages.keyWritten(key));
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const before = readFileSync(key, 'utf8');
    const again = await runHmo(['harmonise', 'keygen', '--out', key]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(harmoniseMessages.keyFileExists(key));
    expect(readFileSync(key, 'utf8')).toBe(before);
    const p = new Pseudonymiser(readKeyFile(key));
    expect(p.pseudonym('surname', ' smith ')).toBe(p.pseudonym('surname', 'SMITH'));
    expect(p.pseudonym('surname', 'SMITH')).not.toBe(p.pseudonym('landlord', 'SMITH'));
    expect(p.pseudonym('account', 'CT1')).toMatch(/^[0-9a-f]{16}$/);
    writeFileSync(join(dir, 'bad.key'), 'not a key\n');
    expect(() => readKeyFile(join(dir, 'bad.key'))).toThrow(harmoniseMessages.keyFileBad(join(dir, 'bad.key')));
  });

  it('suggest writes the mapping and never overwrites one without --force', async () => {
    const out = join(dir, 'm.yaml');
    const first = await runHmo(['harmonise', 'suggest', '--raw', raw, '--borough', BOROUGH, '--out', out]);
    expect(first.code).toBe(0);
    expect(readMapping(out).files[fixture.file]?.table).toBe('licences');
    expect(readFileSync(out, 'utf8')).toMatch(/^# hmo harmonise mapping/);
    const again = await runHmo(['harmonise', 'suggest', '--raw', raw, '--borough', BOROUGH, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(harmoniseMessages.outExists(out));
    const bad = await runHmo(['harmonise', 'suggest', '--raw', raw, '--borough', 'E09000099', '--out', join(dir, 'x.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(harmoniseMessages.unknownBorough('E09000099'));
  });

  it('apply refuses unconfirmed assumptions, a missing gazetteer and a mapping that names no standard column, saying what to do', async () => {
    const mapping = join(dir, 'm.yaml');
    const args = ['harmonise', 'apply', '--raw', raw, '--mapping', mapping, '--out', join(dir, 'out')];
    const unconfirmed = await runHmo([...args, '--gazetteer', gazetteer]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('not yet confirmed');
    expect(unconfirmed.stderr).toContain('extract_date');
    writeFileSync(mapping, readFileSync(mapping, 'utf8').replace(/confirmed: false/g, 'confirmed: true'));
    const noGazetteer = await runHmo([...args, '--gazetteer', join(dir, 'missing.csv')]);
    expect(noGazetteer.code).toBe(2);
    expect(noGazetteer.stderr).toContain(harmoniseMessages.noGazetteer(join(dir, 'missing.csv')));
    expect(existsSync(join(dir, 'out', 'drop'))).toBe(false);

    const withPeople = parse(readFileSync(mapping, 'utf8'));
    withPeople.files[fixture.file].columns['Property Ref'].to = 'landlord_ref';
    expect(() => checkMapping(withPeople, 'm.yaml')).toThrow('"landlord_ref" is not a column of licences');
    withPeople.files[fixture.file].table = 'housing';
    expect(() => checkMapping(withPeople, 'm.yaml')).toThrow('files.hmo_licence_register_2026-09-30.csv.table: "housing" is not a table of the standard');
  });

  it('a filled-in review sheet fed back with --decisions settles the rows held for review', async () => {
    const mapping = confirmAssumptions(readMapping(join(dir, 'm.yaml')));
    // The stand-in knows two addresses, and holds one of them for review.
    const sure = standInKey('18 Kestrel Avenue, London, NW10 9ZQ', '');
    const held = standInKey('Flat 5 20, Acacia Grove, Hackney, London, N4 9ZR', '');
    const matcher = standInAddressMatcher(new Map([[sure, '100000000001'], [held, '100000000002']]), new Set([held]));
    const out = join(dir, 'decided');
    const first = await applyMapping({ raw, mapping, gazetteer, out, matcher });
    const file = first.files[fixture.file]!;
    expect(file.rows_review).toBe(1);
    expect(file.rows_written).toBe(1);
    expect(file.rows_read).toBe(file.rows_written + file.rows_review + file.rows_rejected);
    const sheetPath = join(out, 'matches', BOROUGH, `${fixture.file}.csv`);
    const sheet = readFileSync(sheetPath, 'utf8').split('\n');
    const reviewRow = sheet.find((l) => l.startsWith('3,'));
    expect(reviewRow).toMatch(/,,0\.8,review,/);
    // The sheet names the best candidate (the one the score is about) and its address, so the person can check it.
    expect(reviewRow).toMatch(/,100000000002,"2 Fixture Road, London",$/);
    // A person fills in the UPRN of the review row and says "none" for one unmatched row.
    const filled = sheet.map((l) => (l.startsWith('3,') ? l.replace(',,0.8,review,', ',100000000002,0.8,review,') : l.startsWith('4,') ? l.replace(/^(4,[^,]*,[^,]*,)/, '$1none') : l));
    const decisions = join(dir, 'reviewed');
    mkdirSync(decisions, { recursive: true });
    writeFileSync(join(decisions, `${fixture.file}.csv`), filled.join('\n'));
    const second = await applyMapping({ raw, mapping, gazetteer, out, matcher, decisions: [decisions] });
    const after = second.files[fixture.file]!;
    expect(after.rows_review).toBe(0);
    expect(after.rows_written).toBe(2);
    expect(after.reasons.reviewed_no_match).toBe(1);
    expect(second.address_matching.decided_by_review).toBe(2);
    const licences = readFileSync(join(out, 'drop', BOROUGH, 'licences.csv'), 'utf8');
    expect(licences).toContain('100000000002,HMO/0002,additional-hmo,2021-02-01,2026-01-31,4,4');
  });
});
