import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliMessages } from '../../../pipeline/messages/cli.js';
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
