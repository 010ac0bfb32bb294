import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { sha256File } from '../../util/hash.js';

/** The content hash of every file under a path, keyed by the path relative to the run's OUT or drop. */
export type FileHashes = Record<string, string>;

/** Names of temporary siblings left by `pipeline/util/atomicWrite.ts` (a killed stage may leave one). */
export const TEMP_NAME = /^\..*\.tmp-\d+-\d+$/;

/**
 * Hashes files by their contents (never by timestamps). Within one run a file
 * already hashed is not read again while its size, inode and modification
 * time are unchanged (a stage that rewrites it changes them); across runs
 * every file is read again.
 *
 * @example
 *   const hasher = new ContentHasher();
 *   await hasher.hashPaths('out', ['out/ingest/E09000007']); // { 'ingest/E09000007/properties.parquet': '3f…', … }
 */
export class ContentHasher {
  private readonly memo = new Map<string, { stamp: string; hash: string }>();

  /** SHA-256 of one file's contents. */
  async hashFile(path: string): Promise<string> {
    const stat = statSync(path, { bigint: true });
    const stamp = `${stat.size}:${stat.ino}:${stat.mtimeNs}:${stat.ctimeNs}`;
    const known = this.memo.get(path);
    if (known !== undefined && known.stamp === stamp) return known.hash;
    const hash = await sha256File(path);
    this.memo.set(path, { stamp, hash });
    return hash;
  }

  /**
   * Every file under `paths` (files, or folders walked in name order; temporary
   * files skipped; missing paths contribute nothing), with its content hash,
   * keyed by its path relative to `base` with `/` separators.
   */
  async hashPaths(base: string, paths: readonly string[]): Promise<FileHashes> {
    const hashes: FileHashes = {};
    for (const file of listFiles(paths)) hashes[relativeKey(base, file)] = await this.hashFile(file);
    return sortKeys(hashes);
  }

  /**
   * The files of one borough's drop folder that ingest reads: `manifest.json`
   * and every file its `tables` list, so that an unlisted CSV (ignored by the
   * standard) does not invalidate the cache. A manifest that cannot be read
   * falls back to every file of the folder.
   */
  async hashDropBorough(drop: string, borough: string): Promise<FileHashes> {
    const folder = join(drop, borough);
    const manifest = join(folder, 'manifest.json');
    const listed = listedFiles(manifest);
    if (listed === undefined) return this.hashPaths(drop, [folder]);
    const files = [manifest, ...listed.map((file) => join(folder, file))];
    const hashes: FileHashes = {};
    for (const file of files) {
      // A listed file that is missing fails the borough at ingest; its absence is part of the key.
      hashes[relativeKey(drop, file)] = isFile(file) ? await this.hashFile(file) : 'missing';
    }
    return sortKeys(hashes);
  }
}

/** One hash standing for a set of file hashes (order independent). */
export function combineHashes(hashes: FileHashes | Record<string, unknown>): string {
  const hash = createHash('sha256');
  for (const key of Object.keys(hashes).sort()) hash.update(`${key}\0${JSON.stringify(hashes[key])}\n`);
  return hash.digest('hex');
}

/** Every regular file under the given files or folders, in a stable order, skipping temporary files. */
export function listFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (path: string) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isFile()) {
      files.push(path);
    } else if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (!TEMP_NAME.test(name)) visit(join(path, name));
      }
    }
  };
  for (const path of [...paths].sort()) visit(path);
  return files;
}

function listedFiles(manifest: string): string[] | undefined {
  if (!existsSync(manifest)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { tables?: Record<string, { file?: unknown }> };
    if (parsed.tables === undefined || parsed.tables === null || typeof parsed.tables !== 'object') return undefined;
    const files = Object.values(parsed.tables).map((t) => t?.file);
    if (!files.every((f): f is string => typeof f === 'string' && f !== '' && !f.includes('/') && !f.includes('\\') && f !== '..')) return undefined;
    return [...new Set(files)].sort();
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function relativeKey(base: string, file: string): string {
  return relative(base, file).split(sep).join('/');
}

function sortKeys(hashes: FileHashes): FileHashes {
  return Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
