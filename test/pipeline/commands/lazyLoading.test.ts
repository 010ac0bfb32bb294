/**
 * `hmo --help` and the commands that need no model, chart or database load
 * none of TensorFlow.js, vega or DuckDB: a command's definition is light and
 * its handler imports the stage when it runs (pipeline/commands/index.ts).
 *
 * A test of structure, not of timing: the CLI runs in a child process with a
 * module loader hook that records every module Node resolves (every import of
 * the project's ES modules, and the entry of every package they import, by
 * `import` or by `require`), and the test reads that record.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';

const root = packageRoot();
const cli = join(root, 'dist', 'pipeline', 'cli.js');
/** Packages that only a command's work needs, never its definition or its help. */
const HEAVY = /\/node_modules\/(@tensorflow\/|vega[^/]*\/|@duckdb\/)/;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hmo-lazy-'));
  writeFileSync(
    join(dir, 'hooks.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      'export async function resolve(specifier, context, next) {',
      '  const result = await next(specifier, context);',
      "  appendFileSync(process.env.HMO_MODULE_LOG, result.url + '\\n');",
      '  return result;',
      '}',
    ].join('\n'),
  );
  // ES imports through the loader hook; CommonJS `require` (pipeline/db/Duck.ts loads DuckDB so) through Module._resolveFilename.
  writeFileSync(
    join(dir, 'register.mjs'),
    [
      "import Module, { register } from 'node:module';",
      "import { appendFileSync } from 'node:fs';",
      "import { isAbsolute } from 'node:path';",
      "import { pathToFileURL } from 'node:url';",
      `register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});`,
      'const resolveFilename = Module._resolveFilename;',
      'Module._resolveFilename = function (...args) {',
      '  const file = resolveFilename.apply(this, args);',
      "  if (isAbsolute(file)) appendFileSync(process.env.HMO_MODULE_LOG, pathToFileURL(file).href + '\\n');",
      '  return file;',
      '};',
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** Runs `hmo ...args` and returns the URLs of the modules it loaded, and its exit status. */
function loadedModules(args: string[], env: Record<string, string> = {}): { modules: string[]; status: number | null; stdout: string } {
  const log = join(dir, `modules-${++runs}.txt`);
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env, HMO_MODULE_LOG: log },
  });
  return { modules: readFileSync(log, 'utf8').split('\n').filter(Boolean), status: result.status, stdout: result.stdout };
}

describe('hmo loads what a command needs when it needs it', () => {
  test('hmo --help loads no TensorFlow.js, vega or DuckDB, and no stage', () => {
    // Rendered by yargs (the page the build renders, test/pipeline/commands/prerenderedHelp.test.ts, comes from this).
    const { modules, status, stdout } = loadedModules(['--help'], { HMO_HELP_CACHE: '0' });
    expect(status).toBe(0);
    expect(stdout).toMatch(/^hmo <command>/);
    expect(modules.some((url) => url.endsWith('/dist/pipeline/commands/index.js'))).toBe(true);
    expect(modules.filter((url) => HEAVY.test(url))).toEqual([]);
    const stages = /\/dist\/(pipeline\/(ingest|features|train|evaluate|rank|outcomes|run|writers|harmonise)|models)\//;
    expect(modules.filter((url) => stages.test(url))).toEqual([]);
  });

  test('hmo --help and hmo -h, as the build rendered them, load neither yargs nor any command', () => {
    for (const flag of ['--help', '-h']) {
      const { modules, status, stdout } = loadedModules([flag]);
      expect(status).toBe(0);
      expect(stdout).toMatch(/^hmo <command>/);
      expect(modules.filter((url) => /\/node_modules\/yargs|\/dist\/pipeline\/(commands|main\.js)/.test(url))).toEqual([]);
    }
  });

  test.each(['run', 'generate', 'validate', 'ingest', 'features', 'train', 'evaluate', 'rank', 'outcomes', 'runs', 'models', 'harmonise', 'harmonise apply'])(
    'hmo %s --help loads no TensorFlow.js, vega or DuckDB',
    (command) => {
      const { modules, status } = loadedModules([...command.split(' '), '--help']);
      expect(status).toBe(0);
      expect(modules.filter((url) => HEAVY.test(url))).toEqual([]);
    },
  );

  test('hmo runs list and hmo models list read the registry without TensorFlow.js, vega or DuckDB', () => {
    const out = join(dir, 'empty-out');
    for (const args of [['runs', 'list', '--out', out, '--json'], ['models', 'list', '--out', out, '--json']]) {
      const { modules, status } = loadedModules(args);
      expect(status).toBe(0);
      expect(modules.some((url) => url.includes('/dist/pipeline/run/registry/'))).toBe(true);
      expect(modules.filter((url) => HEAVY.test(url))).toEqual([]);
    }
  });

  test('hmo run with the default learners (logistic regression, blend) never loads TensorFlow.js: train, evaluate and rank; training an MLP does', () => {
    const out = join(dir, 'sample-out');
    const tensorflow = /\/node_modules\/@tensorflow\//;
    const run = loadedModules(['run', '--drop', join(root, 'data', 'sample', 'drop'), '--out', out, '--quiet']);
    expect(run.status).toBe(0);
    for (const stage of ['train', 'evaluate', 'rank']) expect(run.modules.some((url) => url.includes(`/dist/pipeline/${stage}/`))).toBe(true);
    expect(run.modules.some((url) => url.includes('/dist/models/logistic/logisticImplementation.js'))).toBe(true);
    expect(run.modules.filter((url) => tensorflow.test(url))).toEqual([]);
    const params = join(dir, 'mlp.json');
    writeFileSync(params, JSON.stringify({ train: { models: ['mlp'], mlp: { epochs: 2 } } }));
    const mlp = loadedModules(['train', '--out', out, '--model-dir', join(dir, 'mlp-model'), '--params', params]);
    expect(mlp.status).toBe(0);
    expect(mlp.modules.some((url) => tensorflow.test(url))).toBe(true);
  });

  test('the record sees a heavy package when a command needs it (hmo validate opens DuckDB)', () => {
    const { modules } = loadedModules(['validate', '--drop', join(root, 'data', 'sample', 'drop')]);
    expect(modules.some((url) => /\/node_modules\/@duckdb\//.test(url))).toBe(true);
  });
});
