import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { writeFixtureDrop } from './fixtureDrop.js';

// The peer is a yardstick in Python; it needs Debian's pandas and scikit-learn.
const PYTHON = '/usr/bin/python3';
const available = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import pandas, sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
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
        expect(rows[0]).toBe('rank,uprn,score');
        expect(rows).toHaveLength(21);
        const scores = rows.slice(1).map((r) => Number(r.split(',')[2]));
        expect([...scores].sort((a, b) => b - a)).toEqual(scores);
        for (const r of rows.slice(1)) expect(excluded.has(`${code}|${r.split(',')[1]}`)).toBe(false);
      }
      // The fixture's signal is strong: any sensible model ranks far better than chance.
      expect(summary.metrics[model]?.lobo_roc_auc).toBeGreaterThan(0.6);
    }
  });

  test('writes held-out predictions in the pipeline\'s validation shape', () => {
    const lines = readFileSync(join(dir, 'peer', 'predictions.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('scheme,model,fold,borough_code,uprn,label,score');
    expect(lines.length).toBeGreaterThan(100);
  });
});
