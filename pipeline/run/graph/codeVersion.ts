import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from './ContentHasher.js';

// Relative specifiers of static imports, re-exports and dynamic imports with a literal path,
// and any string literal naming a relative .js module (a module imported through a constant).
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1|(['"])(\.{1,2}\/[^'"\s]+\.js)\3/g;

const cache = new Map<string, string>();

/**
 * The code version of a stage: a SHA-256 over the compiled JavaScript of its
 * entry modules and of every project module they import, transitively
 * (relative imports only: libraries are covered by `extraFiles`, typically
 * package-lock.json), plus the contents of `extraFiles` (files or folders the
 * code reads as data, such as the standard's schema). Editing a stage's code,
 * or a helper it imports, changes its version and so invalidates its cache;
 * editing another stage does not.
 *
 * @example
 *   codeVersion([new URL('../../ingest/ingestBorough.js', import.meta.url).href], ['package-lock.json']);
 */
export function codeVersion(entries: readonly string[], extraFiles: readonly string[] = []): string {
  const key = `${entries.join('\n')}\n--\n${extraFiles.join('\n')}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const version = computeCodeVersion(entries, extraFiles);
  cache.set(key, version);
  return version;
}

/** `codeVersion` without the per-process memo (the code does not change during a run). */
export function computeCodeVersion(entries: readonly string[], extraFiles: readonly string[] = []): string {
  const modules = importClosure(entries.map((e) => (e.startsWith('file:') ? fileURLToPath(e) : resolve(e))));
  const root = commonRoot(modules);
  const hash = createHash('sha256');
  for (const file of modules) hash.update(`${relative(root, file).split(sep).join('/')}\0`).update(readFileSync(file)).update('\0');
  for (const file of listFiles(extraFiles)) hash.update(`${file.split(sep).pop() ?? ''}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Every module reachable from `entries` through relative imports, sorted. Missing modules are skipped. */
export function importClosure(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = (match[2] ?? match[4]) as string;
      pending.push(resolve(dirname(file), specifier));
    }
  }
  return [...seen].sort();
}

function commonRoot(files: readonly string[]): string {
  if (files.length === 0) return '/';
  let root = dirname(files[0] as string);
  for (const file of files) {
    while (!file.startsWith(root + sep) && dirname(root) !== root) root = dirname(root);
  }
  return root;
}
