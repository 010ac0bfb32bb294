/**
 * Benchmark of `hmo harmonise` at London scale:
 *   1. a synthetic London drop (cached, as `npm run bench` makes it) and its raw exports
 *      (`--raw-style`, written once into the cache entry): every borough as its councils'
 *      systems would export it, with the truth of which raw row is which UPRN;
 *   2. per borough, `hmo harmonise suggest` then `apply` (the assumptions confirmed, the only
 *      edit), as separate processes in a pool of at most `--workers`, under `--memory-budget`
 *      (MemoryBudgetPool: a borough starts only while the estimated memory of those running and
 *      its own fits; largest first, smaller ones filling the gaps), so the pool's memory is
 *      bounded by the budget, not by workers × the largest borough;
 *   3. time and peak memory per borough and for the whole, the rows accounted for, the
 *      address-matching precision and coverage against the truth, and whether every
 *      harmonised borough passes validation.
 * Writes OUT/harmonise_bench.json and prints a Markdown table for docs/harmonise.md.
 *
 *   npm run build && node dist/scripts/bench/harmoniseBench.js --boroughs 33 --scale 36 --workers 2
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { writeRawExports } from '../../pipeline/generate/raw/writeRawExports.js';
import { writeNewKeyFile } from '../../pipeline/harmonise/apply/Pseudonymiser.js';
import { RawCsvReader } from '../../pipeline/harmonise/read/RawCsvReader.js';
import type { HarmoniseReport } from '../../pipeline/harmonise/report/HarmoniseReport.js';
import { cachedDrop } from './DropCache.js';
import { measureCommand, type Measurement } from './measureCommand.js';
import { MemoryBudgetPool } from './MemoryBudgetPool.js';
import { ProcessSampler } from './ProcessSampler.js';

interface BoroughResult {
  borough: string;
  rawRows: number;
  suggestSeconds: number;
  applySeconds: number;
  suggestCpuSeconds: number;
  applyCpuSeconds: number;
  suggestPeakMb: number;
  applyPeakMb: number;
  rowsRead: number;
  rowsWritten: number;
  rowsReview: number;
  rowsRejected: number;
  valid: boolean;
  sure: number;
  sureCorrect: number;
  matchable: number;
  matchableSure: number;
}

/** A borough process's memory before its data: Node, DuckDB, the code. */
const BASE_PEAK_BYTES = 200 * 2 ** 20;
/** Peak bytes per byte of raw exports, from a 226k-row borough (27 MB of exports, 660 MB peak): replaced by what the run measures. */
const PRIOR_PEAK_PER_RAW_BYTE = 17;

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

