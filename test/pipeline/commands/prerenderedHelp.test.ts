/**
 * `hmo --help` prints the page the build rendered (pipeline/help/,
 * scripts/build/writeHelp.ts) instead of loading yargs: it must be exactly
 * what yargs prints, at every width it is rendered for, and yargs must still
 * answer every other command line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliParser } from '../../../pipeline/main.js';
import { helpWidth, PRERENDERED_WIDTHS, prerenderedHelp, prerenderedHelpFile } from '../../../pipeline/help/prerenderedHelp.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';

const cli = join(packageRoot(), 'dist', 'pipeline', 'cli.js');
const hmo = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('the prerendered hmo --help', () => {
  test('is, byte for byte, what yargs prints (output to a pipe: 100 columns)', () => {
    const fast = hmo(['--help']);
    const slow = hmo(['--help'], { HMO_HELP_CACHE: '0' });
    expect(fast.status).toBe(0);
    expect(slow.status).toBe(0);
    expect(fast.stdout).toMatch(/^hmo <command> \[options\]/);
    expect(fast.stdout).toBe(slow.stdout);
    expect(hmo(['-h']).stdout).toBe(slow.stdout);
  });

  test.each([...PRERENDERED_WIDTHS])('is the help yargs renders at %i columns, every command listed', async (width) => {
    const file = prerenderedHelpFile(width);
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(`${await cliParser([], width).getHelp()}\n`);
    for (const command of ['run', 'generate', 'harmonise', 'validate', 'ingest', 'features', 'train', 'evaluate', 'rank', 'outcomes', 'runs', 'models']) {
      expect(text).toMatch(new RegExp(`^  hmo ${command}\\b`, 'm'));
    }
    expect(text.split('\n').every((line) => line.length <= width)).toBe(true);
  });

  test('only for hmo --help or -h alone, at a prerendered width, unless HMO_HELP_CACHE=0', () => {
    expect(prerenderedHelp(['--help'], undefined, {})).toBe(readFileSync(prerenderedHelpFile(100), 'utf8'));
    expect(prerenderedHelp(['-h'], 200, {})).toBe(readFileSync(prerenderedHelpFile(110), 'utf8'));
    expect(prerenderedHelp(['--help'], 80, {})).toBe(readFileSync(prerenderedHelpFile(80), 'utf8'));
    expect(prerenderedHelp(['--help'], 93, {})).toBeUndefined();
    expect(prerenderedHelp(['run', '--help'], undefined, {})).toBeUndefined();
    expect(prerenderedHelp(['--help', '--version'], undefined, {})).toBeUndefined();
    expect(prerenderedHelp([], undefined, {})).toBeUndefined();
    expect(prerenderedHelp(['--help'], undefined, { HMO_HELP_CACHE: '0' })).toBeUndefined();
    expect(helpWidth(undefined)).toBe(100);
    expect(helpWidth(300)).toBe(110);
  });

  test('yargs still answers the rest: a command help, a usage error', () => {
    expect(hmo(['run', '--help']).stdout).toMatch(/^hmo run/);
    const bad = hmo(['--no-such-option']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Usage error/);
  });
});
