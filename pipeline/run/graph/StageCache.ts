import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { outputLayout } from '../../layout.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { ContentHasher, type FileHashes } from './ContentHasher.js';

/** What the cache knows about one completed node (per borough for per-borough nodes). */
export interface CacheRecord {
  node: string;
  borough: string | null;
  /** Hash of everything the outputs depend on: code version, params sections, input contents. */
  key: string;
  code_version: string;
  params_hash: string;
  /** Per named input: its files' content hashes (or a value's hash). */
  inputs: Record<string, string>;
  /** Per named output: its path relative to OUT and the hash of every file under it. */
  outputs: Record<string, { path: string; files: FileHashes }>;
  /** The run that produced the outputs. */
  run_id: string;
  seconds: number;
  finished_at: string;
}

/**
 * The run cache under OUT/cache: one JSON record per node (and borough),
 * written only after the node's outputs are in place, and removed before the
 * node runs again, so a crash or kill never leaves a record that vouches for
 * half-written outputs. A record is honoured only when its key matches and
 * every output still has the recorded content.
 *
 * @example
 *   const cache = new StageCache('out/sample');
 *   const record = cache.read('features', 'E09000007');
 *   if (record?.key === key && (await cache.intact(record, hasher))) { ... }
 */
export class StageCache {
  private readonly layout;

  constructor(private readonly out: string) {
    this.layout = outputLayout(out);
  }

  read(node: string, borough?: string): CacheRecord | undefined {
    const file = this.layout.cacheRecord(node, borough);
    if (!existsSync(file)) return undefined;
    try {
      const record = JSON.parse(readFileSync(file, 'utf8')) as CacheRecord;
      return typeof record.key === 'string' && typeof record.outputs === 'object' ? record : undefined;
    } catch {
      return undefined; // an unreadable record is no record: the node reruns
    }
  }

  write(record: CacheRecord): void {
    writeFileAtomic(this.layout.cacheRecord(record.node, record.borough ?? undefined), `${JSON.stringify(record, null, 2)}\n`);
  }

  remove(node: string, borough?: string): void {
    rmSync(this.layout.cacheRecord(node, borough), { force: true });
  }

  /** Boroughs that have a record for a per-borough node. */
  boroughsOf(node: string): string[] {
    const dir = join(this.layout.cacheDir, node);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json') && name !== 'all.json')
      .map((name) => basename(name, '.json'))
      .sort();
  }

  /** True when every recorded output exists with exactly the recorded files and contents. */
  async intact(record: CacheRecord, hasher: ContentHasher): Promise<boolean> {
    for (const output of Object.values(record.outputs)) {
      const path = this.absolute(output.path);
      if (path === undefined) return false;
      const actual = await hasher.hashPaths(this.out, [path]);
      if (!sameHashes(actual, output.files)) return false;
    }
    return true;
  }

  /** The absolute path of a path recorded relative to OUT; undefined if it would leave OUT. */
  absolute(recorded: string): string | undefined {
    if (isAbsolute(recorded)) return undefined;
    const path = resolve(this.out, recorded);
    const rel = relative(resolve(this.out), path);
    return rel.startsWith('..') || rel.split(sep)[0] === '..' ? undefined : path;
  }
}

function sameHashes(a: FileHashes, b: FileHashes): boolean {
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => a[key] === b[key]);
}
