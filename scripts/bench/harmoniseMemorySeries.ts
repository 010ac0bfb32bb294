/**
 * How one borough's `hmo harmonise apply` peak memory grows with the borough's size: the same borough
 * (Southwark, register style: every row an address to match) generated at several scales, then suggest and
 * apply on each, one at a time, with DuckDB held to `--memory-limit`. Reports per size the raw rows, the
 * distinct addresses matched, peak resident memory of apply (polled), its CPU seconds, wall time and the load
 * average. With the rows to match, the matches and the duplicate check in DuckDB (which spills past its limit),
 * the peak should stay near Node's base plus the limit whatever the size.
 *
 *   npm run build && node dist/scripts/bench/harmoniseMemorySeries.js --scales 3,9,27 --memory-limit 256MB
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { writeNewKeyFile } from '../../pipeline/harmonise/apply/Pseudonymiser.js';
import type { HarmoniseReport } from '../../pipeline/harmonise/report/HarmoniseReport.js';
import { measureCommand } from './measureCommand.js';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

async function main(): Promise<void> {
  const args = await yargs(hideBin(process.argv))
    .option('scales', { type: 'string', default: '3,9,27' })
    .option('borough', { type: 'string', default: 'E09000028' })
    .option('style', { type: 'string', default: 'register' })
    .option('seed', { type: 'number', default: 5 })
    .option('memory-limit', { type: 'string', default: '256MB' })
    .option('out', { type: 'string', default: 'scripts/bench/cache/harmonise-memory' })
    .strict()
    .parseAsync();
  const out = resolve(root, args.out);
  mkdirSync(out, { recursive: true });
  const cli = join(root, 'dist', 'pipeline', 'cli.js');
  const key = join(out, 'bench.key');
  rmSync(key, { force: true });
  writeNewKeyFile(key);
  const run = async (command: string[], log: string) => {
    const cpuFile = `${log}.cpu`;
    const m = await measureCommand(['/usr/bin/time', '-f', '%U %S', '-o', cpuFile, process.execPath, cli, ...command], { cwd: root, logFile: log });
    if (m.exitCode !== 0) throw new Error(`hmo ${command.join(' ')} failed (${m.exitCode}): ${m.stderrTail.join('\n')}`);
    const [user, system] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number) as [number, number];
    return { ...m, cpuSeconds: user + system };
  };
  const rows: string[] = [];
  for (const scale of args.scales.split(',').map(Number)) {
    const dir = join(out, `${args.borough}-s${scale}-${args.style}-seed${args.seed}`);
    const raw = join(dir, 'raw', args.borough);
    try {
      readFileSync(join(dir, 'raw_truth.csv'));
    } catch {
      await run(['generate', '--out', dir, '--boroughs', args.borough, '--scale', String(scale), '--seed', String(args.seed), '--world', 'legacy', '--raw', '--raw-style', args.style, '--workers', '1'], join(out, `generate-s${scale}.log`));
    }
    const mapping = join(dir, 'mapping.yaml');
    await run(['harmonise', 'suggest', '--raw', raw, '--borough', args.borough, '--out', mapping, '--force'], join(out, `suggest-s${scale}.log`));
    writeFileSync(mapping, readFileSync(mapping, 'utf8').replace(/confirmed: false/g, 'confirmed: true'));
    const load = loadavg()[0] ?? 0;
    const harmonised = join(dir, 'harmonised');
    const apply = await run(
      ['harmonise', 'apply', '--raw', raw, '--mapping', mapping, '--gazetteer', join(dir, 'gazetteer', args.borough, 'properties.csv'), '--key-file', key, '--out', harmonised, '--threads', '1', '--memory-limit', args['memory-limit']],
      join(out, `apply-s${scale}.log`),
    );
    const report = JSON.parse(readFileSync(join(harmonised, 'harmonise_report.json'), 'utf8')) as HarmoniseReport;
    const rawRows = Object.values(report.files).reduce((s, f) => s + f.rows_read, 0);
    const line = `| ${scale} | ${rawRows.toLocaleString('en-GB')} | ${report.address_matching.distinct_addresses.toLocaleString('en-GB')} | ${(apply.peakRssBytes / 2 ** 20).toFixed(0)} MB | ${apply.cpuSeconds.toFixed(1)} s | ${apply.wallSeconds.toFixed(0)} s | ${load.toFixed(0)} |`;
    process.stderr.write(`${line}\n`);
    rows.push(line);
  }
  process.stdout.write(`apply's DuckDB memory limit ${args['memory-limit']}; ${args.borough}, ${args.style} style, seed ${args.seed}\n\n| scale | raw rows | distinct addresses | peak memory (apply) | CPU (apply) | wall | 1-min load at start |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`);
}

await main();