async function main(): Promise<void> {
  const args = await yargs(hideBin(process.argv))
    .option('boroughs', { type: 'number', default: 33 })
    .option('scale', { type: 'number', default: 36 })
    .option('seed', { type: 'number', default: 20260930 })
    .option('workers', { type: 'number', default: 2 })
    .option('style', { type: 'string', default: 'mixed' })
    .option('cache-dir', { type: 'string', default: 'scripts/bench/cache' })
    .option('out', { type: 'string', default: 'scripts/bench/cache/harmonise' })
    .option('memory-budget', { type: 'number', default: 0, describe: 'MB the pool may hold at once (by estimate); 0: only --workers bounds it' })
    .option('memory-limit', { type: 'string', default: '1GB', describe: "each apply's DuckDB memory limit (it spills past it)" })
    .option('prepare-only', { type: 'boolean', default: false, describe: 'generate (or find cached) the drop and its raw exports, then stop' })
    .strict()
    .parseAsync();
  const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const cacheDir = resolve(root, args['cache-dir']);
  const started = Date.now();
  const entry = await cachedDrop({ boroughs: args.boroughs, scale: args.scale, seed: args.seed, world: 'legacy' }, { root, cacheDir, node: process.execPath, log });
  const boroughs = readdirSync(entry.drop).filter((b) => /^E09\d{6}$/.test(b)).sort();
  const rawMarker = join(entry.dir, `raw-${args.style}.done`);
  let rawSeconds = Number.NaN;
  if (!existsSync(rawMarker)) {
    log(`writing raw exports (${args.style}) for ${boroughs.length} boroughs`);
    const t = Date.now();
    await writeRawExports({ out: entry.dir, boroughs, seed: args.seed, style: args.style, workers: args.workers });
    rawSeconds = (Date.now() - t) / 1000;
    writeFileSync(rawMarker, JSON.stringify({ seconds: rawSeconds }));
  } else rawSeconds = (JSON.parse(readFileSync(rawMarker, 'utf8')) as { seconds: number }).seconds;
  if (args['prepare-only']) {
    log(`raw exports ready in ${entry.dir} (generated in ${entry.generateSeconds.toFixed(0)} s, raw exports in ${rawSeconds.toFixed(0)} s)`);
    return;
  }

  const out = resolve(root, args.out, `b${args.boroughs}-s${args.scale}-${args.style}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const keyFile = join(out, 'bench.key');
  writeNewKeyFile(keyFile);
  const truthParts = splitTruth(join(entry.dir, 'raw_truth.csv'), join(out, 'truth'));
  const cli = join(root, 'dist', 'pipeline', 'cli.js');
  const sizes = new Map(boroughs.map((b) => [b, dirBytes(join(entry.dir, 'raw', b))]));
  // A borough's memory estimate: a base plus so much per byte of its raw exports, the rate raised to the highest
  // seen in the boroughs done so far (a prior from a 226k-row borough until then).
  let perRawByte = PRIOR_PEAK_PER_RAW_BYTE;
  const estimate = (borough: string) => BASE_PEAK_BYTES + perRawByte * (sizes.get(borough) ?? 0);
  const pool = new MemoryBudgetPool<string>({ workers: args.workers, budgetBytes: args['memory-budget'] * 2 ** 20, estimate });
  const results: BoroughResult[] = [];
  const poolStart = Date.now();
  // The whole pool's memory (every borough's process at once) and the machine's load while it runs.
  const poolSampler = new ProcessSampler(process.pid, 500);
  poolSampler.start();
  const loads: number[] = [loadavg()[0] ?? 0];
  const loadTimer = setInterval(() => loads.push(loadavg()[0] ?? 0), 15_000);
  // Each command under /usr/bin/time for its CPU seconds (user + system): on a shared machine the wall time
  // says how busy it was, the CPU time what the work costs.
  const run = async (command: string[], logName: string): Promise<Measurement & { cpuSeconds: number }> => {
    const cpuFile = join(out, 'logs', `${logName}.cpu`);
    mkdirSync(join(out, 'logs'), { recursive: true });
    const m = await measureCommand(['/usr/bin/time', '-f', '%U %S', '-o', cpuFile, ...command], { cwd: root, logFile: join(out, 'logs', logName) });
    if (m.exitCode !== 0) throw new Error(`${command.join(' ')} failed (${m.exitCode}): ${m.stderrTail.join('\n')}`);
    const [user, system] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number) as [number, number];
    return { ...m, cpuSeconds: user + system };
  };
  const harmonise = async (borough: string) => {
    const raw = join(entry.dir, 'raw', borough);
    const mapping = join(out, `${borough}.yaml`);
    const suggest = await run([process.execPath, cli, 'harmonise', 'suggest', '--raw', raw, '--borough', borough, '--out', mapping], `suggest-${borough}.log`);
    // The one edit a person makes: confirm the stated assumptions.
    writeFileSync(mapping, readFileSync(mapping, 'utf8').replace(/confirmed: false/g, 'confirmed: true'));
    const dir2 = join(out, borough);
    const apply = await run(
      [process.execPath, cli, 'harmonise', 'apply', '--raw', raw, '--mapping', mapping, '--gazetteer', join(entry.dir, 'gazetteer', borough, 'properties.csv'), '--key-file', keyFile, '--out', dir2, '--threads', '1', '--memory-limit', args['memory-limit']],
      `apply-${borough}.log`,
    );
    const report = JSON.parse(readFileSync(join(dir2, 'harmonise_report.json'), 'utf8')) as HarmoniseReport;
    const files = Object.values(report.files);
    const quality = matchQuality(join(dir2, 'matches', borough), readTruth(truthParts.get(borough)));
    results.push({
      borough,
      rawRows: files.reduce((s, f) => s + f.rows_read, 0),
      suggestSeconds: suggest.wallSeconds,
      applySeconds: apply.wallSeconds,
      suggestCpuSeconds: suggest.cpuSeconds,
      applyCpuSeconds: apply.cpuSeconds,
      suggestPeakMb: suggest.peakRssBytes / 2 ** 20,
      applyPeakMb: apply.peakRssBytes / 2 ** 20,
      rowsRead: files.reduce((s, f) => s + f.rows_read, 0),
      rowsWritten: files.reduce((s, f) => s + f.rows_written, 0),
      rowsReview: files.reduce((s, f) => s + f.rows_review, 0),
      rowsRejected: files.reduce((s, f) => s + f.rows_rejected, 0),
      valid: report.validation?.status === 'ok',
      ...quality,
    });
    const peak = Math.max(suggest.peakRssBytes, apply.peakRssBytes);
    perRawByte = Math.max(perRawByte, (peak - BASE_PEAK_BYTES) / Math.max(1, sizes.get(borough) ?? 1));
    log(`${borough}: ${results[results.length - 1]?.rawRows.toLocaleString('en-GB')} rows; suggest ${suggest.wallSeconds.toFixed(1)} s (CPU ${suggest.cpuSeconds.toFixed(1)} s), apply ${apply.wallSeconds.toFixed(1)} s (CPU ${apply.cpuSeconds.toFixed(1)} s, ${(apply.peakRssBytes / 2 ** 20).toFixed(0)} MB), sure precision ${pct(quality.sureCorrect, quality.sure)}, coverage ${pct(quality.matchableSure, quality.matchable)}`);
  };
  try {
    await pool.run(boroughs, harmonise);
  } finally {
    poolSampler.stop();
    clearInterval(loadTimer);
  }
  loads.push(loadavg()[0] ?? 0);
  const poolSeconds = (Date.now() - poolStart) / 1000;
  results.sort((a, b) => a.borough.localeCompare(b.borough));
  const sum = (f: (r: BoroughResult) => number) => results.reduce((s, r) => s + f(r), 0);
  const summary = {
    spec: { boroughs: args.boroughs, scale: args.scale, seed: args.seed, style: args.style, workers: args.workers },
    machine: { cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30) },
    raw_exports_seconds: rawSeconds,
    harmonise_seconds: poolSeconds,
    cpu_seconds: sum((r) => r.suggestCpuSeconds + r.applyCpuSeconds),
    /** What the pool would take with `workers` idle cores: the CPU seconds shared out. */
    quiet_machine_minutes_estimate: sum((r) => r.suggestCpuSeconds + r.applyCpuSeconds) / Math.max(1, args.workers) / 60,
    load_average: loadavg()[0],
    /** 1-minute load average sampled every 15 s while the boroughs ran: at the start, the mean and the highest. */
    load_during: { start: loads[0] ?? 0, mean: loads.reduce((a, b) => a + b, 0) / loads.length, max: Math.max(...loads) },
    /** Resident memory of every process of the pool at once (and the benchmark's own), polled every 0.5 s. */
    pool_peak_mb: poolSampler.peakBytes / 2 ** 20,
    pool_peak_estimate_mb: pool.peakEstimateBytes / 2 ** 20,
    memory_budget_mb: args['memory-budget'],
    raw_rows: sum((r) => r.rawRows),
    rows_written: sum((r) => r.rowsWritten),
    rows_review: sum((r) => r.rowsReview),
    rows_rejected: sum((r) => r.rowsRejected),
    max_borough_peak_mb: Math.max(...results.map((r) => Math.max(r.suggestPeakMb, r.applyPeakMb))),
    pool_peak_bound_mb: args.workers * Math.max(...results.map((r) => Math.max(r.suggestPeakMb, r.applyPeakMb))),
    all_valid: results.every((r) => r.valid),
    sure_precision: sum((r) => r.sureCorrect) / Math.max(1, sum((r) => r.sure)),
    sure_coverage: sum((r) => r.matchableSure) / Math.max(1, sum((r) => r.matchable)),
    total_seconds: (Date.now() - started) / 1000,
    boroughs: results,
  };
  writeFileSync(join(out, 'harmonise_bench.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(markdown(summary));
}

/** Splits raw_truth.csv into one file per borough (one streaming pass), so that a borough's truth is loaded alone. */
function splitTruth(path: string, dir: string): Map<string, string> {
  mkdirSync(dir, { recursive: true });
  const parts = new Map<string, string>();
  const buffers = new Map<string, string[]>();
  const flush = (borough: string) => {
    const lines = buffers.get(borough);
    if (lines && lines.length > 0) appendFileSync(parts.get(borough) as string, `${lines.join('\n')}\n`);
    buffers.set(borough, []);
  };
  const records = new RawCsvReader(path).records();
  records.next();
  for (let next = records.next(); !next.done; next = records.next()) {
    const [borough, file, line, uprn] = next.value.fields as [string, string, string, string];
    if (!parts.has(borough)) {
      parts.set(borough, join(dir, `${borough}.csv`));
      writeFileSync(join(dir, `${borough}.csv`), 'file,line,uprn\n');
      buffers.set(borough, []);
    }
    const buffer = buffers.get(borough) as string[];
    buffer.push(`"${file.replaceAll('"', '""')}",${line},${uprn}`);
    if (buffer.length >= 100_000) flush(borough);
  }
  for (const borough of parts.keys()) flush(borough);
  return parts;
}

