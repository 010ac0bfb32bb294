import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../../pipeline/commands/index.js';
import { cliMessages } from '../../../pipeline/messages/cli.js';
import { runMessages } from '../../../pipeline/messages/run.js';
import { infoLine } from '../../../pipeline/progress/QuietRenderer.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { runHmo } from '../../helpers/runHmo.js';

/** What a new user meets at the command line: one-line messages that say what to do, and the same exit code for the same mistake. */
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hmo-new-user-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('--out naming a file', () => {
  test.each([
    [['run', '--drop', 'DROP', '--out', 'FILE'], 'out'],
    [['ingest', '--drop', 'DROP', '--out', 'FILE'], 'out'],
    [['features', '--out', 'FILE'], 'out'],
    [['train', '--out', 'FILE'], 'out'],
    [['evaluate', '--out', 'FILE'], 'out'],
    [['generate', '--out', 'FILE'], 'out'],
    [['runs', 'list', '--out', 'FILE'], 'out'],
    [['models', 'list', '--out', 'FILE'], 'out'],
    [['rank', '--drop-db', 'FILE'], 'drop-db'],
  ])('%j is a usage error in one line, exit 2, no stack trace', async (args, option) => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    const drop = join(root, 'drop');
    mkdirSync(join(drop, 'E09000007'), { recursive: true });
    const { code, stderr, stdout } = await runHmo(args.map((a) => (a === 'FILE' ? file : a === 'DROP' ? drop : a)));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${cliMessages.notAFolder(option, file, option === 'out')}\n`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a required file deleted from a drop', () => {
  test('is an error of the borough, shown even with --quiet, never a warning', async () => {
    const drop = join(root, 'missing-file', 'drop');
    cpSync(join(packageRoot(), 'data', 'sample', 'drop', 'E09000007'), join(drop, 'E09000007'), { recursive: true });
    rmSync(join(drop, 'E09000007', 'properties.csv'));
    const out = join(root, 'missing-file', 'out');
    const quiet = await runHmo(['run', '--drop', drop, '--out', out, '--quiet', '--workers', '1']);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toMatch(/error \[ingest E09000007\]: E09000007\/properties\.csv: the file listed in the manifest is missing/);
    expect(quiet.stderr).not.toMatch(/warning/i);
    const plain = await runHmo(['run', '--drop', drop, '--out', join(root, 'missing-file', 'out2'), '--workers', '1']);
    expect(plain.stderr).toMatch(/error \[ingest E09000007\]: E09000007\/properties\.csv/);
    expect(plain.stderr).not.toMatch(/warning \[ingest E09000007\]: E09000007\/properties\.csv/);
  });
});

describe('progress lines', () => {
  test('a stage message that names its borough does not get the code twice', () => {
    expect(infoLine({ stage: 'features', borough: 'E09000012', message: 'E09000012: 3084 properties scored' })).toBe('features: E09000012: 3084 properties scored');
    expect(infoLine({ stage: 'rank', borough: 'E09000007', message: 'E09000007 Camden: 2650 candidates ranked' })).toBe('rank: E09000007 Camden: 2650 candidates ranked');
    expect(infoLine({ stage: 'rank', borough: 'E09000007', message: 'Scoring done' })).toBe('rank E09000007: Scoring done');
    expect(infoLine({ stage: 'train', message: 'Chosen model: logistic' })).toBe('train: Chosen model: logistic');
  });
});

describe('naming a run', () => {
  test('an unknown run id and an ambiguous one are both usage errors (exit 2) that say what to give', async () => {
    const out = join(root, 'runs-out');
    for (const id of ['2026-12-03T080750-aaaaaa', '2026-12-03T080810-bbbbbb']) {
      mkdirSync(join(out, 'runs', id), { recursive: true });
      writeFileSync(join(out, 'runs', id, 'run.json'), JSON.stringify({ run_id: id, status: 'ok' }));
    }
    const unknown = await runHmo(['runs', 'diff', 'zzz', 'latest', '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(runMessages.unknownRun('zzz', ['2026-12-03T080750-aaaaaa', '2026-12-03T080810-bbbbbb']));
    const ambiguous = await runHmo(['runs', 'diff', '2026-12-03', 'latest', '--out', out]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(runMessages.ambiguousRun('2026-12-03', ['2026-12-03T080750-aaaaaa', '2026-12-03T080810-bbbbbb']));
    const promote = await runHmo(['models', 'promote', 'zzz', '--out', out]);
    expect(promote.code).toBe(2);
  });
});

describe('commands the tool prints', () => {
  test('every command a message tells the user to run is printed as "npx hmo …" and names a real command', async () => {
    const dir = join(packageRoot(), 'pipeline', 'messages');
    const text = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    // A bare `hmo <command>` to run (in quotes, or after "run"/"with") would fail in a clean clone: npm links npx hmo only.
    // ("written by "hmo rank"" names the tool that wrote a file: nothing to run.)
    expect(text.match(/((?<!written by )["(]|\brun |\bwith )hmo (ingest|features|train|evaluate|rank|run|runs|models|outcomes|generate|validate)\b/g) ?? []).toEqual([]);
    const printed = [...text.matchAll(/npx hmo ([a-z]+)(?: ([a-z]+))?/g)].map((m) => [m[1] as string, m[2]] as const);
    expect(printed.length).toBeGreaterThan(10);
    const names = commands.map((c) => String(c.command).split(' ')[0]);
    for (const [command, sub] of printed) {
      expect(names).toContain(command);
      if (command === 'models' || command === 'runs') expect(['list', 'promote', 'diff']).toContain(sub);
    }
    const help = await runHmo(['models', 'promote', '--help']);
    expect(help.code).toBe(0);
  });
});
