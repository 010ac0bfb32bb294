#!/usr/bin/env node
// Runs after every `npm run build` (and so after `npm ci`, through `prepare`):
// 1. removes compiled files under dist/ whose TypeScript source is gone (tsc
//    builds incrementally and never deletes, so a moved or deleted test would
//    otherwise still run from dist/);
// 2. makes dist/pipeline/cli.js executable and links it as node_modules/.bin/hmo,
//    so that `npx hmo …` works in this checkout (npm links the bin of
//    dependencies, never the root package's own);
// 3. renders `hmo --help` into dist/pipeline/help/ (scripts/build/writeHelp.ts),
//    which the executable prints without loading yargs (pipeline/help/).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

let removed = 0;
if (existsSync(dist)) {
  for (const file of files(dist)) {
    const match = /^(.*)\.(js|js\.map|d\.ts|d\.ts\.map)$/.exec(relative(dist, file));
    if (!match) continue;
    const source = join(root, `${match[1]}.ts`);
    if (!existsSync(source)) {
      rmSync(file);
      removed++;
    }
  }
}
if (removed > 0) console.log(`build: removed ${removed} compiled file(s) of deleted sources from dist/`);

const cli = join(dist, 'pipeline', 'cli.js');
if (existsSync(cli)) {
  chmodSync(cli, 0o755);
  const bin = join(root, 'node_modules', '.bin');
  const link = join(bin, 'hmo');
  if (existsSync(join(root, 'node_modules'))) {
    mkdirSync(bin, { recursive: true });
    let present = false;
    try {
      present = lstatSync(link).isSymbolicLink() && existsSync(link);
    } catch {
      present = false;
    }
    if (!present) {
      try {
        unlinkSync(link);
      } catch {
        // nothing to replace
      }
      symlinkSync(relative(bin, cli), link);
    }
  }
}

const writeHelp = join(dist, 'scripts', 'build', 'writeHelp.js');
if (existsSync(writeHelp)) {
  const rendered = spawnSync(process.execPath, [writeHelp], { stdio: 'inherit' });
  if (rendered.status !== 0) process.exit(rendered.status ?? 1);
}
