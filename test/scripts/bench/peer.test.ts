import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { writeFixtureDrop } from './fixtureDrop.js';
import { DEBIAN_PYTHON, pythonHas } from '../../helpers/debianPython.js';

// The peer is a yardstick in Python; it needs Debian's pandas and scikit-learn.
const PYTHON = DEBIAN_PYTHON;
const available = pythonHas('pandas', 'sklearn');
if (!available) {
  process.stderr.write('peer.test: SKIPPED, /usr/bin/python3 lacks pandas/scikit-learn (apt-get install -y python3-pandas python3-sklearn python3-xgboost)\n');
}
const maybe = available ? describe : describe.skip;

maybe('the Python peer (yardstick)', () => {
  let dir: string;
  let fixture: ReturnType<typeof writeFixtureDrop>;
  let stdout: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-peer-'));
    fixture = writeFixtureDrop(dir, 3, 300);
    const result = spawnSync(PYTHON, [join(packageRoot(), 'scripts', 'bench', 'peer', 'hmo_peer.py'), '--drop', fixture.drop, '--out', join(dir, 'peer'), '--top', '20', '--threads', '1'], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`peer failed (${String(result.status)}): ${result.stderr}`);
    stdout = result.stdout;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('announces its stages as JSON event lines', () => {
    const events = stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; stage: string });
    expect(events.map((e) => `${e.event}:${e.stage}`)).toEqual([
      'stage_start:ingest', 'stage_end:ingest', 'stage_start:features', 'stage_end:features',
      'stage_start:train', 'stage_end:train', 'stage_start:rank', 'stage_end:rank',
    ]);
  });

  test('quarantines exactly the injected faults', () => {
    const summary = JSON.parse(readFileSync(join(dir, 'peer', 'summary.json'), 'utf8')) as { boroughs: Record<string, { status: string; tables: Record<string, { rows_read: number; rows_accepted: number; reasons: Record<string, number> }> }> };
    for (const code of fixture.boroughs) {
      const borough = summary.boroughs[code];
      expect(borough?.status).toBe('ok');
      for (const [table, counts] of Object.entries(borough?.tables ?? {})) {
        expect(counts.reasons).toEqual(fixture.faults[code]?.[table] ?? {});
        expect(counts.rows_read - counts.rows_accepted).toBe(Object.values(counts.reasons).reduce((s, v) => s + v, 0));
      }
    }
  });

  test('writes per-borough top lists of candidates only, for every model', () => {
    const summary = JSON.parse(readFileSync(join(dir, 'peer', 'summary.json'), 'utf8')) as { models: string[]; best_model: string; metrics: Record<string, { lobo_roc_auc: number }> };
    expect(summary.models).toEqual(expect.arrayContaining(['logistic', 'hgb']));
    expect(summary.models).toContain(summary.best_model);
    const excluded = new Set<string>();
    for (const code of fixture.boroughs) {
      const folder = join(fixture.drop, code);
      for (const line of readFileSync(join(folder, 'inspections.csv'), 'utf8').trim().split('\n').slice(1)) excluded.add(`${code}|${line.split(',')[0]}`);
      for (const line of readFileSync(join(folder, 'licences.csv'), 'utf8').trim().split('\n').slice(1)) {
        const [uprn, , scheme] = line.split(',');
        if (scheme !== 'selective') excluded.add(`${code}|${uprn}`);
      }
    }
    for (const model of summary.models) {
      expect(readdirSync(join(dir, 'peer', 'lists', model)).sort()).toEqual(fixture.boroughs.map((c) => `${c}.csv`));
      for (const code of fixture.boroughs) {
        const rows = readFileSync(join(dir, 'peer', 'lists', model, `${code}.csv`), 'utf8').trim().split('\n');
        expect(rows[0]).toBe('rank,uprn,address,score');
        expect(rows).toHaveLength(21);
        const scores = rows.slice(1).map((r) => Number(r.split(',').pop()));
        expect([...scores].sort((a, b) => b - a)).toEqual(scores);
        for (const r of rows.slice(1)) expect(excluded.has(`${code}|${r.split(',')[1]}`)).toBe(false);
      }
      // The fixture's signal is strong: any sensible model ranks far better than chance.
      expect(summary.metrics[model]?.lobo_roc_auc).toBeGreaterThan(0.6);
    }
  });

  test('writes held-out predictions in the pipeline\'s validation shape', () => {
    const lines = readFileSync(join(dir, 'peer', 'predictions.csv'), 'utf8').trim().split('\n');
    // With the labelling inspection's date, as the pipeline's predictions.parquet has it, so the two match row for row.
    expect(lines[0]).toBe('scheme,model,fold,borough_code,uprn,inspection_date,label,score');
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.slice(1).every((line) => /^lobo,[a-z]+,[^,]+,E09\d{6},[1-9]\d*,\d{4}-\d{2}-\d{2},[01],/.test(line))).toBe(true);
  });
});

