import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { produceAtomically, writeFileAtomic } from '../../pipeline/util/atomicWrite.js';
import { hashJson, sha256 } from '../../pipeline/util/hash.js';
import { benchMessages as m } from '../../pipeline/messages/bench.js';
import { measureCommand, type Measurement } from './measureCommand.js';

/** The arguments a synthetic drop is generated from. */
export interface DropSpec {
  /** A count (`--boroughs N`) or GSS codes separated by commas. */
  boroughs: number | string;
  scale: number;
  seed: number;
  /** The generator's world (`--world`); the speed benchmark's London is `legacy`, so its figures stay comparable across commits. */
  world: string;
}

/** A generated drop in the cache. */
export interface CachedDrop {
  spec: DropSpec;
  key: string;
  dir: string;
  drop: string;
  truth: string;
  /** True when this call found it in the cache; false when it generated it. */
  reused: boolean;
  /** Seconds `hmo generate` took when the drop was made. */
  generateSeconds: number;
}

/**
 * Hash of the generator's source (every file under `pipeline/generate/` and
 * the `generate` command), so that a change to the generator makes a new
 * cache entry instead of silently reusing a drop it would no longer make.
 */
export function generatorCodeHash(root: string): string {
  const files = [...listFiles(join(root, 'pipeline', 'generate')), join(root, 'pipeline', 'commands', 'generate.ts')].filter((f) => existsSync(f)).sort();
  return hashJson(files.map((file) => [relative(root, file), sha256(readFileSync(file))]));
}

/** The cache key of a drop: its generator arguments and the generator's code. */
export function dropKey(spec: DropSpec, codeHash: string): string {
  return hashJson({ boroughs: spec.boroughs, scale: spec.scale, seed: spec.seed, world: spec.world, code: codeHash }).slice(0, 16);
}

/**
 * Returns the drop generated with `spec`, from `cacheDir` when an entry with
 * the same key is complete, otherwise by running `hmo generate` into a
 * temporary folder renamed into place (an interrupted generation leaves no
 * half-made entry).
 *
 * @example
 *   const drop = await cachedDrop({ boroughs: 6, scale: 1, seed: 20260930, world: 'legacy' }, { root, cacheDir, node: process.execPath });
 *   drop.drop; // scripts/bench/cache/drops/<key>/drop
 */
export async function cachedDrop(
  spec: DropSpec,
  options: { root: string; cacheDir: string; node: string; log?: (line: string) => void },
): Promise<CachedDrop> {
  const key = dropKey(spec, generatorCodeHash(options.root));
  const boroughs = typeof spec.boroughs === 'number' ? String(spec.boroughs) : String(spec.boroughs.split(',').length);
  const dir = join(options.cacheDir, 'drops', `${spec.world}-b${boroughs}-s${spec.scale}-seed${spec.seed}-${key}`);
  const marker = join(dir, 'generated.json');
  if (existsSync(marker)) {
    const recorded = JSON.parse(readFileSync(marker, 'utf8')) as { generate_seconds?: number };
    return { spec, key, dir, drop: join(dir, 'drop'), truth: join(dir, 'truth.csv'), reused: true, generateSeconds: recorded.generate_seconds ?? Number.NaN };
  }
  options.log?.(m.generating(spec, dir));
  const measurement = await produceAtomically(dir, async (tmp) => {
    const result: Measurement = await measureCommand(
      [options.node, join(options.root, 'dist', 'pipeline', 'cli.js'), 'generate', '--out', tmp, '--boroughs', String(spec.boroughs), '--scale', String(spec.scale), '--seed', String(spec.seed), '--world', spec.world],
      { cwd: options.root, logFile: join(options.cacheDir, 'logs', `generate-${key}.log`) },
    );
    if (result.exitCode !== 0) throw new Error(m.generateFailed(spec, result.exitCode, result.stderrTail));
    if (!existsSync(join(tmp, 'drop'))) throw new Error(m.generateMadeNoDrop(tmp));
    writeFileAtomic(join(tmp, 'generated.json'), `${JSON.stringify({ spec, key, generate_seconds: result.wallSeconds, peak_rss_bytes: result.peakRssBytes }, null, 2)}\n`);
    return result;
  });
  return { spec, key, dir, drop: join(dir, 'drop'), truth: join(dir, 'truth.csv'), reused: false, generateSeconds: measurement.wallSeconds };
}

/** Size of a drop: CSV files, their bytes, and the records the manifests declare (the source rows). */
export interface DropSize {
  boroughs: number;
  files: string[];
  bytes: number;
  sourceRows: number;
  properties: number;
}

/**
 * Measures a drop from its manifests (`rows` of every listed table) and files,
 * without reading the CSVs.
 *
 * @example
 *   dropSize('scripts/bench/cache/drops/.../drop').sourceRows;
 */
export function dropSize(drop: string): DropSize {
  const size: DropSize = { boroughs: 0, files: [], bytes: 0, sourceRows: 0, properties: 0 };
  for (const borough of readdirSync(drop).sort()) {
    const folder = join(drop, borough);
    if (!statSync(folder).isDirectory()) continue;
    size.boroughs += 1;
    for (const name of readdirSync(folder).sort()) {
      if (!name.endsWith('.csv')) continue;
      size.files.push(join(folder, name));
      size.bytes += statSync(join(folder, name)).size;
    }
    try {
      const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { tables?: Record<string, { rows?: unknown }> };
      for (const [table, entry] of Object.entries(manifest.tables ?? {})) {
        const rows = typeof entry?.rows === 'number' ? entry.rows : 0;
        size.sourceRows += rows;
        if (table === 'properties') size.properties += rows;
      }
    } catch {
      // A borough without a readable manifest contributes its files only; ingest will fail it.
    }
  }
  return size;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
