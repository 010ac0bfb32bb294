/**
 * After `npm ci` (which runs `prepare`, so `npm run build`), `npx hmo` must
 * work in the checkout: node_modules/.bin/hmo links the compiled CLI and the
 * CLI is executable. npm never links the root package's own bin, so
 * scripts/build/afterBuild.mjs does.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../pipeline/util/packageRoot.js';

const root = packageRoot();

test('node_modules/.bin/hmo is the compiled CLI, executable', () => {
  const link = join(root, 'node_modules', '.bin', 'hmo');
  expect(realpathSync(link)).toBe(realpathSync(join(root, 'dist', 'pipeline', 'cli.js')));
  expect(() => accessSync(link, constants.X_OK)).not.toThrow();
});

test('npx hmo --help runs as the README prints it', () => {
  const result = spawnSync('npx', ['hmo', '--help'], { cwd: root, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^hmo <command>/);
});