maybe('the Python peer\'s validation, on the standard\'s edge cases', () => {
  let dir: string;
  type Summary = { boroughs: Record<string, { status: string; errors: string[]; tables: Record<string, { rows_read: number; rows_accepted: number; reasons: Record<string, number> }> }> };
  let summary: Summary;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-peer-edge-'));
    const fixture = writeFixtureDrop(dir, 3, 20);
    const [a, b, c] = fixture.boroughs as [string, string, string];
    const manifestOf = (code: string) => JSON.parse(readFileSync(join(fixture.drop, code, 'manifest.json'), 'utf8')) as { tables: Record<string, { rows: number }> };
    const setTable = (code: string, table: string, text: string, rows: number) => {
      writeFileSync(join(fixture.drop, code, `${table}.csv`), text);
      const manifest = manifestOf(code);
      (manifest.tables[table] as { rows: number }).rows = rows;
      writeFileSync(join(fixture.drop, code, 'manifest.json'), JSON.stringify(manifest));
    };
    const props = readFileSync(join(fixture.drop, a, 'properties.csv'), 'utf8').trim().split('\n');
    const first = props[1] as string;
    const [uprn] = first.split(',');
    // A: BOM, CRLF, a quoted line break, blank lines, a duplicate row, a duplicate UPRN, a bad enum, a bad number.
    const changed = first.replace(',house,', ',flat,').replace(',terraced,', ',converted,').replace(',unknown,', ',converted,');
    const extra = [
      `9000001,"1 Line\nBreak Road",N1 1AA,E05000001,,,,house,,,,,,C,unknown,`,
      first,
      changed === first ? first.replace(/,[A-H],(owner-occupied|private-rented|social-rented)/, ',H,$1') : changed,
      `9000002,x,N1,E05000001,,,,castle,,,,,,C,unknown,`,
      `9000003,x,N1,E05000001,,,,house,,,1e3,,,C,unknown,`,
      `09000004,x,N1,E05000001,,,,house,,,,,,C,unknown,`,
    ];
    setTable(a, 'properties', `\ufeff${[...props, ...extra].join('\r\n')}\r\n\r\n`, props.length - 1 + extra.length);
    const ct = readFileSync(join(fixture.drop, a, 'council_tax.csv'), 'utf8').trim().split('\n');
    ct.push(`${uprn},F1,2027-01-01,,false,false,1`, `${uprn},F2,2020-01-01,,yes,false,1`, `${uprn},F3,2020-01-01,,false,false,0`, `${uprn},,2020-01-01,,false,false,1`);
    setTable(a, 'council_tax', `${ct.join('\n')}\n`, ct.length - 1);
    // B: the manifest's row count is wrong; C: a personal-data column.
    const manifestB = manifestOf(b);
    (manifestB.tables.licences as { rows: number }).rows += 1;
    writeFileSync(join(fixture.drop, b, 'manifest.json'), JSON.stringify(manifestB));
    const complaints = readFileSync(join(fixture.drop, c, 'complaints.csv'), 'utf8').replace('uprn,received_date,category', 'uprn,received_date,category, Email');
    writeFileSync(join(fixture.drop, c, 'complaints.csv'), complaints);
    // D: text after a closing quote makes a file unreadable.
    cpSync(join(fixture.drop, a), join(fixture.drop, 'E09000004'), { recursive: true });
    const manifestD = JSON.parse(readFileSync(join(fixture.drop, 'E09000004', 'manifest.json'), 'utf8')) as { borough_code: string };
    manifestD.borough_code = 'E09000004';
    writeFileSync(join(fixture.drop, 'E09000004', 'manifest.json'), JSON.stringify(manifestD));
    writeFileSync(join(fixture.drop, 'E09000004', 'complaints.csv'), `uprn,received_date,category\n${uprn},"2025-01-01"x,noise\n`);
    const result = spawnSync(PYTHON, [join(packageRoot(), 'scripts', 'bench', 'peer', 'hmo_peer.py'), '--drop', fixture.drop, '--out', join(dir, 'peer'), '--validate-only'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`peer failed (${String(result.status)}): ${result.stderr}`);
    summary = JSON.parse(readFileSync(join(dir, 'peer', 'summary.json'), 'utf8')) as Summary;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('quarantines each bad row with the first reason the standard gives', () => {
    const a = summary.boroughs.E09000001;
    expect(a?.status).toBe('ok');
    expect(a?.tables.properties?.reasons).toEqual({ duplicate_row: 1, duplicate_uprn: 1, unknown_enum: 1, invalid_number: 1, malformed_uprn: 1 });
    expect(a?.tables.properties?.rows_read).toBe(20 + 6);
    expect(a?.tables.council_tax?.reasons).toEqual({ bad_date: 1, future_date: 1, bad_boolean: 1, invalid_number: 1, missing_value: 1 });
  });

  test('fails whole boroughs, naming the file and the problem', () => {
    expect(summary.boroughs.E09000002).toMatchObject({ status: 'failed' });
    expect(summary.boroughs.E09000002?.errors[0]).toMatch(/licences\.csv: manifest says rows \d+, the file holds \d+ records/);
    expect(summary.boroughs.E09000003?.errors[0]).toMatch(/complaints\.csv: personal-data column ' Email'/);
    expect(summary.boroughs.E09000004?.errors[0]).toMatch(/complaints\.csv: unreadable CSV/);
  });
});