/** Raw file → line → UPRN of one borough ('' when the row is no property). */
function readTruth(path: string | undefined): Map<string, Map<number, string>> {
  const truth = new Map<string, Map<number, string>>();
  if (path === undefined) return truth;
  const records = new RawCsvReader(path).records();
  records.next();
  for (let next = records.next(); !next.done; next = records.next()) {
    const [file, line, uprn] = next.value.fields as [string, string, string];
    const lines = truth.get(file) ?? new Map<number, string>();
    truth.set(file, lines);
    lines.set(Number(line), uprn);
  }
  return truth;
}

/** Sure matches right / sure, and matchable rows (a true UPRN) given a sure UPRN, from the review sheets. */
function matchQuality(sheets: string, truth: Map<string, Map<number, string>>): { sure: number; sureCorrect: number; matchable: number; matchableSure: number } {
  const q = { sure: 0, sureCorrect: 0, matchable: 0, matchableSure: 0 };
  if (!existsSync(sheets)) return q;
  for (const name of readdirSync(sheets)) {
    const lines = truth.get(name.replace(/\.csv$/, '')) ?? new Map<number, string>();
    const records = new RawCsvReader(join(sheets, name)).records();
    records.next();
    for (let next = records.next(); !next.done; next = records.next()) {
      const [line, , , uprn, , decision] = next.value.fields as [string, string, string, string, string, string];
      const expected = lines.get(Number(line)) ?? '';
      if (expected !== '') q.matchable += 1;
      if (decision === 'sure') {
        q.sure += 1;
        if (uprn === expected) q.sureCorrect += 1;
        if (expected !== '') q.matchableSure += 1;
      }
    }
  }
  return q;
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}

