#!/usr/bin/env node
// `npm run build`: compiles the TypeScript to dist/ (incrementally), then
// afterBuild.mjs. When no source, tsconfig.json or package-lock.json changed
// since the last build (same list of sources, none newer), tsc is not run at
// all: `npm start` on an unchanged checkout starts the pipeline at once.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stampFile = join(root, 'dist', '.build-stamp.json');
const sourceDirs = ['pipeline', 'models', 'scripts', 'test', join('notebooks', 'lib')];

function* tsFiles(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'cache') yield* tsFiles(path);
    } else if (entry.name.endsWith('.ts')) yield path;
  }
}

function currentStamp() {
  const inputs = [...sourceDirs.flatMap((d) => [...tsFiles(join(root, d))]), join(root, 'tsconfig.json'), join(root, 'package-lock.json')]
    .filter((f) => existsSync(f))
    .sort();
  let newest = 0;
  for (const f of inputs) newest = Math.max(newest, statSync(f).mtimeMs);
  return { files: inputs.map((f) => relative(root, f)), newest };
}

const force = process.argv.includes('--force');
const stamp = currentStamp();
let upToDate = false;
if (!force && existsSync(stampFile) && existsSync(join(root, 'dist', 'pipeline', 'cli.js'))) {
  try {
    const previous = JSON.parse(readFileSync(stampFile, 'utf8'));
    upToDate = previous.newest === stamp.newest && JSON.stringify(previous.files) === JSON.stringify(stamp.files);
  } catch {
    upToDate = false;
  }
}
if (!upToDate) {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  writeFileSync(stampFile, JSON.stringify(stamp));
}
const after = spawnSync(process.execPath, [join(root, 'scripts', 'build', 'afterBuild.mjs')], { stdio: 'inherit' });
process.exit(after.status ?? 1);