function pct(a: number, b: number): string {
  return b === 0 ? '–' : `${((100 * a) / b).toFixed(2)}%`;
}

function markdown(s: {
  spec: { boroughs: number; scale: number; style: string; workers: number };
  raw_rows: number;
  harmonise_seconds: number;
  cpu_seconds: number;
  quiet_machine_minutes_estimate: number;
  load_average: number | undefined;
  load_during: { start: number; mean: number; max: number };
  pool_peak_mb: number;
  memory_budget_mb: number;
  raw_exports_seconds: number;
  max_borough_peak_mb: number;
  pool_peak_bound_mb: number;
  all_valid: boolean;
  sure_precision: number;
  sure_coverage: number;
  rows_written: number;
  rows_review: number;
  rows_rejected: number;
}): string {
  return `| figure | value |
|---|---|
| boroughs, scale, raw style | ${s.spec.boroughs}, ${s.spec.scale}, ${s.spec.style} |
| raw rows read | ${s.raw_rows.toLocaleString('en-GB')} |
| written / to review / rejected | ${s.rows_written.toLocaleString('en-GB')} / ${s.rows_review.toLocaleString('en-GB')} / ${s.rows_rejected.toLocaleString('en-GB')} |
| harmonise (suggest + apply, ${s.spec.workers} boroughs at a time), wall | ${(s.harmonise_seconds / 60).toFixed(1)} min (1-min load average ${s.load_during.start.toFixed(0)} at the start, mean ${s.load_during.mean.toFixed(0)}, highest ${s.load_during.max.toFixed(0)}, on ${cpus().length} cores) |
| CPU time (user + system, all processes) | ${(s.cpu_seconds / 60).toFixed(1)} min, so about ${s.quiet_machine_minutes_estimate.toFixed(1)} min on ${s.spec.workers} idle cores |
| peak memory of one borough's process | ${s.max_borough_peak_mb.toFixed(0)} MB |
| peak memory of the whole pool (all its processes at once, measured) | ${s.pool_peak_mb.toFixed(0)} MB (${s.memory_budget_mb > 0 ? `budget ${s.memory_budget_mb} MB by estimate` : `no budget: at most ${s.spec.workers} × ${s.max_borough_peak_mb.toFixed(0)} MB`}) |
| every borough passes validation | ${s.all_valid ? 'yes' : 'NO'} |
| sure matches: precision, coverage of matchable rows | ${(100 * s.sure_precision).toFixed(2)}%, ${(100 * s.sure_coverage).toFixed(2)}% |
| writing the raw exports (generator, once) | ${s.raw_exports_seconds.toFixed(0)} s |
`;
}

await main();
